"""Door 3, markup: every value from metadata, settings or the comments file is text.

One site is built with the publish settings (feeds on) from a post, a page, settings and
responses whose every shown value is a payload that runs script wherever it is printed as
markup (hostile_helpers.payload). Each case is one value on one page kind: it is parsed back
(html5lib for pages, an XML parser for feeds) and must appear as text where the theme shows
it, with no element or event handler carrying its marker. In Chromium, no page runs any of
them and the search page lists the hostile title as text.
"""

import json
import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest
from media_helpers import picture

from hostile.hostile_helpers import injected, payload, quotes_straightened
from sitebuild import (
    normalise,
    parse,
    publish_build,
    serve,
    write_files,
    write_page,
    write_post,
)

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
IMAGE_URL = "https://img.example/a.png\"><svg onload=alert('image-url')>"
RESPONSE_URL = "https://reader.example/\"><svg/onload=alert('response-url')>"
# Markdown gives the summary as HTML (trusted, like the body); its character references
# make text that would break out of the attributes it is also written in.
SUMMARY = ("&#34;&gt;&lt;svg onload=alert(&#39;summary&#39;)&gt;&lt;/script&gt;&lt;script&gt;"
           "alert(&#39;summary&#39;)&lt;/script&gt;")
SUMMARY_TEXT = "\"><svg onload=alert('summary')></script><script>alert('summary')</script>"
VALUES = {
    "title": payload("title"), "page-title": payload("page-title"),
    "author": payload("author"), "category": payload("category"), "tag": payload("tag"),
    "image-alt": payload("image-alt"), "image-url": IMAGE_URL, "summary": SUMMARY_TEXT,
    "picture-alt": payload("picture-alt"),
    # Markdown's alt text; "<img" in the source would be an image without alt of its own.
    "body-image-alt": "\"><svg onload=alert('body-image-alt')></script><script>"
                      "alert('body-image-alt')</script>",
    "response-author": payload("response-author"), "response-url": RESPONSE_URL,
    "response-content": payload("response-content"),
    "pingback-author": payload("pingback-author"),
    "sitename": payload("sitename"), "subtitle": payload("subtitle"),
    "home-intro": payload("home-intro"), "menu": payload("menu"),
    "closed-note": payload("closed-note"),
}
# Typogrify gives titles curly quotes and a no-break space before the last word.
TYPOGRIFIED = {"title", "page-title"}


def comments():
    return {"version": 1, "responses": [
        {"id": "1", "post": "hostile", "author": VALUES["response-author"],
         "url": RESPONSE_URL, "date": "2020-02-01T09:00:00-05:00",
         "content": "Hello " + VALUES["response-content"]},
        {"id": "3", "post": "hostile", "author": "Linker", "date": "2020-02-01T10:00:00-05:00",
         "content": "<a href=\"javascript:alert('js-link')\">a link</a> and "
                    "<a href=\"jav&#x09;ascript:alert('js-link')\">another</a>"},
        {"id": "2", "post": "hostile", "type": "pingback",
         "author": VALUES["pingback-author"], "url": "https://other.example/",
         "date": "2020-02-02T09:00:00-05:00", "content": "A link here."},
    ]}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The hostile site, built as `invoke preview` builds it, indexed and served."""
    root = tmp_path_factory.mktemp("markup")
    content = root / "content"
    for day in (1, 2, 3):
        write_post(content, f"filler-{day}", date=f"2020-01-0{day} 10:00",
                   body=f"Filler post {day}.")
    write_post(content, "hostile", title=VALUES["title"], author=VALUES["author"],
               category=VALUES["category"], tags=VALUES["tag"], image=IMAGE_URL,
               image_alt=VALUES["image-alt"], summary=SUMMARY, redirect_from="/old-post/",
               body="The hostile post's own text.")
    # A photo of the site's own goes through plugins/images (a <picture> of copies).
    write_files(content, {"images/photo.png": picture((14, 107, 94, 200), (800, 600))})
    write_post(content, "pictured", date="2020-01-20 10:00", image="{static}/images/photo.png",
               image_alt=VALUES["picture-alt"],
               body="![" + VALUES["body-image-alt"] + "]({static}/images/photo.png)")
    write_page(content, "hostile-page", title=VALUES["page-title"],
               redirect_from="/old-page/", body="A page.")
    (content / "comments.json").write_text(json.dumps(comments()), encoding="utf-8")
    output = root / "output"
    with serve(output) as base_url:
        built = publish_build(content, output, siteurl=base_url, DELETE_OUTPUT_DIRECTORY=False,
                              SITENAME=VALUES["sitename"], SITESUBTITLE=VALUES["subtitle"],
                              HOME_INTRO=VALUES["home-intro"],
                              MENUITEMS=((VALUES["menu"], "about/"),),
                              RESPONSES_CLOSED_NOTE=VALUES["closed-note"])
        from tasks import index_search

        index_search(output)
        yield built


def local(site, url):
    """A link's target as a path in the built site ("" for the home page)."""
    return urlsplit(url).path.lstrip("/")


