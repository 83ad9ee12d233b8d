"""Fixtures shared by every test folder: the tests' own seed site, built once per session.

The site is tests/site/fixtures/content (a copy of the seed post, its two responses and an
About page), never the repository's content/, so authors can add, edit or delete posts there
without changing what the tests specify. Only tests/site/test_seed_post.py reads content/.
Browser tests, in every folder, share the session's one Chromium (``browser``, ``new_page``).
"""

from pathlib import Path

import pytest

from sitebuild import FIXTURE_CONTENT, LOCAL_SETTINGS, REPO_ROOT, build, publish_build


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
    return publish_build(FIXTURE_CONTENT, root / "output").root


@pytest.fixture(scope="session")
def real_seed_site(tmp_path_factory):
    """The repository's real content/, built locally: for the seed post's own page only."""
    root = tmp_path_factory.mktemp("real-content")
    return build(REPO_ROOT / "content", root / "output", settings_file=LOCAL_SETTINGS)


@pytest.fixture(scope="session")
def browser():
    """The session's one Chromium (Debian's, at CONFIG["chromium"]), driven by Playwright.

    One for every folder: Playwright's sync API refuses a second instance in the same thread.
    """
    from tools.config import CONFIG

    chromium = Path(CONFIG["chromium"])
    if not chromium.exists():
        pytest.fail(
            f"Debian's Chromium is needed at {chromium} for the browser tests: "
            "apt-get install -y chromium",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium),
                                              args=CONFIG["chromium_args"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts: new_page(width=375, color_scheme="dark"); closed after.
    `scale` is the screen's device pixel ratio (2 for a phone's)."""
    contexts = []

    def open_page(width=1280, height=900, color_scheme="light", javascript=True, scale=1):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            java_script_enabled=javascript,
            device_scale_factor=scale,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()
