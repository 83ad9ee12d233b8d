"""pelicanconf.py is for local work; publishconf.py for the published site."""

from urllib.parse import urlsplit

from sitebuild import (
    PUBLISH_SETTINGS,
    SEED_PATH,
    SEED_SLUG,
    build,
    parse,
    publish_build,
    write_post,
)
from sitebuild import PUBLISH_SITEURL as SITEURL


def test_local_build_uses_relative_links_and_writes_no_feeds(local_site):
    page = parse(local_site / SEED_PATH)
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    internal = [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]
    assert internal and all(not h.startswith("/") for h in internal)
    assert not (local_site / "feeds").exists()


def test_publish_build_links_are_absolute(publish_site):
    page = parse(publish_site / SEED_PATH)
    for tag, attribute in (("a", "href"), ("link", "href")):
        for element in page.find_all(tag, **{attribute: True}):
            url = element[attribute]
            if url.startswith(("#", "mailto:")):
                continue
            assert urlsplit(url).scheme in ("http", "https"), f"relative {tag} {url!r}"
    assert page.select_one(".posted-in a")["href"] == f"{SITEURL}/category/ethics/"


def test_publish_build_writes_every_atom_feed_listing_the_seed(publish_site):
    feeds = [
        "feeds/all.atom.xml",
        "feeds/category/ethics.atom.xml",
        "feeds/category/social-media.atom.xml",
        "feeds/tag/facebook.atom.xml",
        "feeds/author/society-for-participatory-medicine.atom.xml",
    ]
    for feed in feeds:
        text = (publish_site / feed).read_text(encoding="utf-8")
        assert f"{SITEURL}/2011/07/{SEED_SLUG}/" in text, feed


def test_drafts_show_locally_and_never_publish(tmp_path):
    content = tmp_path / "content"
    write_post(content, "a-published-post")
    write_post(content, "work-in-progress", status="draft")
    local = build(content, tmp_path / "local", fatal="errors").root
    assert (local / "drafts/work-in-progress/index.html").is_file()
    published = publish_build(content, tmp_path / "published").root
    assert (published / "2020/01/a-published-post/index.html").is_file()
    assert not (published / "drafts").exists()
    assert "work-in-progress" not in "".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in published.rglob("*") if path.is_file()
    )


def test_publish_build_deletes_old_output(tmp_path):
    content = tmp_path / "content"
    write_post(content, "a-published-post")
    output = tmp_path / "published"
    output.mkdir()
    (output / "stale.html").write_text("left over from an old build")
    build(content, output, settings_file=PUBLISH_SETTINGS, fatal="warnings")
    assert not (output / "stale.html").exists()
    assert (output / "2020/01/a-published-post/index.html").is_file()
