"""The reader's side in Debian's Chromium: tables, the phone's first screen, threads, search,
404, print, tap targets and focus, measured on the fixture site's publish build."""

import re
from datetime import datetime

import pytest
from theme_helpers import SEED_PATH, SEED_TITLE, line_length

pytestmark = pytest.mark.browser

TABLE_PATH = "2011/03/theme-test-table/"
DEEP_PATH = "2011/05/theme-test-deep-thread/"
RISK_PATH = "2012/04/theme-test-risk-and-reward/"
RISK_TITLE = "Risk & reward: “quoted” words"

# Every word of every table cell whose text range is drawn on more than one line. A line may
# still break after the hyphen of "Screen-reader": each part counts as a word of its own.
SPLIT_WORDS = """() => {
    const split = [];
    for (const cell of document.querySelectorAll('.post-content td, .post-content th')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/[^\\s\\-\u2010]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                if (tops.size !== 1) split.push(match[0]);
            }
        }
    }
    return split;
}"""


def reader_text(value):
    return " ".join(value.replace("\xa0", " ").split())


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_no_word_in_a_table_cell_spans_two_lines(site, new_page, width):
    page = new_page(width=width)
    page.goto(site.url(TABLE_PATH))
    assert page.locator(".post-content td").count() == 18
    assert page.evaluate(SPLIT_WORDS) == []


def test_a_wide_table_scrolls_in_its_own_labelled_region_and_the_page_does_not(site, new_page):
    page = new_page(width=375)
    page.goto(site.url(TABLE_PATH))
    region = page.get_by_role("region", name=re.compile("^Table: Portal feature"))
    sizes = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1]  # it scrolls sideways...
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # ...the page does not
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.table-scroll').scrollLeft > 0")


def test_long_addresses_in_prose_still_wrap_beside_a_table(site, new_page):
    page = new_page(width=320)
    page.goto(site.url(TABLE_PATH))
    paragraph = page.locator(".post-content p", has_text="A long address").bounding_box()
    assert paragraph["x"] + paragraph["width"] <= 320
    assert paragraph["height"] > 60


@pytest.mark.parametrize("path", [SEED_PATH, TABLE_PATH, DEEP_PATH])
@pytest.mark.parametrize("javascript", [True, False])
def test_the_post_title_starts_within_300_px_on_a_phone(site, new_page, path, javascript):
    page = new_page(width=375, height=667, javascript=javascript)
    page.goto(site.url(path))
    title = page.locator("main h1").bounding_box()
    header = page.locator("header.site-header").bounding_box()
    assert title["y"] < 300, (header, title)
    assert header["height"] <= 120, header
    assert not page.locator('nav[aria-label="Main"]').is_visible()
    assert not page.get_by_role("searchbox", name="Search the blog").is_visible()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_phone_menu_opens_without_script_and_holds_nav_and_search(site, new_page,
                                                                     javascript):
    page = new_page(width=375, height=667, javascript=javascript)
    page.goto(site.url(SEED_PATH))
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")
    nav = page.locator('nav[aria-label="Main"]')
    assert nav.is_visible()
    assert page.get_by_role("searchbox", name="Search the blog").is_visible()
    for link in nav.locator("a").all():
        assert link.bounding_box()["height"] >= 24
    nav.get_by_role("link", name="Archives").click()
    page.wait_for_url(site.url("archives/"))


def test_desktop_shows_menu_and_search_without_the_menu_control(site, new_page):
    page = new_page(width=1280)
    page.goto(site.url(SEED_PATH))
    assert not page.get_by_text("Menu", exact=True).is_visible()
    assert page.locator('nav[aria-label="Main"]').is_visible()
    assert page.get_by_role("searchbox", name="Search the blog").is_visible()


def test_in_reply_to_links_to_the_response_answered(site, new_page):
    page = new_page(width=375, height=667)
    page.goto(site.url(DEEP_PATH))
    reply = page.locator("#comment-deep-7 > article .in-reply-to")
    assert reader_text(reply.inner_text()) == "In reply to Finn Hart"
    reply.get_by_role("link").click()
    page.wait_for_url(site.url(DEEP_PATH) + "#comment-deep-6")
    page.wait_for_function(
        "Math.abs(document.getElementById('comment-deep-6').getBoundingClientRect().top - 64) < 4"
    )
    # The reply, its parent and the parent's parent line up: the indent stopped at level 5.
    lefts = [page.locator(f"#comment-deep-{n}").bounding_box()["x"] for n in (5, 6, 7)]
    assert len(set(lefts)) == 1
    assert lefts[0] - page.locator("#comment-deep-1").bounding_box()["x"] <= 80


def contrast(a, b):
    def luminance(rgb):
        channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_thread_lines_meet_3_to_1(site, new_page, scheme):
    page = new_page(color_scheme=scheme)
    page.goto(site.url(DEEP_PATH))
    line, background = page.evaluate(
        """[getComputedStyle(document.querySelector('.commentlist .children')).borderLeftColor,
            getComputedStyle(document.body).backgroundColor]"""
    )
    assert contrast(line, background) >= 3, (line, background)


