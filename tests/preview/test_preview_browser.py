"""The open page reloads itself in real Chromium when, and only when, its page changed."""

from pathlib import Path

import pytest
from preview_testing import SignalReceivers, start_preview, stop_preview, write_post, write_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview-browser")
    write_site(root)
    with SignalReceivers():
        running = start_preview(root)
        try:
            yield root, running
        finally:
            stop_preview(running)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is needed at /usr/bin/chromium for the browser tests: "
                    "apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser, url):
    page = browser.new_page()
    page.goto(url)
    page.evaluate("window.notReloaded = true")
    # The reload script is listening before the edit is made.
    page.wait_for_function("window.previewListening === true", polling=50)
    return page


def test_edit_shows_on_the_open_post_page_and_leaves_other_pages_alone(preview, browser):
    root, running = preview
    post = open_page(browser, running.server.url() + "2020/01/post-5/")
    about = open_page(browser, running.server.url() + "about/")
    before = running.received
    # One word: typogrify joins a paragraph's last two words with a no-break space.
    write_post(root / "content", 5, body="Seen-without-pressing-reload")
    post.wait_for_function(
        "document.body.innerText.includes('Seen-without-pressing-reload')", polling=50,
        timeout=15000)
    assert running.wait_settled(before, timeout=30)
    # On a loaded machine the reload may still be under way when settling ends.
    post.wait_for_load_state("load")
    assert post.evaluate("window.notReloaded") is None
    assert about.evaluate("window.notReloaded") is True
