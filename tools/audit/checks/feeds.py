"""Feeds: the old site's subscribers notice nothing.

WordPress served a feed at an address plus ``feed/``: the site's ``/feed/``,
``/comments/feed/``, each category's and tag's, and each post's (its comments). Every such
address of the export (the categories and tags of published posts, the posts with approved
responses) must answer with a feed (Atom or RSS), and in every feed found, a post's entry
must have the post's WordPress ``<guid>`` as its id (a response's: ``<guid>#comment-<id>``),
or feed readers show it as new. A post that WordPress copied with its original's ``<guid>``
(the theme unit test export has two) gets an id of its own, and no two entries of a feed
share one, or a feed reader shows them as one.
"""

import xml.etree.ElementTree as ElementTree
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from ..report import CheckResult, some_files
from .posts import describe

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_entries(path):
    """[(link, id)] of the feed at `path`, or None when it is not an Atom or RSS feed."""
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError):
        return None
    if root.tag == f"{ATOM}feed":
        entries = []
        for entry in root.iter(f"{ATOM}entry"):
            links = [link for link in entry.iter(f"{ATOM}link")
                     if link.get("rel", "alternate") == "alternate"]
            entries.append((links[0].get("href", "") if links else "",
                            (entry.findtext(f"{ATOM}id") or "").strip()))
        return entries
    if root.tag == "rss":
        return [((item.findtext("link") or "").strip(), (item.findtext("guid") or "").strip())
                for item in root.iter("item")]
    return None


def old_feed_addresses(export):
    """{old feed address: what it was the feed of}."""
    addresses = {"/feed/": "the site's feed"}
    if any(comment.is_response for item in export.published for comment in item.comments):
        addresses["/comments/feed/"] = "the site's responses feed"
    for item in export.published:
        for domain, nicename in item.terms:
            if item.post_type == "post" and domain in {"category", "post_tag"}:
                prefix = "category" if domain == "category" else "tag"
                addresses.setdefault(f"/{prefix}/{nicename}/feed/",
                                     f"the feed of the {prefix} {nicename}")
        path = urlsplit(item.link).path
        if (item.post_type == "post" and path.endswith("/") and not urlsplit(item.link).query
                and any(comment.is_response for comment in item.comments)):
            addresses.setdefault(path + "feed/", f"the responses feed of {describe(item)}")
    return addresses


def guid_copies(export):
    """Item numbers whose <guid> an earlier post or page of the export has too."""
    seen, copies = set(), set()
    for item in export.items:
        if item.post_type in {"post", "page"} and item.guid:
            if item.guid in seen:
                copies.add(item.number)
            seen.add(item.guid)
    return copies


def check_feeds(export, site, found):
    result = CheckResult("feeds")
    copies = guid_copies(export)
    items_by_page = {found[item.number].page: item for item in export.published
                     if found[item.number].page}
    answered, feeds = 0, []
    addresses = old_feed_addresses(export)
    for address, what in addresses.items():
        final, _passed = site.follow(address)
        if final is None:
            result.fail("an old feed address answers nothing",
                        f"{address} ({what}) answers nothing")
            continue
        entries = feed_entries(site.root / final)
        if entries is None:
            result.fail("an old feed address answers with no feed",
                        f"{address} ({what}) answers with /{final}, which is no Atom or RSS feed")
            continue
        answered += 1
        feeds.append((final, entries))
    wrong, compared = defaultdict(list), 0
    for final, entries in feeds:
        for entry_id, count in sorted(Counter(entry_id for _link, entry_id in entries).items()):
            if count > 1:
                result.fail("two entries of a feed have one id",
                            f"/{final} has {count} entries with the id {entry_id}")
        for link, entry_id in entries:
            parts = urlsplit(link)
            item = items_by_page.get(site.resolve(link)) if link else None
            if item is None or not item.guid or item.number in copies:
                continue
            expected = item.guid + (f"#{parts.fragment}" if parts.fragment else "")
            compared += 1
            if entry_id != expected:
                wrong[(item.number, expected, entry_id)].append(final)
    by_number = {item.number: item for item in export.published}
    for (number, expected, entry_id), files in wrong.items():
        item = by_number[number]
        result.fail("a feed entry's id is not its WordPress GUID",
                    f"{describe(item)}: its entry has the id {entry_id} in {some_files(files)}, "
                    f"not its GUID {expected}")
    result.summary = (f"{len(addresses)} old feed addresses checked "
                      f"({answered} answer with a feed); {compared} entries' ids compared "
                      "with the export's GUIDs")
    return result
