"""The theme's markup, read back from a real publish build (BeautifulSoup + html5lib)."""

import gzip
import json
import re
import xml.etree.ElementTree as ET

import pytest
from theme_helpers import PER_PAGE, SEED_PATH, SEED_TITLE

from sitebuild import text

LONG_PATH = "2012/01/theme-test-long-address/"
SECOND_PATH = "2012/02/theme-test-second/"
THIRD_PATH = "2012/03/theme-test-third/"
RISK_PATH = "2012/04/theme-test-risk-and-reward/"
SITE_TITLE = "Society for Participatory Medicine"
RISK_TITLE = "Risk & reward: “quoted” words"
PINNED_PATH = "2011/02/theme-test-pinned/"
TABLE_PATH = "2011/03/theme-test-table/"
DEEP_PATH = "2011/05/theme-test-deep-thread/"
# Oldest first.
ARTICLE_PATHS = [PINNED_PATH, TABLE_PATH, DEEP_PATH, SEED_PATH, LONG_PATH, SECOND_PATH, THIRD_PATH,
                 RISK_PATH]
LISTING_PATHS = [
    "",
    "page/2/",
    "category/ethics/",
    "tag/facebook/",
    "author/john-roe/",
    "archives/",
    "2011/",
    "2011/07/",
    "categories/",
    "tags/",
    "authors/",
    "search/",
    "404.html",
]


def hrefs(soup, selector):
    return [a["href"] for a in soup.select(selector)]


def test_build_logs_no_warnings(site):
    assert site.warnings == []


def test_every_expected_page_is_built(site):
    for path in [*ARTICLE_PATHS, *LISTING_PATHS, "about/"]:
        assert site.file(path).is_file(), path


def test_every_page_has_one_h1_and_no_skipped_heading_levels(site):
    problems = []
    for path in site.html_paths():
        soup = site.soup(path)
        levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{path}: headings {levels}")
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                problems.append(f"{path}: h{before} followed by h{after}")
    assert problems == []


def test_every_page_has_lang_skip_link_landmarks_and_a_search_box(site):
    for path in site.html_paths():
        soup = site.soup(path)
        assert soup.html["lang"] == "en", path
        skip = soup.body.find("a")
        assert (skip["href"], text(skip)) == ("#main", "Skip to content"), path
        assert soup.select_one("main#main") is not None, path
        assert len(soup.select("header.site-header")) == 1, path
        assert len(soup.select("footer.site-footer")) == 1, path
        assert soup.select_one('nav[aria-label="Main"]') is not None, path
        forms = soup.select('form[role="search"]')
        assert len(forms) == 1, path
        form = forms[0]
        assert form["action"] == site.url("search/"), path
        assert form["method"] == "get", path
        field = form.select_one('input[type="search"][name="q"]')
        label = form.find("label", attrs={"for": field["id"]})
        assert text(label) == "Search the blog", path


@pytest.mark.parametrize(
    ("path", "title", "h1"),
    [
        ("", f"Recent posts — {SITE_TITLE}", "Recent posts"),
        ("page/2/", f"Recent posts (page 2) — {SITE_TITLE}", "Recent posts, page 2"),
        ("category/ethics/", f"Category: ethics — {SITE_TITLE}", "Category: ethics"),
        ("tag/facebook/", f"Tag: Facebook — {SITE_TITLE}", "Tag: Facebook"),
        ("author/jane-doe/", f"Posts by Jane Doe — {SITE_TITLE}", "Posts by Jane Doe"),
        ("archives/", f"Archives — {SITE_TITLE}", "Archives"),
        ("2011/07/", f"Archives: July 2011 — {SITE_TITLE}", "Archives: July 2011"),
        ("2012/", f"Archives: 2012 — {SITE_TITLE}", "Archives: 2012"),
        ("categories/", f"Categories — {SITE_TITLE}", "Categories"),
        ("tags/", f"Tags — {SITE_TITLE}", "Tags"),
        ("authors/", f"Authors — {SITE_TITLE}", "Authors"),
        ("about/", f"About — {SITE_TITLE}", "About"),
        ("search/", f"Search — {SITE_TITLE}", "Search"),
        ("404.html", f"Page not found — {SITE_TITLE}", "Page not found"),
        (SEED_PATH, f"{SEED_TITLE} — {SITE_TITLE}", SEED_TITLE),
        (RISK_PATH, f"{RISK_TITLE} — {SITE_TITLE}", RISK_TITLE),
    ],
)
def test_page_titles_and_headings(site, path, title, h1):
    soup = site.soup(path)
    assert text(soup.title) == title
    assert text(soup.h1) == h1


