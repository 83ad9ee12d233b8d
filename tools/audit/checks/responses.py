"""Responses: every approved comment, pingback and trackback is on its item's page.

Each sits under ``#comment-<id>``, inside its parent's list when the parent was
kept too (or, past the site's deepest nesting, right after its parent at the
same depth, as WordPress's own walker does), with its author and text; the
heading's count is the number of approved responses.
"""

import html
from collections import Counter

from ..report import CheckResult
from ..text import excerpt, missing_from, wordpress_words, words
from .posts import describe


def _expected_words(comment):
    author = words(html.unescape(comment.author))
    if comment.kind == "comment":
        return author + wordpress_words(comment.content)
    return author


def _placement_problem(comment, shown, page, kept_ids, max_depth):
    parent = comment.parent_id
    if not parent or parent not in kept_ids or shown.parent_id == parent:
        return None
    parent_shown = page.responses.get(parent)
    if (parent_shown is not None and shown.container == parent_shown.container
            and shown.depth == parent_shown.depth == max_depth
            and shown.order > parent_shown.order):
        return None
    where = f"under response {shown.parent_id}" if shown.parent_id else "at the top level"
    return f"is a reply to {parent} but is shown {where}"


def check_item(item, page, site, result, max_depth):
    responses = [comment for comment in item.comments if comment.is_response]
    kept_ids = {comment.comment_id for comment in responses}
    url = site.url_of(page.path)
    for comment in responses:
        label = f"{comment.kind} {comment.comment_id} on {describe(item)}"
        shown = page.responses.get(comment.comment_id)
        if shown is None:
            result.fail("a response is not on its item's page",
                        f"{label}: not on {url} (no #comment-{comment.comment_id})")
            continue
        if problem := _placement_problem(comment, shown, page, kept_ids, max_depth):
            result.fail("a reply is not shown under its parent", f"{label}: {problem} on {url}")
        expected = _expected_words(comment)
        missing = missing_from(expected, shown.words)
        if missing is not None:
            result.fail("a response's text differs", f"{label}: its text differs on {url}"
                        f"#comment-{comment.comment_id}: “{excerpt(expected, missing)}…” "
                        "is not there")
    shown_count = page.heading_count or 0
    if shown_count != len(responses):
        result.fail("a thread's heading counts the responses wrongly",
                    f"{describe(item)}: the heading on {url} counts {shown_count} "
                    f"responses; the export has {len(responses)} approved")
    others = sorted(set(page.responses) - kept_ids)
    if others:
        result.fail("a page shows responses that are not its approved ones",
                    f"{describe(item)}: {url} shows responses that are not approved "
                    f"responses of this item: {', '.join(others)}")


def check_responses(export, site, found, max_depth=5):
    result = CheckResult("responses")
    counted = Counter()
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
        check_item(item, page, site, result, max_depth)
        for comment in responses:
            counted[comment.kind] += 1
            counted[f"on {item.post_type}s"] += 1
    total = sum(counted[kind] for kind in ("comment", "pingback", "trackback"))
    result.summary = (f"{total} approved responses checked ({counted['comment']} comments, "
                      f"{counted['pingback']} pingbacks, {counted['trackback']} trackbacks; "
                      f"{counted['on posts']} on posts, {counted['on pages']} on pages)")
    return result
