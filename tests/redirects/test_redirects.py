"""plugins/redirects on a tiny real Pelican site: old links answer with a redirect page."""

import logging

import pytest
from bs4 import Doctype

from sitebuild import REPO_ROOT, build, parse, write_files

MOVED = """\
Title: Moved &lt;here&gt;
Date: 2011-07-20 09:14
Category: ethics
Slug: moved
Redirect_from: /archives/2011/07/moved.html, /old/dir/, /?p=12, /noext

Moved text.
"""
SAME = """\
Title: Same place
Date: 2011-08-01 10:00
Slug: same
Redirect_from: /2011/08/same/

Nothing moved.
"""
ABOUT = """\
Title: About
Slug: about
Redirect_from: /about-us/

About us.
"""
CLASH = """\
Title: Clash
Date: 2012-01-01 10:00
Slug: clash
Redirect_from: /2011/07/moved/, /tags.html

Wants another page's place.
"""


# Pelican's defaults and the plugin alone: what the plugin needs, not this site's theme.
REDIRECTS_ONLY = {
    "PLUGIN_PATHS": [str(REPO_ROOT / "plugins")],
    "PLUGINS": ["redirects"],
    "ARTICLE_PATHS": ["posts"],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_URL": "{date:%Y}/{date:%m}/{slug}/",
    "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{slug}/index.html",
    "PAGE_URL": "{slug}/",
    "PAGE_SAVE_AS": "{slug}/index.html",
    "TIMEZONE": "America/New_York",
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "TRANSLATION_FEED_ATOM": None,
}


def build_files(tmp_path, files, **overrides):
    content = write_files(tmp_path / "content", files)
    return build(content, settings_file=None, **{**REDIRECTS_ONLY, **overrides})


def redirect_parts(path):
    soup = parse(path)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    return {
        "doctype": next(item for item in soup.contents if isinstance(item, Doctype)),
        "lang": soup.html["lang"],
        "title": soup.title.get_text(),
        "refresh": refresh,
        "canonical": soup.find("link", rel="canonical")["href"],
        "links": [(a["href"], a.get_text()) for a in soup.body.find_all("a")],
    }


@pytest.fixture
def site(tmp_path):
    return build_files(
        tmp_path, {"posts/moved.md": MOVED, "posts/same.md": SAME, "pages/about.md": ABOUT}
    )


def test_redirect_page_points_at_the_new_url(site):
    output = site.root
    assert redirect_parts(output / "archives/2011/07/moved.html") == {
        "doctype": "html",
        "lang": "en",
        "title": "Moved <here>",
        "refresh": "0; url=../../../2011/07/moved/",
        "canonical": "/2011/07/moved/",
        "links": [("../../../2011/07/moved/", "Moved <here>")],
    }


def test_folder_and_extensionless_paths_get_index_html(site):
    output = site.root
    assert redirect_parts(output / "old/dir/index.html")["refresh"] == "0; url=../../2011/07/moved/"
    assert redirect_parts(output / "noext/index.html")["refresh"] == "0; url=../2011/07/moved/"
    assert redirect_parts(output / "about-us/index.html")["links"] == [("../about/", "About")]


def test_query_links_are_skipped_and_same_path_needs_no_redirect(site):
    output = site.root
    messages = [
        (record.levelname, record.getMessage())
        for record in site.records
        if record.levelno >= logging.WARNING and "redirects:" in record.getMessage()
    ]
    moved = output.parent / "content" / "posts" / "moved.md"
    assert messages == [
        (
            "WARNING",
            f"redirects: {moved}: cannot redirect /?p=12: a query or bad path is not a file",
        ),
    ]
    written = sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*.html")
        if "pelican redirects plugin" in path.read_text(encoding="utf-8")
    )
    assert written == [
        "about-us/index.html",
        "archives/2011/07/moved.html",
        "noext/index.html",
        "old/dir/index.html",
    ]
    # The article's own page is still the article, not a redirect to itself.
    assert (
        parse(output / "2011/08/same/index.html").find("meta", attrs={"http-equiv": "refresh"})
        is None
    )


def test_redirect_never_replaces_a_real_page(tmp_path):
    site = build_files(tmp_path, {"posts/moved.md": MOVED, "posts/clash.md": CLASH})
    output = site.root
    errors = [record.getMessage() for record in site.records if record.levelno >= logging.ERROR]
    clash = tmp_path / "content" / "posts" / "clash.md"
    assert errors == [
        f"redirects: {clash}: refusing to write a redirect from /2011/07/moved/ over the real page "
        "2011/07/moved/index.html",
        f"redirects: {clash}: refusing to write a redirect from /tags.html over the real page "
        "tags.html",
    ]
    assert (
        parse(output / "2011/07/moved/index.html").find("meta", attrs={"http-equiv": "refresh"})
        is None
    )
    assert parse(output / "tags.html").find("meta", attrs={"http-equiv": "refresh"}) is None


def test_rebuild_rewrites_its_own_redirects(tmp_path):
    files = {"posts/moved.md": MOVED}
    build_files(tmp_path, files)
    site = build_files(tmp_path, files)
    output = site.root
    assert [
        record.getMessage() for record in site.records if record.levelno >= logging.ERROR
    ] == []
    assert redirect_parts(output / "old/dir/index.html")["canonical"] == "/2011/07/moved/"


def test_published_site_uses_absolute_urls(tmp_path):
    output = build_files(
        tmp_path, {"posts/moved.md": MOVED}, SITEURL="https://blog.example.org", RELATIVE_URLS=False
    ).root
    parts = redirect_parts(output / "archives/2011/07/moved.html")
    assert parts["refresh"] == "0; url=https://blog.example.org/2011/07/moved/"
    assert parts["canonical"] == "https://blog.example.org/2011/07/moved/"