def test_home_lists_posts_with_date_authors_categories_and_summary(site):
    soup = site.soup("")
    items = soup.select("ol.post-list > li:not(.pinned) > article.post-summary")
    assert len(items) == PER_PAGE
    newest = items[0]
    assert text(newest.h2) == "Risk & reward: “quoted” words"
    assert newest.h2.a["href"] == site.url(RISK_PATH)
    assert newest.select_one(".post-date time")["datetime"] == "2012-04-10T09:00:00-04:00"
    assert text(newest.select_one(".post-authors")) == "by John Roe"
    assert text(newest.select_one(".posted-in")) == "Posted in: general"
    assert text(newest.select_one(".summary")) == (
        "A title with an ampersand & “quotes”, to test escaping."
    )
    assert newest.select_one(".post-tags") is None


def test_listing_shows_every_category_and_several_authors(site):
    soup = site.soup("page/2/")
    long_post = soup.select("article.post-summary")[1]
    assert text(long_post.h2) == "Theme test: a very long address"
    assert text(long_post.select_one(".post-authors")) == "by Jane Doe and John Roe"
    assert text(long_post.select_one(".posted-in")) == "Posted in: general | theme testing"


def test_article_shows_posted_in_line_and_tags_like_wordpress(site):
    soup = site.soup(SEED_PATH)
    posted_in = soup.select_one("article.post footer .posted-in")
    assert text(posted_in) == (
        "Posted in: ethics | found on the net | general | JoPM | net-friendly docs | social media"
    )
    assert hrefs(posted_in, "a") == [
        site.url(f"category/{slug}/")
        for slug in ["ethics", "found-on-the-net", "general", "jopm", "net-friendly-docs",
                     "social-media"]
    ]
    tags = soup.select_one("article.post footer .post-tags")
    assert text(tags) == "Tags: BMA, AMA, Facebook, physician-patient communication"
    assert hrefs(tags, "a")[0] == site.url("tag/bma/")


def test_article_shows_date_author_and_content(site):
    soup = site.soup(SEED_PATH)
    meta = soup.select_one("article.post .post-meta")
    assert text(meta) == "Posted July 20, 2011 by Society for Participatory Medicine"
    assert meta.select_one("time")["datetime"] == "2011-07-20T10:00:00-04:00"
    assert hrefs(meta, "a") == [site.url("author/society-for-participatory-medicine/")]
    assert text(soup.select_one(".post-content p")).startswith(
        "Social media is well established in our society"
    )


def test_updated_date_shown_only_when_modified(site):
    updated = site.soup(LONG_PATH).select_one("article.post .post-updated")
    assert text(updated) == "Updated February 1, 2012"
    assert updated.time["datetime"] == "2012-02-01T10:00:00-05:00"
    assert site.soup(SEED_PATH).select_one(".post-updated") is None


@pytest.mark.parametrize(
    ("path", "older", "newer"),
    [
        (SEED_PATH, DEEP_PATH, LONG_PATH),
        (PINNED_PATH, None, TABLE_PATH),
        (SECOND_PATH, LONG_PATH, THIRD_PATH),
        (RISK_PATH, THIRD_PATH, None),
    ],
)
def test_previous_and_next_post_links(site, path, older, newer):
    nav = site.soup(path).select_one('nav.post-neighbours[aria-label="More posts"]')
    assert hrefs(nav, 'a[rel="prev"]') == ([site.url(older)] if older else [])
    assert hrefs(nav, 'a[rel="next"]') == ([site.url(newer)] if newer else [])


def test_previous_and_next_links_name_the_posts(site):
    nav = site.soup(SECOND_PATH).select_one("nav.post-neighbours")
    assert [text(li) for li in nav.select("li")] == [
        "Previous post Theme test: a very long address",
        "Next post Theme test: third post",
    ]


