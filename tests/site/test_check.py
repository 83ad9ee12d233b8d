"""`invoke check` and `invoke build` report each problem as one line naming the file.

These run tools/authoring/build (what the tasks run) in-process on the tests' own content:
the publish build with --fatal warnings for `check`, the local build for `build`.
"""

import io

import pytest
from PIL import Image

from sitebuild import (
    FIXTURE_CONTENT,
    LOCAL_SETTINGS,
    PUBLISH_SETTINGS,
    copy_fixture_content,
    run_pelican,
    write_page,
    write_post,
)
from tools.authoring.build import build as run_build


def check(content, output, settings=PUBLISH_SETTINGS, fatal="warnings"):
    """Run the build as `invoke check` does; return (report, the lines it printed)."""
    stream = io.StringIO()
    report = run_build(["-s", str(settings), "--fatal", fatal, str(content), "-o", str(output)],
                       stream=stream, labels=False, scratch=True, summary=False)
    return report, stream.getvalue().splitlines()


def test_the_seed_site_passes(tmp_path):
    report, lines = check(FIXTURE_CONTENT, tmp_path / "output")
    assert (report.failed, lines) == (False, [])
    assert (tmp_path / "output/about/index.html").is_file()


def test_good_new_content_passes(tmp_path):
    content = copy_fixture_content(tmp_path / "content")
    (content / "images").mkdir()
    # A real picture: the images plugin publishes copies made from it.
    Image.new("RGB", (40, 30), "teal").save(content / "images" / "chart.png")
    write_post(content, "with-image", body="![A chart of visits]({static}/images/chart.png)")
    write_post(content, "linking", body="See [the chart]({filename}/posts/with-image.md) and "
               "[the about page](/about/).")
    write_page(content, "members", body="For members.")
    report, lines = check(content, tmp_path / "output")
    assert (report.failed, lines) == (False, [])


PROBLEMS = {
    "misspelt key": (
        {"catgory": "ethics"},
        "bad.md:5: 'Catgory' is not a metadata key this site reads, so it would be ignored; "
        "did you mean 'Category'?",
    ),
    "broken link": (
        {"body": "See [it]({filename}/posts/gone.md)."},
        "bad.md:6: the link {filename}/posts/gone.md leads nowhere: no file posts/gone.md in "
        "the content folder; fix the path (relative to this file, or from content/ when it "
        "starts with /)",
    ),
    "missing image": (
        {"body": "![A chart]({static}/images/chart.png)"},
        "bad.md:6: the link {static}/images/chart.png leads nowhere: no file images/chart.png "
        "in the content folder; fix the path (relative to this file, or from content/ "
        "when it starts with /)",
    ),
    "plain link to nothing": (
        {"body": "Old [link](/2009/01/nothing-here/)."},
        "bad.md:6: the link /2009/01/nothing-here/ leads nowhere in the built site; link posts "
        "with {filename}/posts/… and images with {static}/images/…",
    ),
    "impossible date": (
        {"date": "2011-02-30"},
        "bad.md:2: Date '2011-02-30' is not a real date; write it as YYYY-MM-DD HH:MM, e.g. "
        "2026-12-01 09:30",
    ),
    "ambiguous date": (
        {"date": "01/12/2026"},
        "bad.md:2: Date '01/12/2026' is not a date this site reads (only YYYY-MM-DD or "
        "YYYY-MM-DD HH:MM); write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30",
    ),
    "date Pelican cannot read": (
        {"date": "Februar 30th"},
        "bad.md:2: Date 'Februar 30th' is not a date this site reads (only YYYY-MM-DD or "
        "YYYY-MM-DD HH:MM); write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30",
    ),
    "ambiguous modified date": (
        {"modified": "2/3/2026"},
        "bad.md:5: Modified '2/3/2026' is not a date this site reads (only YYYY-MM-DD or "
        "YYYY-MM-DD HH:MM); write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30",
    ),
    "link to the site's own address": (
        {"body": "See [it](https://blog.participatorymedicine.org/2011/07/nope/)."},
        "bad.md:6: the link https://blog.participatorymedicine.org/2011/07/nope/ leads nowhere "
        "in the built site; link posts with {filename}/posts/… and images with {static}/images/…",
    ),
    "unknown status": (
        {"status": "pubilshed"},
        "bad.md:5: Status 'pubilshed' is not one of published, hidden or draft; fix it, or "
        "delete the line to publish the post",
    ),
    "image without alt text": (
        {"body": "Look: ![](https://example.org/x.png)"},
        "bad.md:6: an image has no alt text; describe it for readers who cannot see it: "
        "![what the image shows]({static}/images/file.jpg)",
    ),
    "empty body": (
        {"body": ""},
        "bad.md: has no text; write it below the metadata and one blank line (or keep "
        "'Status: draft' until it is ready)",
    ),
    "scaffold text": (
        {"body": "Write the post here, in Markdown."},
        "bad.md:6: still has the scaffold's 'Write the post here, in Markdown.'; replace it "
        "with the text",
    ),
}


