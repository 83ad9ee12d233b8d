"""Fixtures for the theme tests: one real site build per session, served on 127.0.0.1.

The site is the theme's own fixture (tests/theme/content: a seed-like post and its two
responses, a table post, an eight-deep thread, a pinned post, a page with a thread), built
with the publish settings (feeds on, absolute URLs) but with SITEURL pointing at the local
server and two posts per page, then indexed with Pagefind exactly as `invoke build` does.
Browser tests share one Chromium (Debian's, at /usr/bin/chromium) for the session.
"""

import functools
import threading
from http.server import ThreadingHTTPServer

import pytest
from theme_helpers import CHROMIUM, CHROMIUM_ARGS, QuietHandler, Site, build_site, fixture_content


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The publish build of the test site, indexed by Pagefind and served over HTTP."""
    output = tmp_path_factory.mktemp("site") / "output"
    output.mkdir()
    handler = functools.partial(QuietHandler, directory=str(output))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        warnings = build_site(
            output,
            fixture_content(tmp_path_factory),
            "publishconf.py",
            {"SITEURL": base_url, "FEED_DOMAIN": base_url},
        )
        from tasks import index_search

        index_search(output)
        yield Site(root=output, base_url=base_url, warnings=warnings)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def local_theme_site(tmp_path_factory):
    """The local (pelicanconf) build: relative URLs, no feeds; responses kept out of search."""
    output = tmp_path_factory.mktemp("local") / "output"
    warnings = build_site(
        output,
        fixture_content(tmp_path_factory),
        "pelicanconf.py",
        {"SEARCH_INCLUDE_RESPONSES": False},
    )
    return Site(root=output, base_url="", warnings=warnings)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's Chromium is needed at /usr/bin/chromium for the browser tests: "
            "apt-get install -y chromium",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts: new_page(width=375, color_scheme="dark")."""
    contexts = []

    def open_page(width=1280, height=900, color_scheme="light", javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()
