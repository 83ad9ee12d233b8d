"""The built site in Debian's Chromium: axe-core, layout, search, keyboard and print."""

import struct

import pytest
from pagecheck import axe_report, axe_violations
from theme_helpers import SEED_PATH, SEED_TITLE, line_length

from sitebuild import run_invoke

pytestmark = pytest.mark.browser

LONG_PATH = "2012/01/theme-test-long-address/"
PINNED_PATH = "2011/02/theme-test-pinned/"
PAGES = {
    "home": "",
    "article": SEED_PATH,
    "category": "category/ethics/",
    "tag": "tag/facebook/",
    "archives": "archives/",
    "404": "no-such-page/",
    "search": "search/?q=sticky+wicket",
    "long": "2012/01/theme-test-long-address/",
    "table": "2011/03/theme-test-table/",
    "thread": "2011/05/theme-test-deep-thread/",
    "page-with-thread": "about/",
}
MODES = {
    "light": {"width": 1280, "color_scheme": "light"},
    "dark": {"width": 1280, "color_scheme": "dark"},
    "phone": {"width": 375, "color_scheme": "light"},
}


def reader_text(value):
    return " ".join(value.replace("\xa0", " ").split())


def open_site_page(site, page, name):
    response = page.goto(site.url(PAGES[name]))
    assert response.status == (404 if name == "404" else 200)
    if name == "search":
        page.locator("#search-results li").first.wait_for()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(site, new_page, name, mode):
    page = new_page(**MODES[mode])
    open_site_page(site, page, name)
    violations = axe_violations(page)
    if violations:
        pytest.fail(f"axe-core on {name} ({mode}):\n{axe_report(violations)}", pytrace=False)


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_320_px(site, new_page, name):
    page = new_page(width=320)
    open_site_page(site, page, name)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{name}: scrollWidth {widths[0]} > clientWidth {widths[1]}"


def test_long_address_and_long_word_wrap_inside_the_text_column(site, new_page):
    page = new_page(width=320)
    page.goto(site.url(LONG_PATH))
    column = page.locator(".post-content").bounding_box()
    assert column["width"] <= 320
    for paragraph in page.locator(".post-content p").all():
        box = paragraph.bounding_box()
        assert box["x"] + box["width"] <= column["x"] + column["width"] + 0.5
    link = page.locator(".post-content a").first.bounding_box()
    assert link["height"] > 60  # the address wrapped onto several lines
    for response in page.locator("#responses li").all():
        box = response.bounding_box()
        assert box["x"] + box["width"] <= column["x"] + column["width"] + 0.5


def search_results(page):
    links = page.locator("#search-results h2 a")
    links.first.wait_for()
    return [
        (reader_text(link.inner_text()), link.evaluate("a => a.href")) for link in links.all()
    ]


def test_search_round_trip_from_the_home_page(site, new_page):
    page = new_page()
    page.goto(site.url())
    box = page.get_by_role("searchbox", name="Search the blog")
    box.fill("sticky wicket")
    box.press("Enter")
    page.wait_for_url(site.url("search/?q=sticky+wicket"))
    assert search_results(page) == [(SEED_TITLE, site.url(SEED_PATH))]
    assert page.locator("#search-status").inner_text() == "1 post matches “sticky wicket”."
    assert page.title() == "“sticky wicket”: Search — Society for Participatory Medicine"
    assert page.get_by_role("searchbox", name="Search the blog").input_value() == "sticky wicket"


def test_search_finds_words_that_are_only_in_responses(site, new_page):
    page = new_page()
    page.goto(site.url("search/"))
    box = page.get_by_role("searchbox", name="Search the blog")
    box.fill("aerospace")
    box.press("Enter")
    page.wait_for_url(site.url("search/?q=aerospace"))
    assert search_results(page) == [(SEED_TITLE, site.url(SEED_PATH) + "#comment-1")]


def test_search_with_no_results_says_so_and_offers_archives_and_categories(site, new_page):
    page = new_page()
    page.goto(site.url("search/?q=zebrafishology"))
    status = page.locator("#search-status")
    page.wait_for_function("document.getElementById('search-status').textContent.startsWith('No')")
    assert status.inner_text() == "No posts match “zebrafishology”."
    assert page.locator("#search-results li").count() == 0
    help_box = page.locator("#search-nothing")
    assert help_box.is_visible()
    assert reader_text(help_box.inner_text()).startswith("Try fewer or different words")
    assert [link.evaluate("a => a.href") for link in help_box.locator("a").all()] == [
        site.url("archives/"), site.url("categories/")]
    assert not page.locator("#search-order").is_visible()


