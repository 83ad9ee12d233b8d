"""Fixtures shared by every test folder: the tests' own seed site, built once per session.

The site is tests/site/fixtures/content (a copy of the seed post, its two responses and an
About page), never the repository's content/, so authors can add, edit or delete posts there
without changing what the tests specify. Only tests/site/test_seed_post.py reads content/.
"""

import pytest

from sitebuild import FIXTURE_CONTENT, LOCAL_SETTINGS, PUBLISH_SETTINGS, REPO_ROOT, build

PUBLISH_SITEURL = "https://blog.example.org"


@pytest.fixture(scope="session")
def local_site(tmp_path_factory):
    """The seed site built with the local settings (a Path to its output folder)."""
    root = tmp_path_factory.mktemp("local-site")
    return build(FIXTURE_CONTENT, root / "output", settings_file=LOCAL_SETTINGS,
                 fatal="errors").root


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory):
    """The seed site built with the publish settings, failing on any warning."""
    root = tmp_path_factory.mktemp("publish-site")
    return build(FIXTURE_CONTENT, root / "output", settings_file=PUBLISH_SETTINGS,
                 fatal="warnings", SITEURL=PUBLISH_SITEURL, FEED_DOMAIN=PUBLISH_SITEURL).root


@pytest.fixture(scope="session")
def real_seed_site(tmp_path_factory):
    """The repository's real content/, built locally: for the seed post's own page only."""
    root = tmp_path_factory.mktemp("real-content")
    return build(REPO_ROOT / "content", root / "output", settings_file=LOCAL_SETTINGS)