@pytest.mark.parametrize("case", PROBLEMS, ids=list(PROBLEMS))
def test_each_problem_is_one_line_naming_the_file_and_fails_the_check(tmp_path, case):
    metadata, expected = PROBLEMS[case]
    content = copy_fixture_content(tmp_path / "content")
    path = write_post(content, "bad", **metadata)
    report, lines = check(content, tmp_path / "output")
    assert report.failed
    assert lines == [f"{path}".removesuffix("bad.md") + expected]
    assert not any("Traceback" in line for line in lines)


def test_a_post_with_no_title_is_named(tmp_path):
    content = copy_fixture_content(tmp_path / "content")
    path = write_post(content, "untitled")
    path.write_text(path.read_text().replace("Title: Untitled\n", ""))
    report, lines = check(content, tmp_path / "output")
    assert report.failed
    assert lines == [f"{path}: has no Title: line; add 'Title: …' to its header"]


def test_a_duplicate_slug_names_both_files_and_stops_before_writing(tmp_path):
    content = tmp_path / "content"
    first = write_post(content, "same")
    second = first.with_name("same-again.md")
    second.write_text(first.read_text().replace("10:00", "11:00"))
    report, lines = check(content, tmp_path / "output", LOCAL_SETTINGS, "errors")
    assert report.failed
    assert lines == [f"{second}: 2 posts have the slug 'same' ({second}, {first}); give all "
                     "but one of them another 'Slug:'"]
    assert not (tmp_path / "output" / "index.html").exists()


def test_a_too_long_address_is_named_before_writing(tmp_path):
    content = tmp_path / "content"
    path = write_post(content, "long")
    path.write_text(path.read_text().replace("Slug: long", "Slug: " + "a" * 300))
    report, lines = check(content, tmp_path / "output", LOCAL_SETTINGS, "errors")
    assert report.failed
    assert lines == [f"{path}:4: its address part '{'a' * 40}…' is 300 characters, too long "
                     "for a file name; give it a shorter 'Slug:' (at most 80 characters)"]


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    content = copy_fixture_content(tmp_path / "content")
    write_post(content, "one", catgory="ethics")
    write_post(content, "two", date="2011-02-30")
    write_post(content, "three", body="![](x.png)")
    report, lines = check(content, tmp_path / "output")
    # three.md's image has no alt text and leads nowhere: two problems on one line.
    assert report.failed and len(lines) == 4
    assert sorted(line.split(":")[0].rsplit("/", 1)[1] for line in lines) == [
        "one.md", "three.md", "three.md", "two.md"]


def test_the_local_build_shows_warnings_and_still_builds(tmp_path):
    content = copy_fixture_content(tmp_path / "content")
    path = write_post(content, "typo", catgory="ethics")
    stream = io.StringIO()
    report = run_build(["-s", str(LOCAL_SETTINGS), "--fatal", "errors", str(content),
                        "-o", str(tmp_path / "output")], stream=stream)
    assert not report.failed
    assert stream.getvalue().splitlines() == [
        f"WARNING {path}:5: 'Catgory' is not a metadata key this site reads, so it would be "
        "ignored; did you mean 'Category'?"]
    assert (tmp_path / "output/2020/01/typo/index.html").is_file()


def test_the_local_build_stops_on_errors_before_writing_anything(tmp_path):
    content = tmp_path / "content"
    write_post(content, "good")
    bad = write_post(content, "bad", date="2011-02-30")
    stream = io.StringIO()
    report = run_build(["-s", str(LOCAL_SETTINGS), "--fatal", "errors", str(content),
                        "-o", str(tmp_path / "output")], stream=stream)
    assert report.failed
    assert stream.getvalue().splitlines() == [
        f"ERROR {bad}:2: Date '2011-02-30' is not a real date; write it as YYYY-MM-DD HH:MM, "
        "e.g. 2026-12-01 09:30"]
    assert not (tmp_path / "output" / "2020").exists()


def test_debug_adds_the_traceback(tmp_path):
    content = tmp_path / "content"
    write_post(content, "bad", date="2011-02-30")
    stream = io.StringIO()
    run_build(["-s", str(LOCAL_SETTINGS), "--fatal", "errors", "-D", str(content),
               "-o", str(tmp_path / "output")], stream=stream)
    assert "Traceback (most recent call last)" in stream.getvalue()
    assert "ValueError: '2011-02-30' is not a valid date" in stream.getvalue()


