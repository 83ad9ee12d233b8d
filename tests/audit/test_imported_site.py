"""The fixture export imported with today's importer and built with publishconf.py: the
audit passes, and each deliberate fault in the built site is caught and named."""

import datetime
import json
import subprocess
import sys

import pytest
from audit_helpers import (
    EXPORT,
    OTHER_POST,
    PAGE,
    POST,
    POST_LABEL,
    audit,
    copy_site,
    edit_page,
    failures,
    import_and_build,
)
from bs4 import BeautifulSoup
from pagefind_bin import get_executable
from wxr_export import page, post, write_export

from sitebuild import REPO_ROOT, run_invoke

EMAIL = "sean.probe@commenters.example"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return import_and_build(EXPORT, tmp_path_factory.mktemp("audit-import"))


@pytest.fixture
def site(built, tmp_path):
    """A private copy of the built site for one fault."""
    return copy_site(built, tmp_path)


def run_cli(site):
    return subprocess.run(
        [sys.executable, "-m", "tools.audit", "--wxr", str(EXPORT), "--site", str(site)],
        capture_output=True, text=True, cwd=REPO_ROOT,
    )


def test_the_imported_site_passes_with_counts(built):
    result = run_cli(built)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = {line.split()[0]: line for line in result.stdout.splitlines()[2:8]}
    assert "4 published items checked (2 posts, 2 pages)" in summary["posts"]
    assert ("13 approved responses checked (10 comments, 2 pingbacks, 1 trackbacks; "
            "10 on posts, 3 on pages)") in summary["responses"]
    assert "4 old addresses checked (2 answer directly, 2 by redirect)" in summary["old"]
    assert result.stdout.rstrip().splitlines()[-1].startswith("PASSED: 0 failures")


def test_the_pages_thread_is_imported_and_shown_as_wordpress_did(built, tmp_path):
    soup = BeautifulSoup((built / PAGE).read_text(encoding="utf-8"), "html5lib")
    section = soup.find("section", id="responses")
    [top] = section.select("ol.commentlist > li")
    assert top["id"] == "comment-240"
    assert " ".join(top.find(class_="comment-author").get_text().split()) == (
        "Page Reader says:")
    assert [li["id"] for li in top.select("ol.children > li")] == ["comment-241"]
    assert [li["id"] for li in section.select("ul.pinglist > li")] == ["comment-242"]
    # A spam and an unapproved comment on the page: in no file, under no name, address or text.
    never = ["Page Spammer", "page probe lozenges", "page.spam.probe@", "198.51.100.63",
             "Pending Page Reader", "unapproved page probe remark", "page.pending.probe@",
             "198.51.100.64", "page.reader.probe@", "203.0.113.60", "editor.probe@"]
    found = [(path.relative_to(built.parent).as_posix(), text)
             for path in built.parent.rglob("*") if path.is_file()
             for text in never
             if text.lower() in path.read_bytes().decode("utf-8", errors="replace").lower()]
    assert found == []
    assert "comment-243" not in str(soup) and "comment-244" not in str(soup)
    # Remove the page's thread: the audit names the three missing responses and the heading.
    edit_page(copy := copy_site(built, tmp_path), PAGE,
              lambda page: page.find("section", id="responses").decompose())
    missing = failures(audit(copy), "responses")
    assert [line.split(" on ", 1)[0] for line in missing[:3]] == [
        "comment 240", "comment 241", "pingback 242"]
    assert all("“About SPM”" in line for line in missing)
    assert missing[3].startswith("page 110 “About SPM” (https://old.example/about/): the heading")
    assert len(missing) == 4


def test_replies_past_the_deepest_nesting_pass_beside_their_parent(built):
    # 206 and 207 reply to 205 and 206 at depth 5: WordPress's walker puts them after it.
    soup = BeautifulSoup((built / POST).read_text(encoding="utf-8"), "html5lib")
    deepest = soup.select_one("#comment-205").parent
    assert [li["id"] for li in deepest.find_all("li", recursive=False)] == [
        "comment-205", "comment-206", "comment-207"]
    assert audit(built).passed


def test_a_deleted_post_page_is_named(site):
    (site / POST).unlink()
    result = run_cli(site)
    assert result.returncode == 1
    posts = failures(audit(site), "posts and pages")
    assert posts == [f"{POST_LABEL} (https://old.example/archives/2011/07/ethics-and-the-net"
                     ".html): has no page in the site"]
    assert f"- {posts[0]}" in result.stdout


def test_a_removed_response_is_named(site):
    edit_page(site, POST, lambda soup: soup.select_one("#comment-213").decompose())
    (line,) = failures(audit(site), "responses")
    assert line.startswith(f"pingback 213 on {POST_LABEL}")
    assert "not on /2011/07/ethics-and-the-net/ (no #comment-213)" in line


def test_a_reply_moved_to_the_top_level_is_named(site):
    def move(soup):
        reply = soup.select_one("#comment-207").extract()
        soup.select_one("ol.commentlist").append(reply)

    edit_page(site, POST, move)
    report = audit(site)
    assert not report.passed
    assert failures(report, "responses") == [
        f"comment 207 on {POST_LABEL} (https://old.example/archives/2011/07/ethics-and-the-net"
        ".html): is a reply to 206 but is shown at the top level on /2011/07/ethics-and-the-net/"
    ]


def test_an_old_domain_image_put_back_is_named(site):
    def add_image(soup):
        image = soup.new_tag("img", src="https://old.example/wp-content/uploads/2011/07/"
                             "wicket-300x200.jpg", alt="A wicket")
        soup.select_one(".post-content").append(image)

    edit_page(site, OTHER_POST, add_image)
    (line,) = failures(audit(site), "media")
    assert line.startswith("/wp-content/uploads/2011/07/wicket-300x200.jpg (attachment 108")
    assert line.endswith(f") is loaded from the old site by /{OTHER_POST}")


