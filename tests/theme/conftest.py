"""Fixtures for the theme tests: one real site build per session, served on 127.0.0.1.

The site is the theme's own fixture (tests/theme/content: a seed-like post and its two
responses, a table post, an eight-deep thread, a pinned post, a page with a thread), built
with the publish settings (feeds on, absolute URLs) but with SITEURL pointing at the local
server and two posts per page, then indexed with Pagefind exactly as `invoke build` does.
Browser tests use the session's one Chromium (tests/conftest.py).
"""

import shutil

import pytest
from theme_helpers import PER_PAGE, TEST_CONTENT

from sitebuild import LOCAL_SETTINGS, PUBLISH_SETTINGS, build, serve


def fixture_content(tmp_path_factory):
    """A copy of the theme's own fixture site (tests/theme/content): never the repo's content/,
    so authors can add posts there without touching these tests."""
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(TEST_CONTENT, content)
    return content


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The publish build of the test site, indexed by Pagefind and served over HTTP."""
    output = tmp_path_factory.mktemp("site") / "output"
    # Served before it is built: the build needs the server's address as its SITEURL.
    with serve(output) as base_url:
        built = build(fixture_content(tmp_path_factory), output, settings_file=PUBLISH_SETTINGS,
                      DELETE_OUTPUT_DIRECTORY=False, DEFAULT_PAGINATION=PER_PAGE,
                      SITEURL=base_url, FEED_DOMAIN=base_url)
        from tasks import index_search

        index_search(output)
        yield built


@pytest.fixture(scope="session")
def local_theme_site(tmp_path_factory):
    """The local (pelicanconf) build: relative URLs, no feeds; responses kept out of search."""
    output = tmp_path_factory.mktemp("local") / "output"
    return build(fixture_content(tmp_path_factory), output, settings_file=LOCAL_SETTINGS,
                 DELETE_OUTPUT_DIRECTORY=False, DEFAULT_PAGINATION=PER_PAGE,
                 SEARCH_INCLUDE_RESPONSES=False)