def test_a_site_plugin_key_is_known_and_the_list_can_be_extended(tmp_path):
    content = tmp_path / "content"
    write_post(content, "moved", redirect_from="/old/", pinned="true", featured="yes")
    report, lines = check(content, tmp_path / "output", LOCAL_SETTINGS, "warnings")
    assert [line.split(": ", 1)[1] for line in lines] == [
        "'Featured' is not a metadata key this site reads, so it would be ignored; fix its "
        "name or delete the line"]
    extended = ["-e", 'CONTENT_CHECKS_METADATA=["redirect_from", "pinned", "featured"]']
    stream = io.StringIO()
    report = run_build(["-s", str(LOCAL_SETTINGS), "--fatal", "warnings", str(content), "-o",
                        str(tmp_path / "extended"), *extended], stream=stream)
    assert (report.failed, stream.getvalue()) == (False, "")


def test_a_link_to_an_unpublished_post_fails_the_publish_check(tmp_path):
    content = tmp_path / "content"
    write_post(content, "not-yet", status="draft")
    path = write_post(content, "linking", body="See [soon]({filename}/posts/not-yet.md).")
    report, lines = check(content, tmp_path / "output")
    assert lines == [f"{path}:6: links to {content}/posts/not-yet.md, which is not published "
                     "(a draft, or dated in the future); link to it once it is published"]
    # Drafts themselves are not checked by the publish build: nobody reads them yet.
    assert report.failed


def test_the_plain_pelican_command_names_the_file_too(tmp_path):
    content = tmp_path / "content"
    write_post(content, "typo", catgory="ethics")
    result = run_pelican(content, "-o", tmp_path / "output", settings=PUBLISH_SETTINGS,
                         fatal="warnings")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 1
    assert "typo.md:5: 'Catgory' is not a metadata key this site reads" in log


def test_a_link_with_the_wrong_folder_gets_the_right_path_suggested(tmp_path):
    content = copy_fixture_content(tmp_path / "content")
    path = write_post(content, "hello", body="See [the seed]({filename}/social-media-patients-"
                      "and-physicians-a-sticky-wicket.md).")
    report, lines = check(content, tmp_path / "output")
    assert report.failed
    assert lines == [
        f"{path}:6: the link {{filename}}/social-media-patients-and-physicians-a-sticky-wicket.md "
        "leads nowhere: no file social-media-patients-and-physicians-a-sticky-wicket.md in the "
        "content folder; did you mean {filename}/posts/2011/social-media-patients-and-"
        "physicians-a-sticky-wicket.md?"]


def test_drafts_are_checked_locally_but_never_stop_the_publish_check(tmp_path):
    content = tmp_path / "content"
    write_post(content, "published")
    draft = write_post(content, "draft", status="draft", catgory="ethics",
                       body="Write the post here, in Markdown.")
    report, lines = check(content, tmp_path / "output")
    assert (report.failed, lines) == (False, [])
    report, lines = check(content, tmp_path / "local", LOCAL_SETTINGS, "errors")
    assert not report.failed
    assert [line.split(": ", 1)[0] for line in lines] == [f"{draft}:6", f"{draft}:8"]


def test_a_scheduled_post_is_checked_before_its_day(tmp_path):
    import datetime

    content = tmp_path / "content"
    write_post(content, "published")
    next_year = datetime.date.today().year + 1
    path = write_post(content, "later", date=f"{next_year}-01-15 10:00", catgory="ethics")
    report, lines = check(content, tmp_path / "output")
    assert report.failed
    assert lines == [f"{path}:5: 'Catgory' is not a metadata key this site reads, so it would "
                     "be ignored; did you mean 'Category'?"]
    assert not (tmp_path / "output" / str(next_year)).exists()


@pytest.mark.parametrize("date", ["01/12/2026", "12/01/2026", "2026-12-01T09:30",
                                  "2026-12-01 9:30", "2026-12-01 09:30:00", "2026-1-5",
                                  "Dec 1, 2026", "1 December 2026", "2026-12-01 09:30 -0500"])
@pytest.mark.parametrize("settings,fatal", [(LOCAL_SETTINGS, "errors"),
                                            (PUBLISH_SETTINGS, "warnings")],
                         ids=["local", "publish"])
def test_only_the_sites_date_form_is_accepted(tmp_path, date, settings, fatal):
    content = tmp_path / "content"
    write_post(content, "fine")
    path = write_post(content, "odd", date=date)
    report, lines = check(content, tmp_path / "output", settings, fatal)
    assert report.failed and report.stopped
    assert lines == [f"{path}:2: Date '{date}' is not a date this site reads (only YYYY-MM-DD "
                     "or YYYY-MM-DD HH:MM); write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30"]
    assert not (tmp_path / "output" / "2020").exists()


@pytest.mark.parametrize("date,path", [("2026-11-25", "2026/11/fine/"),
                                       ("2026-11-25 09:30", "2026/11/fine/")])