def test_search_page_without_javascript_points_to_the_archives(site, new_page):
    page = new_page(javascript=False)
    page.goto(site.url("search/?q=sticky+wicket"))
    notice = page.locator("main noscript p, main p.notice").first
    assert notice.is_visible()
    assert notice.inner_text().startswith("Search needs JavaScript")
    page.get_by_role("link", name="archives, by year").click()
    page.wait_for_url(site.url("archives/"))


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim(),
                href: el.href || null,
                outline: style.outlineStyle + ' ' + style.outlineWidth,
                visible: box.width > 1 && box.height > 1 && box.top >= 0
                    && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
            };
        }"""
    )


def test_tab_goes_to_visible_skip_link_then_through_header_to_the_main_topics(site, new_page):
    page = new_page()
    page.goto(site.url())
    order = []
    for _ in range(9):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state["visible"], state
        assert state["outline"] == "solid 3px", state
        order.append((state["tag"], reader_text(state["text"])))
    assert order == [
        ("a", "Skip to content"),
        ("a", "Society for Participatory Medicine"),
        ("a", "Home"),
        ("a", "About"),
        ("a", "Archives"),
        ("a", "Categories"),
        ("input", ""),
        ("button", "Search"),
        ("a", "theme testing"),
    ]
    page.keyboard.press("Enter")
    page.wait_for_url(site.url("category/theme-testing/"))


def test_skip_link_moves_focus_to_the_content(site, new_page):
    page = new_page(width=375)
    page.goto(site.url())
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.url == site.url("#main")
    page.keyboard.press("Tab")
    state = focused(page)
    assert reader_text(state["text"]) == "theme testing"
    assert state["href"] == site.url("category/theme-testing/")


def test_skip_link_is_hidden_until_focused(site, new_page):
    page = new_page()
    page.goto(site.url())
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] + box["height"] <= 0


@pytest.mark.parametrize(
    ("scheme", "background", "text"),
    [
        ("light", "rgb(252, 251, 248)", "rgb(29, 33, 37)"),
        ("dark", "rgb(18, 21, 24)", "rgb(232, 230, 227)"),
    ],
)
def test_colour_scheme_follows_the_reader_preference(site, new_page, scheme, background, text):
    page = new_page(color_scheme=scheme)
    page.goto(site.url(SEED_PATH))
    colours = page.evaluate(
        "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    )
    assert colours == [background, text]


def test_print_shows_article_and_responses_without_navigation(site, new_page):
    page = new_page(color_scheme="dark")
    page.goto(site.url(SEED_PATH))
    page.emulate_media(media="print")

    def display(selector):
        return page.locator(selector).first.evaluate("el => getComputedStyle(el).display")

    for hidden in [".skip-link", ".site-nav", ".search-form", ".post-neighbours", ".footer-links"]:
        assert display(hidden) == "none", hidden
    for shown in ["article.post", ".post-content", ".posted-in", "#responses", ".site-name"]:
        assert display(shown) != "none", shown
    colours = page.evaluate(
        "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
    )
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    assert page.locator(".post-content a").first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    ) == '" (https://participatorymedicine.org/journal/)"'


def test_text_column_keeps_a_readable_line_length(site, new_page):
    page = new_page(width=1440)
    page.goto(site.url(SEED_PATH))
    characters_per_line = line_length(page)
    assert 55 <= characters_per_line <= 80, characters_per_line


@pytest.mark.browser
def test_invoke_screenshots_covers_tables_threads_phone_dark_and_print(site, tmp_path):
    result = run_invoke("screenshots", "--output", site.root, "--folder", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    widths = {}
    for png in sorted(tmp_path.glob("*.png")):
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", png
        widths[png.stem] = struct.unpack(">I", header[16:20])[0]
    pages = ["home", "article", "table", "thread", "archives"]
    assert widths == {
        **{f"{name}-{mode}": 1280 for name in pages for mode in ["light", "dark"]},
        **{f"{name}-{mode}": 750 for name in [*pages, "menu"] for mode in ["phone", "phone-dark"]},
        "article-print": 800, "thread-print": 800,
    }
    for pdf in ["article-print.pdf", "thread-print.pdf"]:
        assert (tmp_path / pdf).read_bytes()[:5] == b"%PDF-"
