"""Posts and pages: every published, public item has a page with its title and its text.

The page is looked for by the item's title among the site's pages, at the
address the site's permalink scheme gives it (/YYYY/MM/slug/, /slug/) and
where its old link leads; whichever has the title and the text is the item's.
"""

import html
from dataclasses import dataclass
from urllib.parse import unquote

from ..report import CheckResult
from ..text import excerpt, missing_from, wordpress_words, words

MOST_CANDIDATES = 6


@dataclass
class Found:
    """Where an item lives in the site (None if nowhere) and what is wrong there."""

    page: str | None
    problem: str = ""
    kind: str = ""  # the distinct problem, for the report


def describe(item):
    """How a report names an item: kind, id, title and old link."""
    title = " ".join(html.unescape(item.title).split()) or "(no title)"
    return f"{item.post_type} {item.post_id} “{title}” ({item.link or 'no link'})"


def expected_file(item):
    slug = unquote(item.post_name).strip("/")
    if not slug:
        return None
    if item.post_type == "page":
        return f"{slug}/index.html"
    date = item.post_date
    if len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit():
        return f"{date[:4]}/{date[5:7]}/{slug}/index.html"
    return None


def title_forms(item):
    """The item's title as words; "<html>" in a title may have been shown as text or as a tag."""
    return {tuple(wordpress_words(item.title)), tuple(words(html.unescape(item.title)))}


def find_page(item, site, taken):
    titles = title_forms(item)
    body = wordpress_words(item.content)
    expected = expected_file(item)
    linked, _ = site.follow(item.link) if item.link else (None, [])
    candidates = [expected, linked, *(c for title in titles for c in site.by_title.get(title, ()))]
    candidates = [c for c in dict.fromkeys(candidates) if c and c in site.titles]
    candidates.sort(key=lambda c: (c in taken, c not in (expected, linked)))
    with_title = [c for c in candidates if titles == {()} or site.titles[c] in titles]
    differing = None
    for candidate in with_title[:MOST_CANDIDATES]:
        missing = missing_from(body, site.page(candidate).words)
        if missing is None:
            return Found(candidate)
        differing = differing or (candidate, missing)
    if differing:
        candidate, missing = differing
        return Found(candidate, f"text differs on {site.url_of(candidate)}: "
                                f"“{excerpt(body, missing)}…” (word {missing + 1} of "
                                f"{len(body)}) is not there", "its text differs on its page")
    for candidate in (expected, linked):
        if candidate in site.titles:
            shown = " ".join(site.titles[candidate])
            return Found(candidate, f"{site.url_of(candidate)} has the title “{shown}”",
                         "its page has another title")
    return Found(None, "has no page in the site", "has no page in the site")


def check_posts(export, site, progress=None):
    result = CheckResult("posts and pages")
    found, taken = {}, set()
    published = export.published
    for number, item in enumerate(published, start=1):
        found[item.number] = where = find_page(item, site, taken)
        if where.page and not where.problem:
            taken.add(where.page)
        if where.problem:
            result.fail(f"a published {item.post_type} {where.kind}",
                        f"{describe(item)}: {where.problem}")
        if progress and number % 500 == 0:
            progress(f"checked {number} of {len(published)} posts and pages")
    posts = sum(item.post_type == "post" for item in published)
    result.summary = (f"{len(published)} published items checked "
                      f"({posts} posts, {len(published) - posts} pages)")
    return result, found
