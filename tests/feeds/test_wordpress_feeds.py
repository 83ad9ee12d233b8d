"""Feed readers notice nothing after the move (issue 21, point 4): migrated posts keep their
WordPress GUIDs as Atom entry ids, and WordPress's feed addresses answer with the new feeds.

A real publish build, served on loopback as a static host serves it (``/feed/`` is
``feed/index.html``), read as a feed reader reads it: the body parsed as Atom."""

import json
import xml.etree.ElementTree as ET
from urllib.request import urlopen

import pytest

from sitebuild import (
    PUBLISH_SETTINGS,
    BuildFailed,
    build,
    publish_build,
    serve,
    write_page,
    write_post,
)

ATOM = "{http://www.w3.org/2005/Atom}"
GUID = "https://old.example/?p=101"
COMMENTS = {"version": 1, "responses": [
    {"id": "201", "post": "ethics-and-the-net", "author": "Ann", "date": "2011-07-21T09:00",
     "content": "First."},
    {"id": "202", "post": "ethics-and-the-net", "parent": "201", "author": "Bob",
     "date": "2011-07-22T09:00", "content": "A reply."},
    {"id": "mail-0123456789ab", "post": "about", "author": "Cat", "date": "2026-01-02",
     "content": "Mailed to the page."},
]}


