"""Fixtures shared by every test folder: the real content, built once per session."""

import pytest

from sitebuild import PUBLISH_SETTINGS, REPO_ROOT, build_site


@pytest.fixture(scope="session")
def local_site(tmp_path_factory):
    """The real content/ built with the local settings."""
    root = tmp_path_factory.mktemp("local-site")
    return build_site(REPO_ROOT / "content", root / "output")


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory):
    """The real content/ built with the publish settings, failing on any warning."""
    root = tmp_path_factory.mktemp("publish-site")
    return build_site(
        REPO_ROOT / "content", root / "output", settings=PUBLISH_SETTINGS, fatal="warnings",
        env={"SITEURL": "https://blog.example.org"},
    )
