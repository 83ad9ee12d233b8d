"""The open page reloads itself in real Chromium when, and only when, its page changed."""

import pytest
from preview_testing import start_preview, stop_preview, write_post, write_site

from tools.authoring.build import plugins_disconnected_after

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview-browser")
    write_site(root)
    with plugins_disconnected_after():
        running = start_preview(root)
        try:
            yield root, running
        finally:
            stop_preview(running)


def open_page(new_page, url):
    page = new_page()
    page.goto(url)
    page.evaluate("window.notReloaded = true")
    # The reload script is listening before the edit is made.
    page.wait_for_function("window.previewListening === true", polling=50)
    return page


def test_edit_shows_on_the_open_post_page_and_leaves_other_pages_alone(preview, new_page):
    root, running = preview
    post = open_page(new_page, running.server.url() + "2020/01/post-5/")
    about = open_page(new_page, running.server.url() + "about/")
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
