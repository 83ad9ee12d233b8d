"""Items the old site published in ways a static site must decide on: with no text, scheduled
for a later day, with a guid; built with the publish settings (any warning fails)."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from wxr_export import comment, export_text, page, post, write_export

from responses.store import CommentsStore
from sitebuild import PUBLISH_SETTINGS, build, normalise
from tools.wordpress import import_wordpress
from tools.wordpress.cli import main
from tools.wordpress.site import read_settings

SITEURL = "https://blog.example.org"
PUBLISH = {"settings_file": PUBLISH_SETTINGS, "fatal": "warnings", "SITEURL": SITEURL,
           "FEED_DOMAIN": SITEURL}
ATOM = "{http://www.w3.org/2005/Atom}"
NEXT_YEAR = datetime.date.today().year + 1


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("items")
    export = write_export(root / "export.xml", [
        post(1, "No content", "", post_name="no-content"),
        page(2, "επίπεδο 3", "", post_name="%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-3"),
        post(3, "Only a more tag", "<!--more-->\n", post_name="only-more"),
        post(4, "Empty blocks", "<!-- wp:paragraph -->\n<p></p>\n<!-- /wp:paragraph -->",
             post_name="empty-blocks"),
        post(5, "An empty draft", "", status="draft", post_name="empty-draft"),
        post(6, "Scheduled", "<p>Soon.</p>", status="future", post_name="scheduled",
             date=f"{NEXT_YEAR}-01-01 17:00:00", link="https://old.example/?p=6"),
        post(7, "Published", "<p>Now.</p>", post_name="published",
             guid="https://old.example/?p=7", link="https://old.example/2020/05/published/"),
        post(8, "Odd guid", "<p>Text.</p>", post_name="odd-guid", guid="7@old"),
        post(10, "Code", 'Before.\n\n<pre lang="xml" line="1">\n<unwar src="webapp.war"/>\n'
             'List<String> names;\n</pre>', post_name="code"),
        post(9, "Brackets", 'As <a href="https://developer.mozilla.org/" title="The <cite> '
             'element, &lt;q&gt; too">the reference</a> says.', post_name="brackets",
             link="https://old.example/2020/05/brackets/",
             comments=[comment(90, "Old site", "[...] the other post [...]",
                               comment_type="pingback",
                               url="https://old.example/2020/05/published/"),
                       comment(91, "Elsewhere", "[...] another blog [...]",
                               comment_type="pingback", url="https://other.example/x/")]),
    ])
    content = root / "content"
    report = import_wordpress(export, content, settings={**read_settings(), "SITEURL": SITEURL})
    return report, content, build(content, root / "output", **PUBLISH), export


def body(site, path):
    return site.soup(path).select_one(".post-content")


def test_items_with_no_text_say_so_and_the_publish_build_passes(site):
    report, content, built, _export = site
    assert report.empty == ["posts/2020/no-content.md", "pages/επίπεδο-3.md",
                            "posts/2020/only-more.md", "posts/2020/empty-blocks.md"]
    for path, kind in (("2020/05/no-content/", "post"), ("επίπεδο-3/", "page"),
                       ("2020/05/only-more/", "post"), ("2020/05/empty-blocks/", "post")):
        note = body(built, path).select_one("p.imported-empty")
        assert normalise(note.get_text()) == f"This {kind} had no text on the old site."
    assert "  no text on the old site: posts/2020/no-content.md says so in one line" in str(
        report).splitlines()
    # A draft is the author's to finish: no line, and no check of it in the publish build.
    assert "imported-empty" not in (content / "posts/2020/empty-draft.md").read_text()
    assert built.warnings == []


def test_a_scheduled_post_keeps_its_date_and_waits_for_its_day(site):
    report, content, built, _export = site
    text = (content / f"posts/{NEXT_YEAR}/scheduled.md").read_text(encoding="utf-8")
    assert f"Date: {NEXT_YEAR}-01-01 12:00\n" in text
    assert "Status" not in text
    assert report.drafts == 1 and [file for file, _date in report.scheduled] == [
        f"posts/{NEXT_YEAR}/scheduled.md"]
    # The publish build holds it back (plugins/scheduled) until the daily run on its day;
    # the post written today is there.
    assert not (built.root / f"{NEXT_YEAR}/01/scheduled").exists()
    assert (built.root / "2020/05/published/index.html").exists()


def test_a_scheduled_post_is_published_on_its_day(site, tmp_path, monkeypatch):
    _report, content, _built, _export = site
    # The daily run on that day, by the site's clock (plugins/scheduled).
    monkeypatch.setenv("SITE_NOW", f"{NEXT_YEAR}-01-01 12:00")
    on_the_day = build(content, tmp_path / "output", **PUBLISH)
    assert body(on_the_day, f"{NEXT_YEAR}/01/scheduled/").get_text(strip=True) == "Soon."


def test_a_scheduled_page_is_a_draft_named_with_its_date(tmp_path):
    # plugins/scheduled holds back posts only: a scheduled page would be online at once.
    export = write_export(tmp_path / "export.xml", [
        page(1, "Coming soon", "<p>Online next year.</p>", post_name="soon", status="future",
             date=f"{NEXT_YEAR}-01-01 17:00:00", link="https://old.example/?page_id=1")])
    report = import_wordpress(export, tmp_path / "content")
    assert "Status: draft\n" in (tmp_path / "content/pages/soon.md").read_text(encoding="utf-8")
    assert report.drafts == 1 and report.scheduled == []
    assert (f"  scheduled page: pages/soon.md was to be published on {NEXT_YEAR}-01-01 12:00; "
            "written as a draft, as the site holds back posts only (delete its Status: line "
            "that day)") in str(report).splitlines()
    built = build(tmp_path / "content", tmp_path / "output", **PUBLISH)
    assert not (built.root / "soon").exists()


def test_guids_are_kept_for_the_feeds(site):
    report, content, _built, _export = site
    assert "Guid: https://old.example/?p=7\n" in (content / "posts/2020/published.md").read_text()
    assert "Guid" not in (content / "posts/2020/odd-guid.md").read_text()
    assert report.without_guid == [("8", "7@old")]
    assert ("  post 8: its guid '7@old' is not an absolute address; written without Guid: "
            "(its feed entry gets the site's own id)") in str(report).splitlines()


def test_a_copy_sharing_its_originals_guid_gets_none_and_a_second_import_changes_nothing(
        tmp_path):
    # WordPress's theme unit test export: "Post Format: Image (Linked)" (568) and its copy
    # "Post Format: Image" (1158) both carry <guid>…?p=568</guid>.
    guid = "https://old.example/?p=568"
    export = write_export(tmp_path / "export.xml", [
        post(568, "Image (Linked)", "<p>The original.</p>", post_name="image-linked", guid=guid,
             date="2010-08-06 08:09:39"),
        post(1158, "Image", "<p>The copy.</p>", post_name="image", guid=guid,
             date="2010-08-08 05:00:39"),
    ])
    content = tmp_path / "content"
    report = import_wordpress(export, content, settings={**read_settings(), "SITEURL": SITEURL})
    assert f"Guid: {guid}\n" in (content / "posts/2010/image-linked.md").read_text()
    assert "Guid" not in (content / "posts/2010/image.md").read_text()
    assert [(copy.item.post_id, keeper.item.post_id) for copy, keeper in report.shared_guid] == [
        ("1158", "568")]
    assert (f"  posts/2010/image.md (post 1158): its guid '{guid}' is posts/2010/image-linked.md's "
            "too (post 568); written without Guid: (its feed entry gets the site's own id)"
            ) in str(report).splitlines()

    again = import_wordpress(export, content, settings={**read_settings(), "SITEURL": SITEURL})
    assert (len(again.files_written), len(again.files_kept)) == (0, 0)
    assert sorted(p.name for p in (content / "posts/2010").iterdir()) == ["image-linked.md",
                                                                         "image.md"]
    built = build(content, tmp_path / "output", **PUBLISH)
    feed = ET.fromstring(built.file("feeds/all.atom.xml").read_bytes())
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)) == 2 and guid in ids


def test_exit_status_is_0_when_everything_came(site, tmp_path, capsys):
    _report, _content, _built, export = site
    assert main(["--wxr", str(export), "--content", str(tmp_path / "content")]) == 0
    assert capsys.readouterr().err.count("import-wordpress:") == 0


def test_a_bracket_in_an_attribute_keeps_the_links_text(site):
    _report, _content, built, _export = site
    link = body(built, "2020/05/brackets/").find("a")
    assert normalise(link.get_text()) == "the reference"
    assert link["title"] == "The <cite> element, <q> too"


def test_a_pingback_from_the_old_sites_own_post_points_at_its_new_address(site):
    report, content, _built, _export = site
    urls = {record["id"]: record.get("url")
            for record in CommentsStore(content / "comments.json").records()}
    assert urls == {"90": f"{SITEURL}/2020/05/published/", "91": "https://other.example/x/"}
    assert report.pingbacks_moved == 1


def test_wp_syntax_code_keeps_its_markup_as_text(site):
    _report, _content, built, _export = site
    code = body(built, "2020/05/code/").select_one("pre code.language-xml")
    assert code.get_text() == '<unwar src="webapp.war"/>\nList<String> names;'


def test_two_wordpress_terms_with_one_name_keep_both_old_slugs(tmp_path):
    text = export_text([post(1, "A", "<p>a</p>", post_name="a", tags=["Same"]),
                        post(2, "B", "<p>b</p>", post_name="b", tags=["Same"])])
    # The export names the two tags' slugs; the second is WordPress's "same-2".
    second = text.rindex('nicename="same"') + len('nicename="same')
    export = tmp_path / "export.xml"
    export.write_text(text[:second] + "-2" + text[second:], encoding="utf-8")
    import_wordpress(export, tmp_path / "content")
    terms = json.loads((tmp_path / "content/wordpress-terms.json").read_text(encoding="utf-8"))
    assert terms == {"category": {}, "post_tag": {"Same": ["same", "same-2"]}}