def test_a_pasted_email_is_named_by_kind_never_by_value(site):
    def paste(soup):
        paragraph = soup.new_tag("p")
        paragraph.string = f"Write to {EMAIL.upper()} for a copy."
        soup.select_one(".post-content").append(paragraph)

    edit_page(site, OTHER_POST, paste)
    # The search index is built from the pages, so the address reaches it too.
    subprocess.run([str(get_executable()), "--site", str(site), "--silent"], check=True)
    result = run_cli(site)
    assert result.returncode == 1
    privacy = failures(audit(site), "privacy")
    assert f"/{OTHER_POST}: a commenter's e-mail address" in privacy
    fragments = [line for line in privacy if line.startswith("/pagefind/fragment/")]
    assert fragments and all(line.endswith("a commenter's e-mail address") for line in fragments)
    assert EMAIL not in (result.stdout + result.stderr).lower()


def test_an_ip_address_in_a_json_file_is_named(site):
    (site / "stats.json").write_text(json.dumps({"last": "2001:0db8:0000::0045"}))
    assert failures(audit(site), "privacy") == ["/stats.json: a commenter's IP address"]


def test_a_spam_comment_text_is_named(site):
    def add_spam(soup):
        paragraph = soup.new_tag("p")
        # Typography differs from the export's: still the same words.
        paragraph.string = "“Buy cheap audit probe pills — today, friends”"
        soup.select_one(".post-content").append(paragraph)

    edit_page(site, OTHER_POST, add_spam)
    assert failures(audit(site), "privacy") == [
        f"/{OTHER_POST}: the text of spam comment 210"]


def test_a_removed_redirect_page_is_named(site):
    (site / "archives/2011/07/ethics-and-the-net.html").unlink()
    (line,) = failures(audit(site), "old addresses")
    assert line == (f"{POST_LABEL} (https://old.example/archives/2011/07/ethics-and-the-net"
                    ".html): /archives/2011/07/ethics-and-the-net.html answers nothing")


def test_a_link_to_an_old_post_is_named(site):
    def link(soup):
        anchor = soup.new_tag("a", href="https://old.example/archives/2011/07/"
                              "ethics-and-the-net.html")
        anchor.string = "the earlier post"
        soup.select_one(".post-content").append(anchor)

    edit_page(site, OTHER_POST, link)
    (line,) = failures(audit(site), "links")
    assert line == ("https://old.example/archives/2011/07/ethics-and-the-net.html, the old address "
                    f"of {POST_LABEL} (https://old.example/archives/2011/07/ethics-and-the-net"
                    ".html), now at /2011/07/ethics-and-the-net/, is linked from "
                    f"/{OTHER_POST}")


def test_the_invoke_task_passes_a_true_site_and_fails_a_broken_one(built, site):
    passing = run_invoke("audit-migration", "--wxr", EXPORT, "--site", built)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    (site / POST).unlink()
    failing = run_invoke("audit-migration", "--wxr", EXPORT, "--site", site)
    assert failing.returncode == 1
    assert f"{POST_LABEL} (https://old.example/archives/2011/07/ethics-and-the-net.html): " \
           "has no page in the site" in failing.stdout


def test_the_invoke_task_answers_help_and_lists_every_occurrence_with_all(site):
    for flag in ("--help", "-h"):
        shown = run_invoke("audit-migration", flag)
        assert shown.returncode == 0, shown.stderr
        assert "--media=STRING" in shown.stdout and "-a, --all" in shown.stdout

    def add_images(soup):
        for number in range(5):
            image = soup.new_tag("img", src=f"https://old.example/wp-content/uploads/2011/07/"
                                 f"gone-{number}.jpg", alt="")
            soup.select_one(".post-content").append(image)

    edit_page(site, OTHER_POST, add_images)
    runs = {flag: run_invoke("audit-migration", "--wxr", EXPORT, "--site", site, *flag)
            for flag in ((), ("--all",))}
    listed = {flag: [line for line in run.stdout.splitlines() if "/gone-" in line]
              for flag, run in runs.items()}
    assert len(listed[()]) == 3 and len(listed[("--all",)]) == 5
    assert "2 more lines left out: --all lists every one" in runs[()].stdout
    assert all(run.returncode == 1 for run in runs.values())


def test_scheduled_items_are_looked_for_where_the_import_and_the_site_put_them(tmp_path):
    # WordPress leaves a post it failed to publish on its day scheduled ("missed schedule");
    # the import keeps its date and the site publishes it, so the audit looks for it as a
    # published post. A post scheduled for next year is held back, and a scheduled page is a
    # draft: both must appear nowhere.
    next_year = datetime.date.today().year + 1
    export = write_export(tmp_path / "export.xml", [
        post(1, "Missed schedule", "<p>WordPress missed its schedule for this one.</p>",
             post_name="missed", status="future", link="https://old.example/?p=1"),
        post(2, "Next year", "<p>This post goes online next year only.</p>", post_name="later",
             status="future", date=f"{next_year}-01-01 12:00:00", link="https://old.example/?p=2"),
        page(3, "Coming soon", "<p>This page goes online next year only.</p>", post_name="soon",
             status="future", date=f"{next_year}-01-01 12:00:00", link="https://old.example/?p=3"),
    ])
    report = audit(import_and_build(export, tmp_path), export)
    assert report.passed, str(report)
    checks = {check.name: check.summary for check in report.checks}
    assert checks["posts and pages"] == "1 published items checked (1 posts, 0 pages)"
    assert " and 2 hidden items looked for in " in checks["privacy"]
