"""An author's walk on a copy of the project: write posts and a page, `invoke check`,
`invoke build`, `invoke preview --siteurl`, `invoke serve --port`, as the README says."""

import datetime
import io
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

from sitebuild import copy_project, free_port, normalise, parse, png, write_page, write_post

INVOKE = str(Path(sys.executable).with_name("invoke"))
NEXT_MONTH = datetime.date.today() + datetime.timedelta(days=31)


PNG = png()


def invoke(project, *args, timeout=300):
    return subprocess.run([INVOKE, *args], cwd=project, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "COLUMNS": "250"})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The seed site plus three new posts and a page, as the issue's "done when" has them."""
    project = copy_project(tmp_path_factory.mktemp("author") / "project")
    content = project / "content"
    (content / "images").mkdir()
    (content / "images" / "visit-notes.png").write_bytes(PNG)
    write_post(content, "open-notes", date="2026-11-02 09:00", category="ethics",
               body="Patients read their notes.\n\n"
                    "![A patient reading visit notes on a phone]({static}/images/visit-notes.png)")
    write_post(content, "open-notes-follow-up", date="2026-11-09 09:00",
               body="A follow-up to [open notes]({filename}/posts/open-notes.md).")
    write_post(content, "coming-next-month", date=f"{NEXT_MONTH:%Y-%m-%d} 09:30",
               body="Announced ahead of time.")
    write_page(content, "members", body="How to join the society.")
    return project


def test_check_passes_on_the_new_content(project):
    result = invoke(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == (
        "invoke check: no problems; the site is ready to publish.")


def test_check_fails_with_one_line_per_problem(project, tmp_path):
    broken = copy_project(tmp_path / "broken", content=project / "content")
    content = broken / "content"
    write_post(content, "typo", catgory="ethics")
    write_post(content, "dead-link", body="See [this]({filename}/posts/no-such-post.md).")
    write_post(content, "no-image", body="![A chart]({static}/images/chart.png)")
    write_post(content, "bad-date", date="2011-02-30")
    result = invoke(broken, "check")
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines()
                if line.startswith("content/") and " is dated " not in line]
    assert [line.split(":")[0] for line in problems] == [
        "content/posts/bad-date.md", "content/posts/dead-link.md", "content/posts/no-image.md",
        "content/posts/typo.md"]
    assert any(line.startswith("content/posts/typo.md:5: 'Catgory'")
               and line.endswith("did you mean 'Category'?") for line in problems)
    assert "invoke check: 4 problems; fix them, then run `invoke check` again." in (
        result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    # The local build prints the same lines; the impossible date stops it before writing.
    result = invoke(broken, "build")
    assert result.returncode == 1
    log = result.stdout + result.stderr
    assert "Traceback" not in log
    assert ("ERROR content/posts/bad-date.md:2: Date '2011-02-30' is not a real date; write it "
            "as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30\n") in log
    assert sum(line.startswith("WARNING content/posts/") for line in log.splitlines()) == 3
    assert not (broken / "output" / "index.html").exists()


def test_build_shows_the_future_post_marked_and_preview_leaves_it_out(project, tmp_path):
    result = invoke(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    local = project / "output" / f"{NEXT_MONTH:%Y/%m}" / "coming-next-month" / "index.html"
    assert parse(local).select_one(".post-scheduled") is not None
    published = tmp_path / "published"
    result = invoke(project, "preview", "--output", str(published),
                    "--siteurl", "http://127.0.0.1:8123")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (published / f"{NEXT_MONTH:%Y/%m}" / "coming-next-month").exists()
    page = parse(published / "2026/11/open-notes-follow-up/index.html")
    link = page.select_one(".post-content a")
    assert link["href"] == "http://127.0.0.1:8123/2026/11/open-notes/"
    image = parse(published / "2026/11/open-notes/index.html").select_one(
        ".post-content picture img")
    # plugins/images publishes copies (tests/images): here the one at the picture's own size.
    assert re.fullmatch(r"http://127\.0\.0\.1:8123/images/visit-notes\.[0-9a-f]{8}-40\.png",
                        image["src"]), image["src"]
    copy = Image.open(published / image["src"].removeprefix("http://127.0.0.1:8123/"))
    assert copy.tobytes() == Image.open(io.BytesIO(PNG)).tobytes()
    members = parse(published / "members" / "index.html")
    assert normalise(members.h1.get_text()) == "Members"


def fetch_when_up(url, process, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing answered at {url} within {seconds} s")


@pytest.mark.parametrize("task", ["reserve", "livereload"])
def test_serve_and_livereload_take_a_port(project, task):
    port = free_port()
    process = subprocess.Popen([INVOKE, task, "--port", str(port)], cwd=project,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        status, html = fetch_when_up(f"http://127.0.0.1:{port}/members/", process)
        assert status == 200 and "How to join the society." in html
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        process.stdout.close()