def linked(site, selector):
    """The site path the first `selector` link on the hostile post's page leads to."""
    return local(site, site.soup("2020/01/hostile/").select_one(selector)["href"])


PAGES = {
    "post": lambda site: "2020/01/hostile/",
    "post with a photo": lambda site: "2020/01/pictured/",
    "next post's neighbour": lambda site: "2020/01/filler-3/",
    "page": lambda site: "hostile-page/",
    "home": lambda site: "",
    "category": lambda site: linked(site, ".posted-in a"),
    "tag": lambda site: linked(site, ".post-tags a"),
    "author": lambda site: linked(site, ".post-authors a"),
    "archives": lambda site: "archives/",
    "year archive": lambda site: "2020/",
    "month archive": lambda site: "2020/01/",
    "categories": lambda site: "categories/",
    "tags": lambda site: "tags/",
    "authors": lambda site: "authors/",
    "search": lambda site: "search/",
    "404": lambda site: "404.html",
    "redirect to the post": lambda site: "old-post/",
    "redirect to the page": lambda site: "old-page/",
}

# (value, page kind): where the theme shows it. "css" is text in an element, ("css", name)
# an attribute, "ld:key" a field of the post's JSON-LD.
SHOWN = {
    ("title", "post"): ["main h1", "title", ("meta[property='og:title']", "content"),
                        ("meta[name='twitter:title']", "content"), "ld:headline",
                        "#responses-title"],
    ("title", "next post's neighbour"): [".post-newer a"],
    ("title", "home"): ["article.post-summary h2 a", ".response-count .visually-hidden",
                        ".recent-responses li a"],
    ("title", "category"): ["article.post-summary h2 a"],
    ("title", "tag"): ["article.post-summary h2 a"],
    ("title", "author"): ["article.post-summary h2 a"],
    ("title", "year archive"): [".archive-list a"],
    ("title", "month archive"): [".archive-list a"],
    ("title", "redirect to the post"): ["title", "p a"],
    ("page-title", "page"): ["main h1", "title", ("meta[property='og:title']", "content")],
    ("page-title", "redirect to the page"): ["title", "p a"],
    ("author", "post"): [".post-authors a", "ld:author"],
    ("author", "home"): ["article.post-summary .post-authors a"],
    ("author", "category"): ["article.post-summary .post-authors a"],
    ("author", "author"): ["main h1", "title"],
    ("author", "authors"): [".term-list a"],
    ("category", "post"): [".posted-in a", "ld:articleSection"],
    ("category", "home"): [".home-topics a", "article.post-summary .posted-in a"],
    ("category", "category"): ["main h1", "title", ".listing-feed a"],
    ("category", "tag"): ["article.post-summary .posted-in a"],
    ("category", "categories"): [".term-list a"],
    ("tag", "post"): [".post-tags a", ("meta[property='article:tag']", "content"),
                      "ld:keywords"],
    ("tag", "tag"): ["main h1", "title"],
    ("tag", "tags"): [".term-list a"],
    ("image-alt", "post"): [(".featured-image img", "alt"),
                            ("meta[property='og:image:alt']", "content")],
    ("picture-alt", "post with a photo"): [(".featured-image picture img", "alt"),
                                           ("meta[property='og:image:alt']", "content")],
    ("body-image-alt", "post with a photo"): [(".post-content picture img", "alt")],
    ("image-url", "post"): [(".featured-image img", "src"),
                            ("meta[property='og:image']", "content")],
    ("summary", "post"): [("meta[name='description']", "content"),
                          ("meta[property='og:description']", "content"),
                          ("meta[name='twitter:description']", "content"), "ld:description"],
    ("summary", "home"): ["article.post-summary .summary"],
    ("response-author", "post"): [".comment-author"],
    ("response-author", "home"): [".recent-responses li"],
    ("response-url", "post"): [(".comment-author a.url", "href")],
    # Responses are HTML, sanitised: the payload's elements are dropped, not shown.
    ("response-content", "post"): [".comment-content"],
    ("pingback-author", "post"): [".pinglist li"],
    ("sitename", "home"): ["title", ".site-name a", ".site-footer p",
                           ("meta[property='og:site_name']", "content")],
    ("sitename", "post"): ["title", ".site-name a", "ld:publisher"],
    ("sitename", "archives"): ["title", ".site-name a"],
    ("sitename", "categories"): ["title", ".site-name a"],
    ("sitename", "search"): ["title", ".site-name a"],
    ("sitename", "404"): ["title", ".site-name a"],
    ("subtitle", "home"): [".site-tagline"],
    ("subtitle", "404"): [".site-tagline"],
    ("home-intro", "home"): [".home-lead"],
    ("menu", "home"): [".site-nav a"],
    ("menu", "search"): [".site-nav a"],
    ("closed-note", "post"): [".responses-closed"],
}


