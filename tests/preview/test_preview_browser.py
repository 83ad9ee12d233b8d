"""The open page reloads itself in real Chromium when, and only when, its page changed."""

import pytest
from preview_testing import running_preview, write_post

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview-browser")
    with running_preview(root) as running:
        yield root, running


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
    assert value_once_loaded(post, "window.notReloaded") is None
    assert value_once_loaded(about, "window.notReloaded") is True


def value_once_loaded(page, expression):
    """`expression` on the page as loaded. On a busy machine the watcher can see one save as
    two changes, so the post page may reload twice; read it once it has stopped."""
    from playwright.sync_api import Error as PlaywrightError

    for _ in range(50):
        try:
            page.wait_for_load_state("load")
            return page.evaluate(expression)
        except PlaywrightError:
            page.wait_for_timeout(100)
    raise AssertionError(f"{page.url} kept reloading")