@pytest.mark.parametrize(
    ("pages", "count"),
    [
        (["", "page/2/", "page/3/", "page/4/"], 8),
        (["category/theme-testing/", "category/theme-testing/page/2/",
          "category/theme-testing/page/3/"], 5),
        (["tag/testing/", "tag/testing/page/2/", "tag/testing/page/3/", "tag/testing/page/4/"],
         7),
        (["author/john-roe/", "author/john-roe/page/2/"], 4),
    ],
)
def test_pagination_links_when_more_than_one_page(site, pages, count):
    seen = []
    for number, path in enumerate(pages):
        soup = site.soup(path)
        nav = soup.select_one('nav.pagination[aria-label="Pages of posts"]')
        assert text(nav.select_one(".pagination-status")) == f"Page {number + 1} of {len(pages)}"
        newer = [site.url(pages[number - 1])] if number > 0 else []
        older = [site.url(pages[number + 1])] if number + 1 < len(pages) else []
        assert hrefs(nav, 'a[rel="prev"]') == newer, path
        assert hrefs(nav, 'a[rel="next"]') == older, path
        seen += hrefs(soup, "ol.post-list > li:not(.pinned) article.post-summary h2 a")
    assert len(seen) == len(set(seen)) == count


def test_no_pagination_on_a_single_page(site):
    assert site.soup("category/ethics/").select_one("nav.pagination") is None


def test_archives_jump_to_each_year_and_list_its_months_with_counts(site):
    soup = site.soup("archives/")
    jump = soup.select_one('main nav.jump-links[aria-label="Years"]')
    assert [(text(a), a["href"]) for a in jump.select("a")] == [
        ("2012", "#archive-2012"), ("2011", "#archive-2011")]
    years = soup.select("section.archive-year")
    assert [s["id"] for s in years] == ["archive-2012", "archive-2011"]
    assert [text(s.h2) for s in years] == ["2012 (4 posts)", "2011 (4 posts)"]
    assert hrefs(years[0], "h2 a") == [site.url("2012/")]
    assert [text(li) for li in years[0].select(".month-list li")] == [
        "April 2012 (1)", "March 2012 (1)", "February 2012 (1)", "January 2012 (1)"]
    assert hrefs(years[1], ".month-list a") == [
        site.url(f"2011/{month}/") for month in ["07", "05", "03", "02"]]
    # Posts are listed on each year's page, not here: the page stays short at any size.
    assert soup.select(".archive-list") == []


def test_year_archive_jumps_to_its_months_and_lists_every_post(site):
    soup = site.soup("2011/")
    jump = soup.select_one('main nav.jump-links[aria-label="Months"]')
    assert [text(a) for a in jump.select("a")] == ["July", "May", "March", "February"]
    months = soup.select("section.archive-month")
    assert [(m["id"], text(m.h2)) for m in months] == [
        ("archive-7", "July 2011"), ("archive-5", "May 2011"), ("archive-3", "March 2011"),
        ("archive-2", "February 2011")]
    assert hrefs(months[0], "li > a") == [site.url(SEED_PATH)]
    assert hrefs(months[0], "li .response-count a") == [site.url(SEED_PATH) + "#responses"]
    assert len(soup.select(".archive-list li")) == 4


def test_month_archive_lists_only_its_posts(site):
    soup = site.soup("2012/02/")
    assert hrefs(soup, "main .archive-list a") == [site.url(SECOND_PATH)]


def test_index_pages_list_every_term_with_counts(site):
    categories = [text(li) for li in site.soup("categories/").select(".term-list li")]
    assert "theme testing (5 posts)" in categories
    assert "ethics (1 post)" in categories
    assert len(categories) == 8
    tags = [text(li) for li in site.soup("tags/").select(".term-list li")]
    assert tags[0] == "AMA (1 post)"
    assert "testing (7 posts)" in tags
    authors = [text(li) for li in site.soup("authors/").select(".term-list li")]
    assert authors == [
        "Jane Doe (3 posts)",
        "John Roe (4 posts)",
        "Society for Participatory Medicine (2 posts)",
    ]


def test_search_page_has_form_noscript_and_loads_its_script_as_a_module(site):
    soup = site.soup("search/")
    form = soup.select_one('main form[role="search"]')
    assert form.select_one('input#search-page-q[type="search"][name="q"]') is not None
    assert soup.select_one("header.site-header form") is None
    noscript = soup.select_one("main noscript")
    assert text(noscript).startswith("Search needs JavaScript, which is turned off")
    assert hrefs(noscript, "a") == [site.url("archives/"), site.url("categories/")]
    scripts = soup.select("script[src]")
    assert [(s["src"], s.get("type")) for s in scripts] == [
        (site.url("theme/js/search.js"), "module")
    ]
    assert soup.select_one('#search-status[role="status"]') is not None


