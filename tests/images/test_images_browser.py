"""plugins/images in Debian's Chromium: which copy the browser picks on a phone and on a
computer, and that nothing moves while the pictures load."""

import re

import pytest
from images_helpers import write_pictures

from sitebuild import build, serve, write_post

pytestmark = pytest.mark.browser

BODY = "\n\n".join(
    ["![The path along the river]({static}/images/IMG_2041.jpg)"]
    + [f"Paragraph {number}: " + "words to read while the page loads. " * 30
       + f"\n\n![Photo {number}]({{static}}/images/IMG_2041.jpg)" for number in range(1, 4)])


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("images-browser")
    write_pictures(root / "content" / "images")
    write_post(root / "content", "walk", BODY)
    site = build(root / "content", root / "output", fatal="errors")
    with serve(site.root) as base_url:
        yield f"{base_url}/2020/01/walk/"


def chosen(page):
    """The width (from its file name) of the copy the first picture shows, and its format."""
    page.wait_for_function("document.querySelector('picture img').complete")
    url = page.evaluate("document.querySelector('picture img').currentSrc")
    match = re.search(r"\.[0-9a-f]{8}-(\d+)\.(webp|jpg)$", url)
    assert match, url
    return int(match[1]), match[2]


@pytest.mark.parametrize(("width", "scale", "expected"), [
    (375, 2, 720),   # a phone: 343 CSS pixels of column at 2 device pixels each
    (375, 1, 360),   # an older phone
    (1280, 1, 720),  # a computer: the 36rem column, 576 pixels
    (1280, 2, 1200),  # a computer's 2x screen
])
def test_the_browser_picks_the_copy_for_its_screen(new_page, served, width, scale, expected):
    page = new_page(width=width, height=800, scale=scale)
    page.goto(served)
    assert chosen(page) == (expected, "webp")


def test_nothing_shifts_and_far_pictures_wait(new_page, served):
    page = new_page(width=375, height=667, scale=2)
    page.add_init_script("""
        window.shifts = 0;
        new PerformanceObserver(list => {
          for (const entry of list.getEntries()) window.shifts += entry.value;
        }).observe({type: "layout-shift", buffered: true});
    """)
    page.goto(served)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.shifts") == 0
    # Every picture has its box before it loads: the first one's, the width of the column
    # (the phone's 375 pixels less 1rem each side).
    box = page.evaluate("(() => { const r = document.querySelector('picture img')"
                        ".getBoundingClientRect(); return [r.width, r.height]; })()")
    assert box == [343, pytest.approx(343 * 2 / 3, abs=1)]
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                           ".filter(name => /\\.(webp|jpg)$/.test(name))")
    # The last photo is far below the screen: not fetched yet.
    assert len(loaded) < 4, loaded
