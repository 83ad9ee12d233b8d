"""The migration runbook (docs/migrating.md), run as a migrator runs it: on a clone of the
project with the shipped content, an export built from what real exports taught
(fixtures/real-quirks.xml) and its uploads folder given as a folder, the commands in order,
with no hand edits (issue 21, "Done when")."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from media_helpers import picture

from sitebuild import FIXTURE_CONTENT, SEED_PATH, copy_project, parse, run_invoke, text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPORT = FIXTURES / "real-quirks.xml"
ATOM = "{http://www.w3.org/2005/Atom}"
# The seed post's two responses, shipped in content/comments.json (tests/site/fixtures).
SEED_RESPONSES = ["Unfortunately, the medical profession is far more conservative",
                  "Nice post, thank you for your information."]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    root = tmp_path_factory.mktemp("runbook")
    clone = copy_project(root / "clone", content=FIXTURE_CONTENT)
    uploads = root / "uploads" / "2011" / "07"
    uploads.mkdir(parents=True)
    (uploads / "harbour.jpg").write_bytes(picture((30, 90, 160), (600, 400), "JPEG"))
    (uploads / "chart.png").write_bytes(picture((200, 120, 20), (120, 80)))
    (uploads / "minutes.pdf").write_bytes(b"%PDF-1.4\n% the minutes\n%%EOF\n")
    steps = {}
    for name, arguments in [
        ("import", ["import-wordpress", "--wxr", str(EXPORT), "--media", str(root / "uploads")]),
        ("check", ["check"]),
        ("preview", ["preview"]),
        ("audit", ["audit-migration", "--wxr", str(EXPORT), "--media", str(root / "uploads")]),
        ("import again", ["import-wordpress", "--wxr", str(EXPORT), "--media",
                          str(root / "uploads")]),
    ]:
        steps[name] = run_invoke(*arguments, cwd=clone)
    return clone, root / "uploads", steps


@pytest.mark.parametrize("step", ["import", "check", "preview", "audit", "import again"])
def test_each_step_of_the_runbook_exits_0(migrated, step):
    _clone, _uploads, steps = migrated
    result = steps[step]
    assert result.returncode == 0, f"{step}:\n{result.stdout}\n{result.stderr}"


def test_the_audit_passes_and_says_what_it_compared(migrated):
    _clone, uploads, steps = migrated
    report = steps["audit"].stdout
    assert report.rstrip().splitlines()[-1].startswith("PASSED: 0 failures")
    assert "5 published items checked (4 posts, 1 pages)" in report
    assert "4 approved responses checked" not in report  # the spam comment is no response
    assert "3 approved responses checked (2 comments, 1 pingbacks, 0 trackbacks" in report
    assert f"compared with {uploads}" in report


def test_the_seed_post_keeps_its_responses(migrated):
    clone, _uploads, _steps = migrated
    page = parse(clone / "output" / SEED_PATH)
    thread = page.select_one("#responses")
    assert thread is not None
    shown = text(thread)
    assert all(response in shown for response in SEED_RESPONSES), shown
    assert text(thread.find("h2")).startswith("2 Responses")


def test_the_old_feed_keeps_the_posts_guids(migrated):
    clone, _uploads, _steps = migrated
    feed = ET.fromstring((clone / "output" / "feed" / "index.html").read_bytes())
    ids = {" ".join(entry.findtext(f"{ATOM}title").split()): entry.findtext(f"{ATOM}id")
           for entry in feed.iter(f"{ATOM}entry")}
    assert ids["Water, charts and minutes"] == "http://quirks.wordpress.com/?p=11"
    assert ids["Covers"] == "http://quirks.wordpress.com/?p=12"
    # Its copy, which WordPress gave the same guid, has an id of its own.
    assert ids["Covers, copied"].startswith("tag:")


def test_importing_again_changes_nothing(migrated):
    _clone, _uploads, steps = migrated
    assert "  files written: 0, unchanged: " in steps["import again"].stdout
    assert ", replaced: 0, kept as they were: 0; " in steps["import again"].stdout


def test_a_junk_image_in_the_built_site_fails_the_audit_naming_the_file(migrated):
    clone, uploads, _steps = migrated
    chart = next(path for path in sorted((clone / "output" / "media").rglob("chart*"))
                 if path.is_file())
    kept = chart.read_bytes()
    try:
        chart.write_bytes(b"<html>Not found</html>")
        result = run_invoke("audit-migration", "--wxr", EXPORT, "--media", uploads, cwd=clone)
    finally:
        chart.write_bytes(kept)
    assert result.returncode == 1
    relative = chart.relative_to(clone / "output").as_posix()
    assert f"/{relative} does not decode as an image" in result.stdout