def test_tap_targets_are_at_least_24_px_tall_on_a_phone(site, new_page):
    page = new_page(width=375)
    small = []
    for path, selector in [
        (SEED_PATH, ".posted-in a, .post-tags a, .comment-metadata a, .footer-links a"),
        (DEEP_PATH, ".in-reply-to a"),
        ("", ".pagination a, .home-topics a, .response-count a"),
        ("archives/", ".jump-links a, .month-list a"),
        ("categories/", ".term-list a"),
    ]:
        page.goto(site.url(path))
        links = page.locator(f"main {selector}, footer {selector}").all()
        assert links, (path, selector)
        small += [(path, link.inner_text(), link.bounding_box()["height"]) for link in links
                  if link.bounding_box()["height"] < 24]
    assert small == []


def test_focus_is_never_hidden_under_the_screen_edge(site, new_page):
    page = new_page(width=375, height=667)
    page.goto(site.url(SEED_PATH))
    assert page.evaluate("getComputedStyle(document.documentElement).scrollPaddingTop") == "64px"
    page.locator("footer .footer-links a").last.focus()
    page.wait_for_function(
        """() => {
            const box = document.activeElement.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= innerHeight;
        }"""
    )


def result_links(page):
    links = page.locator("#search-results h2 a")
    links.first.wait_for()
    return [(link.evaluate("a => a.textContent"), link.evaluate("a => a.href"))
            for link in links.all()]


def test_search_titles_are_plain_text(site, new_page):
    page = new_page()
    page.goto(site.url("search/?q=reward"))
    titles = result_links(page)
    assert (RISK_TITLE, site.url(RISK_PATH)) in titles
    page.goto(site.url("search/?q=sticky+wicket"))
    (title, _), = result_links(page)
    assert "&" not in title and "\xa0" not in title
    assert title == SEED_TITLE


def test_a_match_in_a_response_links_to_that_response(site, new_page):
    page = new_page()
    page.goto(site.url("search/?q=zebracorn"))
    assert result_links(page) == [(
        "Theme test: comparing portal features", site.url(TABLE_PATH) + "#comment-table-1")]
    assert page.locator("#search-results .search-where").inner_text() == "Found in a response"
    page.locator("#search-results h2 a").click()
    page.wait_for_url(site.url(TABLE_PATH) + "#comment-table-1")
    # A match in the post itself links to the post.
    page.goto(site.url("search/?q=editors+want"))
    assert (("Theme test: start here", site.url("2011/02/theme-test-pinned/"))
            in result_links(page))


def result_dates(page):
    result_links(page)
    return [datetime.strptime(text.removeprefix("Posted "), "%B %d, %Y")
            for text in page.locator("#search-results .post-meta").all_inner_texts()]


def test_search_offers_newest_first_as_well_as_best_match(site, new_page):
    page = new_page()
    page.goto(site.url("search/?q=theme+test"))
    result_links(page)
    order = page.locator('nav[aria-label="Order of results"]')
    assert order.get_by_role("link", name="Best match").get_attribute("aria-current") == "true"
    order.get_by_role("link", name="Newest first").click()
    page.wait_for_url(re.compile(r"sort=newest"))
    dates = result_dates(page)
    assert len(dates) >= 5
    assert dates == sorted(dates, reverse=True)
    assert order.get_by_role("link", name="Newest first").get_attribute("aria-current") == "true"


def test_404_search_box_is_filled_from_the_missing_address(site, new_page):
    page = new_page()
    response = page.goto(site.url("2011/07/sticky-wicket-old-address.php"))
    assert response.status == 404
    box = page.locator("main").get_by_role("searchbox", name="Search the blog")
    assert box.input_value() == "sticky wicket old address"
    box.fill("sticky wicket")
    box.press("Enter")
    page.wait_for_url(site.url("search/?q=sticky+wicket"))
    assert result_links(page)[0][1] == site.url(SEED_PATH)


def test_print_keeps_headings_with_text_and_breaks_between_comments(site, new_page):
    page = new_page(color_scheme="dark")
    page.goto(site.url(DEEP_PATH))
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => {
            const style = (selector) => getComputedStyle(document.querySelector(selector));
            const heading = style('#responses-title');
            return {
                heading: [heading.breakAfter, heading.breakInside],
                thread: style('#comment-deep-1').breakInside,
                comment: style('#comment-deep-1 > .comment-body').breakInside,
                fontSize: style('.post-content p').fontSize,
                hidden: ['.site-menu', '.post-neighbours', '.footer-links', '.skip-link']
                    .map((s) => document.querySelector(s))
                    .filter((el) => el && getComputedStyle(el).display !== 'none').length,
            };
        }"""
    )
    assert styles == {"heading": ["avoid", "avoid"], "thread": "auto", "comment": "avoid",
                      "fontSize": "16px", "hidden": 0}


def test_print_lines_are_at_most_about_75_characters(site, new_page):
    page = new_page(width=800)
    page.goto(site.url(SEED_PATH))
    page.emulate_media(media="print")
    characters_per_line = line_length(page)
    assert 55 <= characters_per_line <= 78, characters_per_line
    feed_links = page.locator(".feed-link").all()
    assert feed_links and not any(link.is_visible() for link in feed_links)


def test_no_request_fails_and_the_favicon_loads(site, new_page):
    page = new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(site.url(SEED_PATH))
    page.wait_for_load_state("networkidle")
    assert failed == []
    for href in page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluate_all(
        "links => links.map((l) => l.href)"
    ) + [site.url("favicon.ico")]:
        assert page.request.get(href).status == 200, href
    assert SEED_TITLE in reader_text(page.title())
