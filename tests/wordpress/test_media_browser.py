"""Imported galleries and featured images in Debian's Chromium: axe-clean, readable on a phone."""

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from media_helpers import MULTISITE_FILES, make_uploads
from wordpress_helpers import FIXTURES

from sitebuild import build_site
from tasks import CONFIG
from tools.wordpress import import_wordpress

pytestmark = pytest.mark.browser

CHROMIUM = Path(CONFIG["chromium"])
POST = "2019/03/meeting-photos/"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The multisite fixture imported with its uploads, built locally and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("media-browser")
    make_uploads(root / "uploads", MULTISITE_FILES)
    import_wordpress(FIXTURES / "media-multisite.xml", root / "content", media=root / "uploads")
    output = build_site(root / "content", root / "output")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def in_browser():
    """in_browser(check, *args) runs check(browser, *args) in Chromium.

    Playwright's sync API refuses to start while another instance (the theme
    tests' session browser) runs in this thread, so this one lives in a thread
    of its own and every check runs there.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's Chromium is needed at /usr/bin/chromium for the browser tests: "
            "apt-get install -y chromium",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    state = {}

    def start():
        state["playwright"] = sync_playwright().start()
        state["browser"] = state["playwright"].chromium.launch(
            executable_path=str(CHROMIUM), args=CONFIG["chromium_args"]
        )

    def stop():
        state["browser"].close()
        state["playwright"].stop()

    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(start).result()
        try:
            yield lambda check, *args: thread.submit(check, state["browser"], *args).result()
        finally:
            thread.submit(stop).result()


def open_post(browser, served, width, color_scheme="light"):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, color_scheme=color_scheme
    )
    page = context.new_page()
    page.goto(served + POST)
    page.wait_for_load_state("load")
    return page


def axe_lines(violations):
    return "\n".join(
        f"{violation['id']}: {violation['help']}: "
        + "; ".join(node["html"][:120] for node in violation["nodes"])
        for violation in violations
    )


@pytest.mark.parametrize(("width", "scheme"), [(375, "light"), (1280, "light"), (1280, "dark")])
def test_gallery_and_featured_image_are_axe_clean(in_browser, served, width, scheme):
    in_browser(check_axe, served, width, scheme)


def check_axe(browser, served, width, scheme):
    page = open_post(browser, served, width, scheme)
    # The post's own audio and video are the authors' content; the gallery and the
    # featured image are what the importer and the theme make.
    results = Axe().run(
        page, context={"include": [[".gallery"], [".featured-image"]]}, options=AXE_OPTIONS
    )
    violations = results.response["violations"]
    assert not violations, axe_lines(violations)
    page.context.close()


def test_gallery_on_a_phone_is_two_readable_columns_without_sideways_scrolling(in_browser, served):
    in_browser(check_phone, served)


def check_phone(browser, served):
    page = open_post(browser, served, 375)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    boxes = page.locator(".gallery .gallery-item img").evaluate_all(
        "images => images.map(image => { const box = image.getBoundingClientRect();"
        " return [box.left, box.top, box.width, box.height, image.naturalWidth]; })"
    )
    assert len(boxes) == 2
    (left1, top1, width1, height1, natural1), (left2, top2, width2, _h, natural2) = boxes
    assert natural1 > 0 and natural2 > 0, "an image did not load"
    assert top1 == top2 and left2 > left1 + width1, "two images side by side"
    assert width1 >= 120 and abs(width1 - height1) < 1, "square thumbnails of a usable size"
    caption = page.locator(".gallery figcaption").first
    assert caption.is_visible()
    assert float(caption.evaluate("c => parseFloat(getComputedStyle(c).fontSize)")) >= 13
    featured = page.locator(".featured-image img")
    assert featured.evaluate("image => image.naturalWidth") > 0
    assert featured.bounding_box()["width"] <= 375
    page.context.close()


def test_gallery_uses_the_shortcodes_columns_on_a_wide_screen(in_browser, served):
    in_browser(check_wide, served)


def check_wide(browser, served):
    page = open_post(browser, served, 1280)
    tops = page.locator(".gallery .gallery-item").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().top)"
    )
    assert len(tops) == 2 and tops[0] == tops[1]
    page.context.close()
