"""An import into a fresh clone's content (the seed post, its two responses, an About page):
merged, never clobbered; again and again, around mailed responses; built for publishing."""

import json

import pytest
from wxr_export import comment, page, post, write_export

from responses.store import CommentsStore
from sitebuild import FIXTURE_CONTENT, PUBLISH_SETTINGS, SEED_SLUG, build, copy_fixture_content
from tools.wordpress import import_wordpress

SITEURL = "https://blog.example.org"
PUBLISH = {"settings_file": PUBLISH_SETTINGS, "fatal": "warnings", "SITEURL": SITEURL,
           "FEED_DOMAIN": SITEURL}
NAMESPACE = "wp-old-example"


def export_items():
    return [
        # The old site's About page: the clone has one of its own at the same address.
        page(2, "About the old blog", "<p>We were a WordPress blog.</p>", post_name="about",
             link="https://old.example/about/",
             comments=[comment(1, "Page Reader", "Nice page.")]),
        post(10, "First migrated post", "<p>Hello.</p>", post_name="first",
             link="https://old.example/2020/05/first/",
             comments=[comment(2, "Bea", "First!"),
                       comment(3, "Cy", "Replying to Bea.", parent="2"),
                       comment(40, "Dee", "Unique id.")]),
        post(11, "Second migrated post",
             '<p>See <a href="https://old.example/2020/05/first/#comment-2">Bea\'s comment'
             '</a> and <a href="https://old.example/2020/05/first/#comment-40">Dee\'s</a>.</p>',
             post_name="second", link="https://old.example/2020/05/second/"),
    ]


@pytest.fixture
def clone(tmp_path):
    """A fresh clone's content and the export to migrate."""
    content = copy_fixture_content(tmp_path / "content")
    return content, write_export(tmp_path / "export.xml", export_items())


def responses(content):
    return {record["id"]: record for record in CommentsStore(content / "comments.json").records()}


def test_shipped_content_is_kept_and_the_export_merged_in(clone):
    content, export = clone
    shipped = {path: path.read_bytes() for path in FIXTURE_CONTENT.rglob("*.md")}
    seed_responses = {key: value for key, value in responses(content).items()}
    report = import_wordpress(export, content)
    for path, data in shipped.items():
        assert (content / path.relative_to(FIXTURE_CONTENT)).read_bytes() == data
    # The old About page is imported beside the site's own, and its old address stays with
    # the site's own page.
    about = (content / "pages/about-2.md").read_text(encoding="utf-8")
    assert "Title: About the old blog\n" in about and "Redirect_from" not in about
    assert ("2", "about", "about-2", "is taken by pages/about.md (not from this export)") in (
        report.renamed_slugs)
    text = str(report).splitlines()
    assert "  post 2: slug 'about' is taken by pages/about.md (not from this export), used " \
        "'about-2'" in text
    assert "  old link /about/ is now pages/about.md's address, not redirected: " \
        "pages/about-2.md" in text
    # Every record is there: the seed's, unchanged, and the export's, the two whose ids the
    # seed holds under the old site's namespace.
    now = responses(content)
    for key, record in seed_responses.items():
        assert now[key] == record
    assert {key: (record["post"], record.get("parent")) for key, record in now.items()
            if key not in seed_responses} == {
        f"{NAMESPACE}-1": ("about-2", None),
        f"{NAMESPACE}-2": ("first", None),
        "3": ("first", f"{NAMESPACE}-2"),
        "40": ("first", None),
    }
    assert [(each.wordpress_id, each.new_id, each.taken_by) for each in report.renamed_responses
            ] == [("1", f"{NAMESPACE}-1", f"response 1 on {SEED_SLUG}"),
                  ("2", f"{NAMESPACE}-2", f"response 2 on {SEED_SLUG}")]
    assert (f"  response 2 on first written as {NAMESPACE}-2: the comments file has id 2 for "
            f"another response (response 2 on {SEED_SLUG})") in text
    assert report.responses_added == 4 and not report.failed


