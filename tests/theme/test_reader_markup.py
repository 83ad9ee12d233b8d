"""The reader's markup, read back from the fixture's publish build: menu, favicon, tables,
threads, pages with threads, home, 404 and search hooks."""

import pytest
from home.home import PinnedError, read_pinned
from pelican.contents import Page
from tables.tables import wrap_tables
from theme_helpers import SEED_PATH

from pelican_adapter import body
from sitebuild import text

TABLE_PATH = "2011/03/theme-test-table/"
DEEP_PATH = "2011/05/theme-test-deep-thread/"
PINNED_PATH = "2011/02/theme-test-pinned/"


def test_every_page_links_the_favicon_and_the_site_root_has_one(site):
    for path in site.html_paths():
        soup = site.soup(path)
        icons = {(link["rel"][0], link.get("type"), link["href"])
                 for link in soup.select('link[rel="icon"], link[rel="apple-touch-icon"]')}
        assert icons == {
            ("icon", "image/png", site.url("theme/images/favicon-32.png")),
            ("icon", "image/svg+xml", site.url("theme/images/favicon.svg")),
            ("apple-touch-icon", None, site.url("theme/images/apple-touch-icon.png")),
        }, path
    assert (site.root / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    for name in ["favicon-32.png", "apple-touch-icon.png"]:
        assert (site.root / "theme/images" / name).read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (site.root / "theme/images/favicon.svg").read_text(encoding="utf-8")


def test_menu_and_search_sit_behind_a_menu_details_control(site):
    header = site.soup(SEED_PATH).select_one("header.site-header")
    menu = header.select_one("details.site-menu")
    assert text(menu.summary) == "Menu"
    assert not menu.has_attr("open")
    assert menu.select_one('nav[aria-label="Main"]') is not None
    assert menu.select_one('form[role="search"]') is not None


def test_menu_is_curated_and_pages_are_not_added_automatically(site):
    nav = site.soup("").select_one('nav[aria-label="Main"]')
    assert [(text(a), a["href"]) for a in nav.select("a")] == [
        ("Home", site.url("")), ("About", site.url("about/")),
        ("Archives", site.url("archives/")), ("Categories", site.url("categories/")),
    ]
    about_nav = site.soup("about/").select_one('nav[aria-label="Main"]')
    assert about_nav.select_one('a[aria-current="page"]')["href"] == site.url("about/")


def test_feed_links_use_plain_words(site):
    footer = site.soup("").select_one("footer.site-footer a.feed-link")
    assert text(footer) == "Follow by feed reader"
    listing = site.soup("category/ethics/").select_one(".listing-feed a")
    assert text(listing) == "Follow Category: ethics by feed reader"
    assert "Atom" not in site.soup("").select_one("footer.site-footer").get_text()


def test_tables_sit_in_a_labelled_focusable_scrolling_region(site):
    regions = site.soup(TABLE_PATH).select(".post-content .table-scroll")
    assert len(regions) == 1
    region = regions[0]
    assert (region["role"], region["tabindex"]) == ("region", "0")
    assert region["aria-label"] == (
        "Table: Portal feature, Appointments, Prescriptions, Test results, Messaging, "
        "Accessibility")
    assert region.table is not None


def test_table_wrapping_uses_the_caption_and_leaves_nested_tables_alone():
    content = Page('<table><caption>Costs &amp; <em>fees</em></caption><tr><th>A</th></tr>'
                   "</table><p>x</p><table><tr><td><table><tr><td>in</td></tr></table>"
                   "</td></tr></table>", metadata={"title": "Costs"})
    wrap_tables(content)
    assert body(content).startswith(
        '<div class="table-scroll" role="region" tabindex="0" aria-label="Costs &amp; fees">'
        "<table><caption>")
    assert body(content).count("table-scroll") == 1


def test_figure_captions_are_marked_up_as_captions(site):
    figure = site.soup(TABLE_PATH).select_one(".post-content figure")
    assert text(figure.figcaption) == "A patient and a clinician, working as partners."


def thread_items(soup):
    return soup.select("#responses ol.commentlist li")


def test_a_reply_beyond_the_deepest_indent_says_whom_it_answers(site):
    soup = site.soup(DEEP_PATH)
    by_id = {li["id"]: li for li in thread_items(soup)}
    assert [li["id"] for li in thread_items(soup)] == [
        *[f"comment-deep-{n}" for n in range(1, 9)], "comment-deep-side", "comment-deep-top"]
    for level in range(1, 6):
        assert by_id[f"comment-deep-{level}"].select_one(":scope > article .in-reply-to") is None
    replies = {level: by_id[f"comment-deep-{level}"].select_one(":scope > article .in-reply-to")
               for level in (6, 7, 8)}
    assert {level: (text(p), p.a["href"]) for level, p in replies.items()} == {
        6: ("In reply to Eve Moss", "#comment-deep-5"),
        7: ("In reply to Finn Hart", "#comment-deep-6"),
        8: ("In reply to Gia Ruiz", "#comment-deep-7"),
    }
    # Levels 6 to 8 are shown at the deepest indent, as siblings of level 5.
    assert by_id["comment-deep-8"].parent is by_id["comment-deep-5"].parent
    assert by_id["comment-deep-side"].parent.parent is by_id["comment-deep-1"]


def test_pingbacks_and_trackbacks_have_their_own_list_after_the_comments(site):
    section = site.soup(DEEP_PATH).select_one("#responses")
    assert text(section.h2) == "12 Responses to “Theme test: a deep conversation”"
    assert [li.get("class")[0] for li in section.select("ol.commentlist li")] == ["comment"] * 10
    assert text(section.h3) == "Links from other sites"
    pings = section.select("ul.pinglist > li")
    assert [(li["id"], text(li)) for li in pings] == [
        ("comment-deep-ping",
         "Pingback: Patients & partners: a blog that linked here (May 3, 2011 at 8:00 am)"),
        ("comment-deep-track", "Trackback: Another journal's trackback (May 4, 2011)"),
    ]
    assert section.select_one("ul.pinglist").find_previous_sibling("ol") is not None


def test_a_page_shows_its_thread_like_a_post(site):
    soup = site.soup("about/")
    section = soup.select_one("article.page .post-responses #responses")
    assert text(section.h2) == "3 Responses to “About”"
    items = section.select("ol.commentlist li")
    assert [li["id"] for li in items] == ["comment-about-1", "comment-about-2"]
    assert text(items[0].select_one(".comment-author")) == "Lena Ortiz says:"
    assert items[1].parent["class"] == ["children"]
    assert [li["id"] for li in section.select("ul.pinglist li")] == ["comment-about-3"]
    assert text(soup.select_one(".responses-closed")) == "Responses are closed."


def test_home_has_an_introduction_main_topics_and_the_pinned_post_first(site):
    soup = site.soup("")
    intro = soup.select_one("main .home-intro")
    assert "Society for Participatory Medicine" in text(intro.select_one(".home-lead"))
    topics = intro.select_one('nav[aria-label="Main topics"]')
    assert [text(li) for li in topics.select("li")][:2] == [
        "theme testing (5)", "general (4)"]
    assert topics.select("a")[-1]["href"] == site.url("categories/")
    first = soup.select_one("ol.post-list > li")
    assert first["class"] == ["pinned"]
    assert text(first.select_one(".pinned-label")) == "Pinned"
    assert first.select_one("h2 a")["href"] == site.url(PINNED_PATH)
    # Shown once on the home page, and only the home page heads with it.
    assert [a["href"] for a in soup.select("ol.post-list h2 a")].count(site.url(PINNED_PATH)) == 1
    assert site.soup("page/2/").select(".pinned-label") == []
    assert site.soup("category/general/").select_one(".home-intro") is None


@pytest.mark.parametrize(("value", "pinned"), [("yes", True), ("No", False), ("true", True)])
def test_pinned_metadata_reads_yes_and_no(value, pinned):
    class Article:
        source_path = "posts/a.md"

    article = Article()
    article.pinned = value
    assert read_pinned(article) is pinned


def test_pinned_metadata_with_another_value_names_the_file():
    class Article:
        source_path = "posts/a.md"
        pinned = "maybe"

    with pytest.raises(PinnedError, match=r"posts/a\.md: field 'Pinned' must be yes or no"):
        read_pinned(Article())


def test_404_page_has_its_own_search_box(site):
    soup = site.soup("404.html")
    forms = soup.select('main form[role="search"]')
    assert len(forms) == 1
    assert forms[0].select_one("input#not-found-q") is not None
    assert soup.select_one("header form") is None


def test_articles_give_pagefind_a_sortable_date(site):
    time = site.soup(SEED_PATH).select_one(".post-meta time")
    assert time["data-pagefind-sort"] == "date:2011-07-20"
    assert time["data-pagefind-meta"] == "date:July 20, 2011"
