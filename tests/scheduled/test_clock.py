""""Now" is the site's TIMEZONE (America/New_York), whatever the machine's clock says: the
date `invoke new-post` writes, when `invoke check` says a post goes live, and which posts the
publish build holds back all read one clock. Each test pins the machine's TZ, and the moment
with SITE_NOW (read in the site's time zone), in a subprocess as an author runs the tasks."""

import datetime
import os
import subprocess
from zoneinfo import ZoneInfo

import pytest

from sitebuild import INVOKE, PUBLISH_SETTINGS, build, copy_project, run_invoke, write_post
from tools.authoring.build import from_now

SITE_ZONE = ZoneInfo("America/New_York")


def written_date(path):
    return next(line.removeprefix("Date: ") for line in path.read_text().splitlines()
                if line.startswith("Date: "))


def test_new_post_writes_the_sites_local_time_on_a_utc_machine(tmp_path):
    project = copy_project(tmp_path / "project")
    env = {key: value for key, value in os.environ.items() if key != "SITE_NOW"}
    before = datetime.datetime.now(SITE_ZONE).replace(second=0, microsecond=0)
    result = subprocess.run([INVOKE, "new-post", "Written just now"], cwd=project, env={
        **env, "TZ": "UTC"}, capture_output=True, text=True, timeout=120)
    after = datetime.datetime.now(SITE_ZONE)
    assert result.returncode == 0, result.stderr
    (path,) = (project / "content" / "posts").rglob("written-just-now.md")
    written = datetime.datetime.strptime(written_date(path), "%Y-%m-%d %H:%M")
    # New York's wall clock, not the machine's UTC one (four or five hours ahead of it).
    assert before <= written.replace(tzinfo=SITE_ZONE) <= after
    assert path.parent.name == f"{written:%Y}"


def test_new_post_writes_the_moment_site_now_names_whatever_the_machines_zone(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_invoke("new-post", "Late at night", cwd=project,
                        env={"TZ": "Asia/Tokyo", "SITE_NOW": "2026-12-31 22:26"})
    assert result.returncode == 0, result.stderr
    path = project / "content/posts/2026/late-at-night.md"
    assert written_date(path) == "2026-12-31 22:26"


@pytest.fixture(scope="module")
def scheduled_project(tmp_path_factory):
    """Two posts either side of 2026-12-01 22:26 in New York (03:26 UTC the next day)."""
    project = copy_project(tmp_path_factory.mktemp("clock") / "project")
    content = project / "content"
    write_post(content, "already-due", date="2026-12-01 22:00")
    scheduled = write_post(content, "tomorrow-early", date="2026-12-02 03:26")
    (content / "posts" / "2026").mkdir()
    scheduled.rename(content / "posts" / "2026" / "x.md")  # the issue's own example
    return project


def test_check_says_in_words_when_a_scheduled_post_goes_live(scheduled_project):
    result = run_invoke("check", cwd=scheduled_project,
                        env={"TZ": "UTC", "SITE_NOW": "2026-12-01 22:26"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "content/posts/2026/x.md is dated 2026-12-02 03:26 (America/New_York), 5 hours from "
        "now: it appears on the first daily run after that",
        "invoke check: no problems; the site is ready to publish.",
    ]
    assert "draft" not in (result.stdout + result.stderr).lower()


def test_check_reads_the_same_clock_as_the_hold_back(scheduled_project):
    # A minute before: the first post is not due either; at its minute, it is.
    result = run_invoke("check", cwd=scheduled_project,
                        env={"TZ": "UTC", "SITE_NOW": "2026-12-01 21:59"})
    assert [line.split(" is dated ")[0] for line in result.stdout.splitlines()[:-1]] == [
        "content/posts/2026/x.md", "content/posts/already-due.md"]
    result = run_invoke("check", cwd=scheduled_project,
                        env={"TZ": "UTC", "SITE_NOW": "2026-12-02 03:26"})
    assert result.stdout.splitlines() == [
        "invoke check: no problems; the site is ready to publish."]


@pytest.mark.parametrize("now,published", [
    ("2026-12-01 22:26", ["already-due"]),
    # The workflow's daily run at 05:10 UTC is 00:10 in New York in winter.
    ("2026-12-02 00:10", ["already-due"]),
    ("2026-12-03 00:10", ["already-due", "tomorrow-early"]),
])
def test_the_publish_build_holds_a_post_back_until_the_site_clock_reaches_it(
        tmp_path, monkeypatch, now, published):
    content = tmp_path / "content"
    write_post(content, "already-due", date="2026-12-01 22:00")
    write_post(content, "tomorrow-early", date="2026-12-02 03:26")
    monkeypatch.setenv("SITE_NOW", now)
    site = build(content, tmp_path / "output", settings_file=PUBLISH_SETTINGS,
                 fatal="warnings", SITEURL="https://blog.example.org")
    written = sorted(path.parent.name for path in site.root.glob("2026/12/*/index.html"))
    assert written == published


@pytest.mark.parametrize("minutes,words", [
    (0.2, "1 minute from now"), (40, "40 minutes from now"), (60, "1 hour from now"),
    (300, "5 hours from now"), (47 * 60, "47 hours from now"), (3 * 24 * 60, "3 days from now"),
])
def test_from_now_says_the_time_ahead_as_a_person_would(minutes, words):
    assert from_now(datetime.timedelta(minutes=minutes)) == words


def test_a_site_now_not_in_the_sites_date_form_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_invoke("new-post", "Soon", cwd=project,
                        env={"SITE_NOW": "12/01/2026 10:00"})
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "new-post: SITE_NOW '12/01/2026 10:00' is not a date this site reads (only YYYY-MM-DD "
        "or YYYY-MM-DD HH:MM); write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30")
    assert not (project / "content" / "posts" / "2026").exists()