def content(root):
    write_post(root, "ethics-and-the-net", "Social media shows much promise.",
               title="Ethics and the net", date="2011-07-20 09:14", category="Ethics",
               tags="social media", author="Rick Ladd", guid=GUID,
               redirect_from="/archives/2011/07/ethics-and-the-net/")
    write_post(root, "new-post", "Written after the move.", title="New post",
               date="2026-01-05 10:00", category="Ethics", author="Rick Ladd")
    write_page(root, "about", "About the society.", title="About",
               guid="https://old.example/?page_id=7")
    (root / "comments.json").write_text(json.dumps(COMMENTS), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds")
    with serve(root / "output") as base:
        site = publish_build(content(root / "content"), root / "output", siteurl=base)
        yield site, base


def fetch_feed(base, path):
    """What a feed reader gets at `path`: the body, read as Atom whatever the content type."""
    with urlopen(f"{base}/{path}") as response:
        return ET.fromstring(response.read())


def entry_ids(feed):
    """{title: id} of a feed's entries, in order (typogrify's no-break spaces as spaces)."""
    return {" ".join(entry.findtext(f"{ATOM}title").split()): entry.findtext(f"{ATOM}id")
            for entry in feed.iter(f"{ATOM}entry")}


def test_a_migrated_post_keeps_its_guid_as_its_entry_id_in_every_feed(published):
    site, base = published
    for feed in ("feeds/all.atom.xml", "feeds/category/ethics.atom.xml",
                 "feeds/author/rick-ladd.atom.xml"):
        ids = entry_ids(fetch_feed(base, feed))
        assert ids["Ethics and the net"] == GUID, feed
        # A post written here has no Guid: it gets Pelican's tag URI, as before.
        assert ids["New post"] == "tag:127.0.0.1,2026-01-05:/2026/01/new-post/", feed
    assert entry_ids(fetch_feed(base, "feeds/tag/social-media.atom.xml")) == {
        "Ethics and the net": GUID}


def test_responses_keep_wordpress_comment_feed_ids(published):
    site, base = published
    post_feed = fetch_feed(base, "feeds/responses/ethics-and-the-net.atom.xml")
    assert sorted(entry_ids(post_feed).values()) == [f"{GUID}#comment-201",
                                                    f"{GUID}#comment-202"]
    everything = fetch_feed(base, "feeds/responses.atom.xml")
    assert list(entry_ids(everything).values()) == [
        "https://old.example/?page_id=7#comment-mail-0123456789ab",
        f"{GUID}#comment-202", f"{GUID}#comment-201"]


def test_the_old_feed_addresses_answer_with_the_new_feeds(published):
    site, base = published
    copies = {
        "feed/": "feeds/all.atom.xml", "feed/atom/": "feeds/all.atom.xml",
        "feed/rss2/": "feeds/all.atom.xml",
        "comments/feed/": "feeds/responses.atom.xml",
        "category/ethics/feed/": "feeds/category/ethics.atom.xml",
        "tag/social-media/feed/": "feeds/tag/social-media.atom.xml",
        "author/rick-ladd/feed/": "feeds/author/rick-ladd.atom.xml",
        "2011/07/ethics-and-the-net/feed/": "feeds/responses/ethics-and-the-net.atom.xml",
        "archives/2011/07/ethics-and-the-net/feed/":
            "feeds/responses/ethics-and-the-net.atom.xml",
    }
    for old, new in copies.items():
        with urlopen(f"{base}/{old}") as response:
            assert response.status == 200
            assert response.read() == (site.root / new).read_bytes(), old
    assert entry_ids(fetch_feed(base, "feed/"))["Ethics and the net"] == GUID
    # A post with no responses has no responses feed, so no copy either.
    assert not (site.root / "2026/01/new-post/feed").exists()


def test_a_local_build_writes_no_feeds_and_no_copies(tmp_path):
    site = build(content(tmp_path / "content"), tmp_path / "output", fatal="warnings")
    assert not (site.root / "feed").exists() and not (site.root / "feeds").exists()


def publish(root, output):
    """The publish build of `root` (any warning fails it)."""
    return build(root, output, settings_file=PUBLISH_SETTINGS, fatal="warnings",
                 SITEURL="https://blog.example.org")


def test_a_guid_that_is_no_uri_stops_the_publish_build_naming_the_file(tmp_path):
    root = content(tmp_path / "content")
    write_post(root, "bad", "Text.", guid="101")
    with pytest.raises(BuildFailed) as failure:
        publish(root, tmp_path / "output")
    assert ("WARNING wordpress_feeds.wordpress_feeds: wordpress_feeds: "
            f"{root}/posts/bad.md:5: Guid '101' is not an absolute URI (http://…, tag:…, "
            "urn:…); write the export's <guid> as it is, or remove the line"
            ) in str(failure.value)


def test_a_guid_copied_with_a_post_stops_the_publish_build_naming_both_files(tmp_path):
    root = content(tmp_path / "content")
    write_post(root, "started-from-the-old-one", "New text.", title="Copied",
               date="2026-02-01 10:00", guid=GUID)
    with pytest.raises(BuildFailed) as failure:
        publish(root, tmp_path / "output")
    assert ("WARNING wordpress_feeds.wordpress_feeds: wordpress_feeds: "
            f"{root}/posts/started-from-the-old-one.md:5: Guid '{GUID}' is "
            "posts/ethics-and-the-net.md's too, and a feed reader shows two entries with one id "
            "as one; remove the line from the post that is not the old site's"
            ) in str(failure.value)


def test_a_guid_that_is_no_uri_is_the_id_of_neither_the_post_nor_its_responses(tmp_path):
    root = content(tmp_path / "content")
    write_post(root, "bad", "Text.", title="Bad", date="2012-03-01 10:00", guid="101")
    comments = {**COMMENTS, "responses": [*COMMENTS["responses"], {
        "id": "301", "post": "bad", "author": "Dee", "date": "2012-03-02T09:00",
        "content": "On the bad one."}]}
    (root / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    # Not fatal: the warning is asserted above; here, what the feeds say despite it.
    site = build(root, tmp_path / "output", settings_file=PUBLISH_SETTINGS,
                 SITEURL="https://blog.example.org")
    feeds = site.root / "feeds"
    assert entry_ids(ET.parse(feeds / "all.atom.xml").getroot())["Bad"] == (
        "tag:blog.example.org,2012-03-01:/2012/03/bad/")
    assert entry_ids(ET.parse(feeds / "responses/bad.atom.xml").getroot()) == {
        "Dee on “Bad”": "tag:blog.example.org,2012-03-02:/2012/03/bad//comment-301"}


def test_a_page_at_an_old_feed_address_is_never_replaced(tmp_path):
    root = content(tmp_path / "content")
    write_page(root, "feed", "Our page about feeding patients.", title="Feed")
    with pytest.raises(BuildFailed) as failure:
        publish(root, tmp_path / "output")
    assert "the old feed address /feed/ is already a page of the site" in str(failure.value)
    assert "Our page about feeding" in (tmp_path / "output/feed/index.html").read_text()


def test_old_category_and_tag_slugs_from_the_import_get_their_feeds_too(tmp_path):
    # WordPress made "ethics-2" and "social-media-3" where this site makes "ethics" and
    # "social-media"; the importer writes the old slugs by name.
    root = content(tmp_path / "content")
    (root / "wordpress-terms.json").write_text(json.dumps({
        "category": {"Ethics": "ethics-2"},
        # WordPress let two tags share a name; both old slugs lead to the one tag's feed.
        "post_tag": {"social media": ["social-media-3", "social-media-4"]}}), encoding="utf-8")
    site = publish(root, tmp_path / "output")
    assert (site.root / "category/ethics-2/feed/index.html").read_bytes() == (
        site.root / "feeds/category/ethics.atom.xml").read_bytes()
    for old in ("social-media-3", "social-media-4"):
        assert (site.root / f"tag/{old}/feed/index.html").read_bytes() == (
            site.root / "feeds/tag/social-media.atom.xml").read_bytes()


def test_an_old_slug_that_is_no_single_path_segment_is_not_used(tmp_path):
    root = content(tmp_path / "content")
    (root / "wordpress-terms.json").write_text(json.dumps({
        "category": {"Ethics": "../../../escape"}, "post_tag": {"social media": ["a/b", ".."]}}),
        encoding="utf-8")
    site = publish(root, tmp_path / "output")
    assert not (tmp_path / "escape").exists() and not (site.root / "tag/a").exists()
    assert sorted(path.relative_to(site.root).as_posix()
                  for path in site.root.rglob("feed/index.html")
                  if path.parts[len(site.root.parts)] in {"category", "tag"}) == [
        "category/ethics/feed/index.html", "tag/social-media/feed/index.html"]
