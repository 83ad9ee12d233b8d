"""The society's first post reads like the original WordPress page.

The only tests that read the repository's content/: they look at the seed post's own page
and nothing that depends on which other posts exist. What the site does around it
(category pages, the About page) is specified on the tests' own seed site (`local_site`).
"""

from pathlib import Path
from urllib.parse import urlsplit

from sitebuild import PUBLISHED_SEED, SEED_PATH, SEED_TITLE, normalise, parse

SEED_CATEGORIES = [
    "ethics", "found on the net", "general", "JoPM", "net-friendly docs", "social media",
]


def seed_paragraphs():
    """The post's paragraphs as the old site showed them (before the "Posted in" line)."""
    text = PUBLISHED_SEED.read_text(encoding="utf-8")
    body = text.split("Posted in:")[0]
    blocks = [normalise(block) for block in body.split("\n\n") if block.strip()]
    return blocks[1:]  # the first block is the title


def resolve(page, href):
    """The file a relative link on `page` leads to."""
    path = urlsplit(href).path
    target = (page.parent / path).resolve()
    return target / "index.html" if href.endswith("/") else target


def test_seed_page_title_and_date(real_seed_site):
    page = real_seed_site.soup(SEED_PATH)
    assert [normalise(h.get_text()) for h in page.find_all("h1")] == [SEED_TITLE]
    assert normalise(page.title.get_text()).startswith(SEED_TITLE)
    time = page.select_one("article time[datetime]")
    assert time["datetime"] == "2011-07-20T10:00:00-04:00"
    assert normalise(time.get_text()) == "July 20, 2011"


def test_seed_text_is_faithful_to_the_original(real_seed_site):
    page = real_seed_site.soup(SEED_PATH)
    paragraphs = [normalise(p.get_text()) for p in page.select(".post-content > p")]
    assert paragraphs == seed_paragraphs()
    # Typography, not just text: curly quotes and the bracketed aside survive.
    body = page.select_one(".post-content").get_text()
    assert "“Why Can’t We Protect Doctors Who Put Patients First?”" in body
    assert "[Insert indignant exclamation\xa0here!]" in body
    assert '"' not in body and "'" not in body


def test_posted_in_line_matches_wordpress(real_seed_site):
    page = real_seed_site.soup(SEED_PATH)
    posted_in = page.select_one(".posted-in")
    assert normalise(posted_in.get_text()) == "Posted in: " + " | ".join(SEED_CATEGORIES)
    links = posted_in.find_all("a")
    assert [a.get_text() for a in links] == SEED_CATEGORIES


def test_every_posted_in_link_resolves_to_a_category_page_listing_the_post(local_site):
    page_path = local_site / SEED_PATH
    for link in parse(page_path).select(".posted-in a"):
        target = resolve(page_path, link["href"])
        assert target.is_file(), f"{link.get_text()!r} links to missing {target}"
        listing = parse(target)
        titles = [normalise(a.get_text()) for a in listing.select("main article h2 a")]
        assert titles == [SEED_TITLE], f"category page {target} lists {titles}"


def test_every_internal_link_on_the_seed_page_resolves(real_seed_site):
    page_path = real_seed_site.file(SEED_PATH)
    for link in parse(page_path).find_all("a", href=True):
        href = link["href"]
        if urlsplit(href).scheme or href.startswith(("#", "mailto:")):
            continue
        assert resolve(page_path, href).is_file(), f"broken link {href!r}"


def test_about_page_is_published_at_its_slug(local_site):
    page = parse(local_site / "about" / "index.html")
    assert [h.get_text() for h in page.find_all("h1")] == ["About"]


def test_comments_json_is_never_copied_into_the_output(local_site):
    copied = [path for path in Path(local_site).rglob("*") if "comments" in path.name]
    assert copied == []