def test_no_render_blocking_scripts_and_no_script_outside_search(site):
    for path in site.html_paths():
        soup = site.soup(path)
        for script in soup.select("script[src]"):
            assert script.get("type") == "module" or script.has_attr("defer"), path
        if path == "404.html":
            assert [s["src"] for s in soup.select("script[src]")] == [
                site.url("theme/js/not-found.js")]
        elif path != "search/index.html":
            assert soup.select("script[src]") == [], path


def test_only_articles_and_pages_are_indexed_for_search(site):
    for path in site.html_paths():
        bodies = site.soup(path).select("[data-pagefind-body]")
        expected = 1 if path.removesuffix("index.html") in [*ARTICLE_PATHS, "about/"] else 0
        assert len(bodies) == expected, path


def test_responses_are_inside_the_indexed_body_by_default(site):
    body = site.soup(SEED_PATH).select_one("[data-pagefind-body]")
    wrapper = body.select_one(".post-responses")
    assert not wrapper.has_attr("data-pagefind-ignore")
    assert "aerospace industry" in wrapper.get_text()


def test_search_include_responses_false_keeps_responses_out_of_the_index(local_theme_site):
    wrapper = local_theme_site.soup(SEED_PATH).select_one("[data-pagefind-body] .post-responses")
    assert wrapper["data-pagefind-ignore"] == "all"


