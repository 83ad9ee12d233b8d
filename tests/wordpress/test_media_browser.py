"""Imported galleries and featured images in Debian's Chromium: axe-clean, readable on a phone."""

import pytest
from media_helpers import MULTISITE_FILES, make_uploads
from pagecheck import axe_report, axe_violations
from wordpress_helpers import FIXTURES

from sitebuild import build, serve
from tools.wordpress import import_wordpress

pytestmark = pytest.mark.browser

POST = "2019/03/meeting-photos/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The multisite fixture imported with its uploads, built locally and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("media-browser")
    make_uploads(root / "uploads", MULTISITE_FILES)
    import_wordpress(FIXTURES / "media-multisite.xml", root / "content", media=root / "uploads")
    output = build(root / "content", root / "output", fatal="errors").root
    with serve(output) as base_url:
        yield base_url + "/"


def open_post(new_page, served, width, color_scheme="light"):
    page = new_page(width=width, height=800, color_scheme=color_scheme)
    page.goto(served + POST)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize(("width", "scheme"), [(375, "light"), (1280, "light"), (1280, "dark")])
def test_gallery_and_featured_image_are_axe_clean(new_page, served, width, scheme):
    page = open_post(new_page, served, width, scheme)
    # The post's own audio and video are the authors' content; the gallery and the
    # featured image are what the importer and the theme make.
    violations = axe_violations(page, context={"include": [[".gallery"], [".featured-image"]]})
    assert not violations, axe_report(violations)


def test_gallery_on_a_phone_is_two_readable_columns_without_sideways_scrolling(new_page, served):
    page = open_post(new_page, served, 375)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Gallery images load lazily: bring them into view and let them finish loading.
    page.locator(".gallery").scroll_into_view_if_needed()
    page.wait_for_function("Array.from(document.querySelectorAll('.gallery img'))"
                           ".every(image => image.complete)")
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


def test_gallery_uses_the_shortcodes_columns_on_a_wide_screen(new_page, served):
    page = open_post(new_page, served, 1280)
    tops = page.locator(".gallery .gallery-item").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().top)"
    )
    assert len(tops) == 2 and tops[0] == tops[1]