def as_text(value, field):
    value = normalise(value)
    return quotes_straightened(value) if field in TYPOGRIFIED else value


def shown_values(soup, spot):
    """The texts found at `spot` on the page."""
    if isinstance(spot, tuple):
        selector, attribute = spot
        return [element.get(attribute, "") for element in soup.select(selector)]
    if spot.startswith("ld:"):
        [script] = soup.select("script[type='application/ld+json']")
        return strings(json.loads(script.string)[spot[3:]])
    return [element.get_text() for element in soup.select(spot)]


def strings(value):
    """Every string in a JSON value (a list of authors, a publisher object...)."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value
    return [text for item in items for text in strings(item)]


@pytest.mark.parametrize("field,kind", list(SHOWN), ids=[f"{f} on {k}" for f, k in SHOWN])
def test_a_hostile_value_is_shown_as_text_on_every_page_kind(site, field, kind):
    path = PAGES[kind](site)
    soup = site.soup(path)
    assert injected(soup, field) == []
    expected = "Hello" if field == "response-content" else as_text(VALUES[field], field)
    for spot in SHOWN[(field, kind)]:
        found = [as_text(text, field) for text in shown_values(soup, spot)]
        assert any(expected in text for text in found), (spot, found)


def test_a_response_link_to_javascript_is_not_a_link(site):
    content = site.soup("2020/01/hostile/").select_one("#comment-3 .comment-content")
    assert [(a.get_text(), a.get("href")) for a in content.find_all("a")] == [
        ("a link", None), ("another", None)]
    assert injected(content, "js-link") == []


def test_the_json_ld_block_is_not_broken_out_of(site):
    soup = site.soup("2020/01/hostile/")
    [script] = soup.select("script[type='application/ld+json']")
    data = json.loads(script.string)
    assert quotes_straightened(data["headline"]) == quotes_straightened(VALUES["title"])
    assert "</script" not in script.string


def feed(site, path):
    return ElementTree.parse(site.file(path)).getroot()


def entry(tree, slug):
    return next(e for e in tree.findall("atom:entry", ATOM)
                if slug in e.find("atom:link", ATOM).get("href"))


def category_slug(site, kind):
    return PAGES[kind](site).rstrip("/").rsplit("/", 1)[-1]


FEEDS = {
    "title in the feed of all posts": (
        lambda site: "feeds/all.atom.xml", "title", "atom:title"),
    "author in the feed of all posts": (
        lambda site: "feeds/all.atom.xml", "author", "atom:author/atom:name"),
    "category in the feed of all posts": (
        lambda site: "feeds/all.atom.xml", "category", "atom:category@term"),
    "tag in the feed of all posts": (
        lambda site: "feeds/all.atom.xml", "tag", "atom:category@term"),
    "title in the category's feed": (
        lambda site: f"feeds/category/{category_slug(site, 'category')}.atom.xml", "title",
        "atom:title"),
    "title in the tag's feed": (
        lambda site: f"feeds/tag/{category_slug(site, 'tag')}.atom.xml", "title",
        "atom:title"),
    "title in the author's feed": (
        lambda site: f"feeds/author/{category_slug(site, 'author')}.atom.xml", "title",
        "atom:title"),
    "response author in the responses feed": (
        lambda site: "feeds/responses/hostile.atom.xml", "response-author",
        "atom:author/atom:name"),
}


def feed_values(item, where):
    path, _, attribute = where.partition("@")
    return [element.get(attribute) if attribute else element.text
            for element in item.findall(path, ATOM)]


@pytest.mark.parametrize("case", FEEDS, ids=list(FEEDS))
def test_a_hostile_value_is_text_in_the_feeds(site, case):
    path, field, where = FEEDS[case]
    tree = feed(site, path(site))
    item = (entry(tree, "hostile") if field != "response-author"
            else tree.find("atom:entry", ATOM))
    expected = as_text(VALUES[field], field)
    assert any(expected in as_text(value or "", field) for value in feed_values(item, where))
    # The feed's HTML (its content and summary) holds no element the value would inject.
    for html_part in item.findall("atom:content", ATOM) + item.findall("atom:summary", ATOM):
        assert injected(parse_html(html_part.text or ""), field) == []


def test_a_response_is_sanitised_in_the_responses_feed(site):
    tree = feed(site, "feeds/responses/hostile.atom.xml")
    first, links = entry(tree, "#comment-1"), entry(tree, "#comment-3")
    assert injected(parse_html(first.find("atom:summary", ATOM).text), "response-content") == []
    html = parse_html(links.find("atom:summary", ATOM).text)
    assert [(a.get_text(), a.get("href")) for a in html.find_all("a")] == [
        ("a link", None), ("another", None)]


def parse_html(text):
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "html5lib")


# --- in the browser: nothing runs, and search lists the title as text ------------------------

BROWSED = ["post", "page", "home", "category", "tag", "author", "archives", "year archive",
           "categories", "tags", "authors", "search", "404", "redirect to the post"]


@pytest.mark.browser
@pytest.mark.parametrize("kind", BROWSED)
def test_no_hostile_value_runs_in_the_browser(site, new_page, kind):
    page = new_page(javascript=True)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site.url(PAGES[kind](site)), wait_until="load")
    page.wait_for_timeout(200)
    injected_now = page.evaluate("""() => [...document.querySelectorAll('*')].filter(e =>
        [...e.attributes].some(a => a.name.startsWith('on') && a.value.includes('alert'))
        || (e.tagName === 'SCRIPT' && e.type !== 'application/ld+json'
            && e.textContent.includes('alert('))).length""")
    assert (dialogs, injected_now) == ([], 0)


@pytest.mark.browser
def test_search_lists_a_hostile_title_as_text(site, new_page):
    page = new_page(javascript=True)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site.url("search/") + "?q=onerror", wait_until="load")
    page.wait_for_selector("#search-results li a")
    titles = [quotes_straightened(text)
              for text in page.locator("#search-results li h2 a").all_inner_texts()]
    assert quotes_straightened(VALUES["title"]) in titles
    assert quotes_straightened(VALUES["page-title"]) in titles
    planted = page.evaluate("""() => document.querySelectorAll(
        '#search-results img, #search-results svg, #search-results script').length""")
    assert (dialogs, planted) == ([], 0)


def test_control_the_hostile_site_built_whole(site):
    # Every page kind above exists: a case on a missing page would be no test at all.
    for kind, path in ((kind, PAGES[kind](site)) for kind in PAGES):
        assert site.file(path).is_file(), kind
    assert re.search(r"hostile", site.file("sitemap.xml").read_text(encoding="utf-8"))
    assert parse(site.file("")).select("article.post-summary")