def test_pagefind_index_was_built(site):
    assert (site.root / "pagefind" / "pagefind.js").is_file()
    assert (site.root / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.parametrize(
    ("path", "feed"),
    [
        ("category/ethics/", "feeds/category/ethics.atom.xml"),
        ("tag/facebook/", "feeds/tag/facebook.atom.xml"),
        ("author/jane-doe/", "feeds/author/jane-doe.atom.xml"),
    ],
)
def test_listing_feeds_are_linked_and_exist_in_publish_build(site, path, feed):
    soup = site.soup(path)
    alternates = hrefs(soup, 'link[rel="alternate"][type="application/atom+xml"]')
    assert alternates == [site.url("feeds/all.atom.xml"), site.url(feed)]
    assert hrefs(soup, ".listing-feed a") == [site.url(feed)]
    assert (site.root / feed).is_file()
    assert (site.root / "feeds/all.atom.xml").is_file()


def test_home_and_articles_link_the_site_feed(site):
    feeds = 'link[rel="alternate"][type="application/atom+xml"]'
    assert hrefs(site.soup(""), feeds) == [site.url("feeds/all.atom.xml")]
    # An article with responses also offers the feed of its responses.
    assert hrefs(site.soup(SEED_PATH), feeds) == [
        site.url("feeds/all.atom.xml"),
        site.url("feeds/responses/social-media-patients-and-physicians-a-sticky-wicket.atom.xml"),
    ]


def test_local_build_has_no_feed_links_and_no_canonical(local_theme_site):
    for path in ["", "category/ethics/", "tag/facebook/", "author/jane-doe/", SEED_PATH]:
        soup = local_theme_site.soup(path)
        assert soup.select('link[rel="alternate"]') == [], path
        assert soup.select(".listing-feed") == [], path
        assert soup.select('link[rel="canonical"]') == [], path
        assert soup.select('meta[property="og:url"]') == [], path


@pytest.mark.parametrize(
    "path", ["", "page/2/", SEED_PATH, "category/ethics/", "about/", "archives/", "2011/07/"]
)
def test_canonical_and_og_url_in_publish_build(site, path):
    soup = site.soup(path)
    assert hrefs(soup, 'link[rel="canonical"]') == [site.url(path)]
    assert soup.select_one('meta[property="og:url"]')["content"] == site.url(path)


def test_404_page_has_no_canonical(site):
    assert site.soup("404.html").select('link[rel="canonical"]') == []


def test_article_description_and_social_cards(site):
    soup = site.soup(SEED_PATH)
    summary = (
        "Social media shows much promise as a tool of patient-physician communication, "
        "but the medical world is still cautiously trying to make sense of it."
    )

    def meta(attr, name):
        return soup.select_one(f'meta[{attr}="{name}"]')["content"]

    assert meta("name", "description") == summary
    assert meta("property", "og:description") == summary
    assert meta("property", "og:title") == SEED_TITLE
    assert meta("property", "og:type") == "article"
    assert meta("property", "og:site_name") == SITE_TITLE
    assert meta("property", "article:published_time") == "2011-07-20T10:00:00-04:00"
    assert meta("name", "twitter:card") == "summary"
    assert meta("name", "twitter:title") == SEED_TITLE


def test_listing_description_is_the_site_subtitle(site):
    soup = site.soup("")
    assert soup.select_one('meta[name="description"]')["content"] == (
        "Patients, clinicians and researchers, working as partners in care"
    )
    assert soup.select_one('meta[property="og:type"]')["content"] == "website"


def test_special_characters_are_escaped_in_attributes(site):
    soup = site.soup(RISK_PATH)
    assert soup.select_one('meta[property="og:title"]')["content"] == (
        "Risk & reward: “quoted” words"
    )
    assert soup.select_one('meta[name="description"]')["content"] == (
        "A title with an ampersand & “quotes”, to test escaping."
    )


def json_ld(soup):
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_article_json_ld_is_a_blog_posting(site):
    data = json_ld(site.soup(SEED_PATH))
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == SEED_TITLE
    assert data["datePublished"] == "2011-07-20T10:00:00-04:00"
    assert data["dateModified"] == "2011-07-20T10:00:00-04:00"
    assert data["url"] == site.url(SEED_PATH)
    assert data["author"] == [
        {
            "@type": "Organization",
            "name": SITE_TITLE,
            "url": site.url("author/society-for-participatory-medicine/"),
        }
    ]


def test_json_ld_escapes_the_title_and_shows_the_modified_date(site):
    soup = site.soup(RISK_PATH)
    raw = soup.select_one('script[type="application/ld+json"]').string
    assert "&" not in raw and "<" not in raw
    assert json_ld(soup)["headline"] == "Risk & reward: “quoted” words"
    long_post = json_ld(site.soup(LONG_PATH))
    assert long_post["dateModified"] == "2012-02-01T10:00:00-05:00"
    assert [a["name"] for a in long_post["author"]] == ["Jane Doe", "John Roe"]
    assert [a["@type"] for a in long_post["author"]] == ["Person", "Person"]


def test_listing_pages_have_no_json_ld(site):
    assert site.soup("").select('script[type="application/ld+json"]') == []


def test_sitemap_lists_every_article_and_page_with_absolute_urls(site):
    tree = ET.parse(site.root / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    articles = [site.url(path) for path in reversed(ARTICLE_PATHS)]
    assert locs == [site.url(""), *articles, site.url("about/")]
    seed = tree.getroot().find(f"s:url[s:loc='{site.url(SEED_PATH)}']", ns)
    assert seed.find("s:lastmod", ns).text == "2011-07-20T10:00:00-04:00"


def test_robots_txt_names_the_sitemap(site):
    robots = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == [
        "User-agent: *",
        "Allow: /",
        "",
        f"Sitemap: {site.url('sitemap.xml')}",
    ]


def test_seed_article_html_and_css_fit_in_14_kb_gzipped(site):
    soup = site.soup(SEED_PATH)
    files = [site.file(SEED_PATH)]
    for link in soup.select('link[rel="stylesheet"]'):
        files.append(site.root / link["href"].removeprefix(site.base_url + "/"))
    assert len(files) == 2  # the page and the one stylesheet
    sizes = {f.name: len(gzip.compress(f.read_bytes(), compresslevel=6)) for f in files}
    assert sum(sizes.values()) <= 14 * 1024, sizes


def test_stylesheet_uses_system_fonts_dark_mode_print_and_wrapping(site):
    css = (site.root / "theme/css/site.css").read_text(encoding="utf-8")
    assert "@font-face" not in css
    assert "@import" not in css
    assert "system-ui" in css
    assert "@media (prefers-color-scheme: dark)" in css
    assert "@media print" in css
    assert "overflow-wrap: break-word" in css


def test_home_page_lists_recent_responses_newest_first(site):
    section = site.soup("").select_one("section.recent-responses")
    assert text(section.h2) == "Recent responses"
    assert [text(li) for li in section.select("li")] == [
        "Another blog: a post that links here on Theme test: a very long address",
        "Jane Doe on Theme test: a very long address",
        "A reader who pastes long addresses on Theme test: a very long address",
        "Anonymous on " + SEED_TITLE,
        "Rick Ladd on " + SEED_TITLE,
    ]
    assert hrefs(section, "li a")[-1] == site.url(SEED_PATH) + "#comment-1"
    # Only the home page has it: listings that extend index.html do not.
    assert site.soup("category/ethics/").select("section.recent-responses") == []
    assert site.soup("page/2/").select("section.recent-responses") == []