def test_links_to_a_renamed_response_follow_it_and_the_site_builds(clone, tmp_path):
    content, export = clone
    import_wordpress(export, content)
    site = build(content, tmp_path / "output", **PUBLISH)
    second = site.soup("2020/05/second/").select_one(".post-content")
    assert [a["href"] for a in second.find_all("a")] == [
        f"{SITEURL}/2020/05/first/#comment-{NAMESPACE}-2", f"{SITEURL}/2020/05/first/#comment-40"]
    first = site.soup("2020/05/first/")
    assert first.find(id=f"comment-{NAMESPACE}-2") is not None
    assert first.find(id="comment-40") is not None
    # The seed post keeps its two responses, at their own anchors.
    seed = site.soup(f"2011/07/{SEED_SLUG}/")
    assert [li["id"] for li in seed.select("li[id^=comment-]")] == ["comment-1", "comment-2"]
    assert site.soup("about/").find("h1").get_text(strip=True) == "About"
    assert site.soup("about-2/").find(id=f"comment-{NAMESPACE}-1") is not None


def test_importing_again_after_mailed_responses_keeps_every_one(clone):
    content, export = clone
    import_wordpress(export, content)
    mailed = {"id": "mail-0123456789ab", "post": "first", "parent": "40", "author": "Eve",
              "date": "2021-01-01T10:00:00-05:00", "content": "Sent by mail."}
    CommentsStore(content / "comments.json").add([mailed], source="the mailbox test.mbox")
    before = (content / "comments.json").read_text(encoding="utf-8")
    files = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    again = import_wordpress(export, content)
    assert (content / "comments.json").read_text(encoding="utf-8") == before
    assert {path: path.read_bytes() for path in content.rglob("*") if path.is_file()} == files
    assert (again.responses_added, again.responses_there) == (0, 4)
    assert (again.files_written, again.files_replaced, again.files_kept) == ([], [], [])
    # No flag drops one: --force replaces only files that differ, never a response.
    forced = import_wordpress(export, content, force=True)
    assert responses(content)["mail-0123456789ab"] == mailed
    assert len(responses(content)) == 7 and forced.responses_there == 4


def test_a_response_changed_on_either_side_is_kept_as_the_comments_file_has_it(clone, tmp_path):
    content, export = clone
    import_wordpress(export, content)
    store = content / "comments.json"
    document = json.loads(store.read_text(encoding="utf-8"))
    for record in document["responses"]:
        if record["id"] == "40":
            record["content"] = "Unique id, edited by an editor."
    store.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report = import_wordpress(export, content)
    assert responses(content)["40"]["content"] == "Unique id, edited by an editor."
    assert report.responses_differing == [("40", "first")]
    assert ("  response 40 on first: the comments file's differs from the export's; the "
            "comments file's is kept") in str(report).splitlines()


def test_a_file_at_the_items_own_path_with_its_title_and_date_is_its_own(clone):
    content, export = clone
    # The seed post as an earlier importer wrote it: no Guid: line, same title and date.
    write_export(export, [post(5, "Seed again", "<p>Seed text.</p>", post_name="seed-again",
                               date="2011-07-20 13:14:00")])
    own = content / "posts/2011/seed-again.md"
    own.write_text("Title: Seed again\nDate: 2011-07-20 09:14\nSlug: seed-again\n\nEdited.\n",
                   encoding="utf-8")
    report = import_wordpress(export, content)
    assert own.read_text(encoding="utf-8").endswith("Edited.\n")
    assert [(path.name, why) for path, why in report.files_kept] == [
        ("seed-again.md", "differs from the export (edited since the import?); --force "
                          "replaces it")]
    assert not (content / "posts/2011/seed-again-2.md").exists()
    forced = import_wordpress(export, content, force=True)
    assert [path.name for path, _why in forced.files_replaced] == ["seed-again.md"]
    assert "Guid: https://old.example/?p=5\n" in own.read_text(encoding="utf-8")
