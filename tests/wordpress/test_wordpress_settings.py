"""The importer reads the site's URL patterns from its settings instead of copying them."""

from wordpress_helpers import EXPORT_12

from tools.wordpress import import_wordpress
from tools.wordpress.site import read_settings, site_page_pattern


def test_the_sites_own_files_are_found_from_publishconf():
    pattern = site_page_pattern(read_settings())
    for own in ("index.html", "404.html", "archives/index.html", "search/index.html",
                "category/ethics/index.html", "category/ethics/page/2/index.html",
                "page/3/index.html", "tag/x/index.html", "author/y/index.html",
                "2011/index.html", "2011/07/index.html", "feeds/all.atom.xml",
                "feeds/category/ethics.atom.xml", "feeds/responses/a-post.atom.xml",
                "theme/css/site.css", "sitemap.xml", "robots.txt"):
        assert pattern.match(own), own
    for not_own in ("about/index.html", "2011/07/a-post/index.html",
                    "archives/2011/07/a-post.html", "feeds/old.xml", "wp-content/x.jpg"):
        assert not pattern.match(not_own), not_own


def test_a_changed_setting_changes_what_the_site_owns():
    settings = {**read_settings(), "TAG_SAVE_AS": "topics/{slug}/index.html"}
    assert site_page_pattern(settings).match("topics/x/index.html")
    assert not site_page_pattern(read_settings()).match("topics/x/index.html")


def test_redirects_follow_the_article_url_setting(tmp_path):
    # Under the site's settings /2011/07/new-style/ is the post's own URL: no redirect.
    default = tmp_path / "default"
    import_wordpress(EXPORT_12, default)
    assert "Redirect_from" not in (default / "posts/2011/new-style.md").read_text()
    # With another permalink setting, the old link needs one.
    settings = {**read_settings(), "ARTICLE_URL": "{slug}/", "TIMEZONE": "America/New_York"}
    moved = tmp_path / "moved"
    import_wordpress(EXPORT_12, moved, settings=settings)
    assert "Redirect_from: /2011/07/new-style/\n" in (moved / "posts/2011/new-style.md").read_text()
