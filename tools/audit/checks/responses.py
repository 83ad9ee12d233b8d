"""Responses: every approved comment, pingback and trackback is on its item's page.

Each sits under ``#comment-<id>``, inside its parent's list when the parent was
kept too (or, past the site's deepest nesting, right after its parent at the
same depth, as WordPress's own walker does), with its author and text; the
heading's count is the number of approved responses. A response whose WordPress id another
response of the site already had (the shipped posts' responses 1 and 2) is shown as
``wp-<old host, dots as hyphens>-<id>``, as the importer names it; it stands for that id.
"""

import html
import re
from collections import Counter
from dataclasses import replace

from ..report import CheckResult
from ..text import excerpt, missing_from, wordpress_words, words
from .posts import describe


def _expected_words(comment):
    author = words(html.unescape(comment.author))
    if comment.kind == "comment":
        return author + wordpress_words(comment.content)
    return author


def id_namespaces(export):
    """The prefixes an importer gives a response whose WordPress id was taken."""
    return sorted({"wp-" + re.sub(r"[^a-z0-9]+", "-", host).strip("-")
                   for host in export.old_hosts}, key=len, reverse=True)


def _wordpress_id(shown_id, namespaces):
    for namespace in namespaces:
        if shown_id.startswith(namespace + "-"):
            number = shown_id[len(namespace) + 1:].split("-", 1)[0]
            if number.isdigit():
                return number
    return shown_id


def by_wordpress_id(responses, namespaces):
    """A page's responses ({shown id: Response}) by the WordPress ids they stand for."""
    if not namespaces:
        return responses
    return {_wordpress_id(shown_id, namespaces): replace(
        shown, parent_id=shown.parent_id and _wordpress_id(shown.parent_id, namespaces))
        for shown_id, shown in responses.items()}


def _placement_problem(comment, shown, shown_by_id, kept_ids, max_depth):
    parent = comment.parent_id
    if not parent or parent not in kept_ids or shown.parent_id == parent:
        return None
    parent_shown = shown_by_id.get(parent)
    if (parent_shown is not None and shown.container == parent_shown.container
            and shown.depth == parent_shown.depth == max_depth
            and shown.order > parent_shown.order):
        return None
    where = f"under response {shown.parent_id}" if shown.parent_id else "at the top level"
    return f"is a reply to {parent} but is shown {where}"


def check_item(item, page, site, result, max_depth, namespaces=()):
    responses = [comment for comment in item.comments if comment.is_response]
    kept_ids = {comment.comment_id for comment in responses}
    url = site.url_of(page.path)
    shown_by_id = by_wordpress_id(page.responses, namespaces)
    for comment in responses:
        label = f"{comment.kind} {comment.comment_id} on {describe(item)}"
        shown = shown_by_id.get(comment.comment_id)
        if shown is None:
            result.fail("a response is not on its item's page",
                        f"{label}: not on {url} (no #comment-{comment.comment_id})")
            continue
        if problem := _placement_problem(comment, shown, shown_by_id, kept_ids, max_depth):
            result.fail("a reply is not shown under its parent", f"{label}: {problem} on {url}")
        expected = _expected_words(comment)
        missing = missing_from(expected, shown.words)
        if missing is not None:
            result.fail("a response's text differs", f"{label}: its text differs on {url}"
                        f"#comment-{shown.comment_id}: “{excerpt(expected, missing)}…” "
                        "is not there")
    shown_count = page.heading_count or 0
    if shown_count != len(responses):
        result.fail("a thread's heading counts the responses wrongly",
                    f"{describe(item)}: the heading on {url} counts {shown_count} "
                    f"responses; the export has {len(responses)} approved")
    others = sorted(shown_id for shown_id in page.responses
                    if _wordpress_id(shown_id, namespaces) not in kept_ids)
    if others:
        result.fail("a page shows responses that are not its approved ones",
                    f"{describe(item)}: {url} shows responses that are not approved "
                    f"responses of this item: {', '.join(others)}")


def check_responses(export, site, found, max_depth=5):
    result = CheckResult("responses")
    counted = Counter()
    namespaces = id_namespaces(export)
    for item in export.published:
        responses = [comment for comment in item.comments if comment.is_response]
        where = found[item.number]
        if where.page is None:
            if responses:
                result.fail("an item with responses has no page",
                            f"{describe(item)}: its {len(responses)} responses "
                            "cannot be shown: the item has no page")
            continue
        page = site.page(where.page)
        check_item(item, page, site, result, max_depth, namespaces)
        for comment in responses:
            counted[comment.kind] += 1
            counted[f"on {item.post_type}s"] += 1
    total = sum(counted[kind] for kind in ("comment", "pingback", "trackback"))
    result.summary = (f"{total} approved responses checked ({counted['comment']} comments, "
                      f"{counted['pingback']} pingbacks, {counted['trackback']} trackbacks; "
                      f"{counted['on posts']} on posts, {counted['on pages']} on pages)")
    return result