def test_the_sites_date_form_builds(tmp_path, date, path):
    content = tmp_path / "content"
    write_post(content, "fine", date=date, modified=date)
    report, lines = check(content, tmp_path / "output", LOCAL_SETTINGS, "warnings")
    assert (report.failed, lines) == (False, [])
    assert (tmp_path / "output" / path / "index.html").is_file()


def test_check_names_every_problem_the_build_names_in_file_and_line_order(tmp_path):
    content = copy_fixture_content(tmp_path / "content")
    links = write_post(content, "links", body=(
        "See [a]({filename}/posts/gone.md).\n\n"
        "And [b](/2009/01/nothing-here/).\n\n"
        "And [c](https://blog.participatorymedicine.org/2011/07/nope/).\n\n"
        "And [d](http://blog.participatorymedicine.org/about/), which is there."))
    earlier = write_post(content, "an-earlier-file", catgory="ethics",
                         body="![](https://example.org/x.png)")
    report, checked = check(content, tmp_path / "check")
    assert report.failed and not report.stopped
    advice = "link posts with {filename}/posts/… and images with {static}/images/…"
    assert checked == [
        f"{earlier}:5: 'Catgory' is not a metadata key this site reads, so it would be "
        "ignored; did you mean 'Category'?",
        f"{earlier}:7: an image has no alt text; describe it for readers who cannot see it: "
        "![what the image shows]({static}/images/file.jpg)",
        f"{links}:6: the link {{filename}}/posts/gone.md leads nowhere: no file posts/gone.md "
        "in the content folder; fix the path (relative to this file, or from content/ when it "
        "starts with /)",
        f"{links}:8: the link /2009/01/nothing-here/ leads nowhere in the built site; {advice}",
        f"{links}:10: the link https://blog.participatorymedicine.org/2011/07/nope/ leads "
        f"nowhere in the built site; {advice}",
    ]
    stream = io.StringIO()
    run_build(["-s", str(LOCAL_SETTINGS), "--fatal", "errors", str(content), "-o",
               str(tmp_path / "local")], stream=stream)
    built = [line.removeprefix("WARNING ") for line in stream.getvalue().splitlines()]
    assert built == checked


def test_links_to_the_address_pages_serves_are_checked_too(tmp_path):
    content = tmp_path / "content"
    path = write_post(content, "links", body=(
        "[Here](https://society.github.io/blog/2020/01/links/) and "
        "[gone](https://society.github.io/blog/2020/01/gone/); "
        "[elsewhere](https://society.github.io/other/x/)."))
    stream = io.StringIO()
    report = run_build(["-s", str(PUBLISH_SETTINGS), "--fatal", "warnings", str(content), "-o",
                        str(tmp_path / "output"), "-e",
                        'SITEURL="https://society.github.io/blog"'],
                       stream=stream, labels=False, scratch=True)
    assert report.failed
    assert stream.getvalue().splitlines() == [
        f"{path}:6: the link https://society.github.io/blog/2020/01/gone/ leads nowhere in the "
        "built site; link posts with {filename}/posts/… and images with {static}/images/…"]


def test_a_check_stopped_by_an_error_still_names_every_link_that_leads_nowhere(tmp_path):
    """An error stops the build before writing; the plain links are then looked for among
    the addresses it would have written, so one run names them too, and only the ones that
    lead nowhere."""
    content = copy_fixture_content(tmp_path / "content")
    seed = "/2011/07/social-media-patients-and-physicians-a-sticky-wicket/"
    path = write_post(content, "links", category="ethics", tags="care", body=(
        f"Fine: [seed]({seed}), [about](/about/), [topic](/category/ethics/), "
        "[tag](/tag/care/), [archives](/archives/), [year](/2011/), [month](/2011/07/), "
        "[feed](/feeds/all.atom.xml), [search](/search/), [style](/theme/css/site.css), "
        "[home](/), [sitemap](/sitemap.xml), "
        "[about, in full](https://blog.participatorymedicine.org/about/).\n\n"
        "Gone: [b](/2009/01/nothing-here/) and "
        "[c](https://blog.participatorymedicine.org/2011/07/nope/).\n\n"
        "![Out]({static}/../../../../../../etc/passwd)"))
    report, checked = check(content, tmp_path / "check")
    assert report.stopped
    advice = "link posts with {filename}/posts/… and images with {static}/images/…"
    assert checked == [
        f"{path}:9: the link /2009/01/nothing-here/ leads nowhere in the built site; {advice}",
        f"{path}:9: the link https://blog.participatorymedicine.org/2011/07/nope/ leads "
        f"nowhere in the built site; {advice}",
        f"{path}:11: the link {{static}}/../../../../../../etc/passwd leads out of the content "
        "folder, and only files in it are published; link a file in content/, or delete the link",
    ]
    assert not list((tmp_path / "check").rglob("*.html"))
