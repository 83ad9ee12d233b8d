"""Choose which WordPress comments to keep, shape them into response records, and give
each an id that no other response in the comments file has.

Records are built and checked by the contract module of the responses plugin
(plugins/responses/contract.py), the one place that knows the fields, and written by the
comments store. Only approved comments, pingbacks and trackbacks on imported posts and
pages are kept. A kept reply whose parent was dropped or is missing moves up to its
nearest kept ancestor, or to the top level, so no approved reply is ever lost.

Ids: a response keeps its WordPress id, so old ``#comment-NNN`` links still land on it.
When the comments file already has that id for another response (the shipped first post's
responses 1 and 2, a mailed response, another site's import), the import's response is
``wp-<old site's host>-<id>`` instead (``wp-blog-example-org-1``), named in the report, and
links in the imported posts to its ``#comment-<id>`` follow it. "Another response" means
another type, author or date: a record with the id, type, author and date of the import's
is that same response, from an earlier import, and is never written twice.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from responses.contract import ID_PATTERN, RESPONSE_SCHEMA, make_record

from .dates import wordpress_datetime
from .links import host_key

# A record without "type" is a comment (the schema's default).
DEFAULT_TYPE = RESPONSE_SCHEMA["properties"]["type"]["default"]
RESPONSE_TYPES = {
    "": "comment",
    "comment": "comment",
    "pingback": "pingback",
    "trackback": "trackback",
}
# WordPress leaves a bare scheme when a commenter gives no website.
EMPTY_URLS = {"", "http://", "https://"}
NO_PARENT = {"", "0"}


@dataclass
class Reparented:
    comment_id: str
    post_slug: str
    old_parent: str
    new_parent: str | None  # None: moved to the top level


@dataclass
class CommentResult:
    responses: list[dict] = field(default_factory=list)
    kept: Counter = field(default_factory=Counter)  # by type
    dropped: Counter = field(default_factory=Counter)  # by reason
    reparented: list[Reparented] = field(default_factory=list)


def drop_reason(comment):
    """Why a comment is not kept, or None to keep it."""
    if comment.approved != "1":
        return f"status {comment.approved or '(empty)'}"
    if comment.comment_type not in RESPONSE_TYPES:
        return f"type {comment.comment_type}"
    if not ID_PATTERN.search(comment.comment_id):
        return "no valid id"
    return None


def _identity(record):
    """What makes two records one response: the same id, type, author and date."""
    return (record["id"], record.get("type", DEFAULT_TYPE), record["author"], record["date"])


def id_namespace(site_urls):
    """"wp-<host>" of the old site (dots as hyphens, as ids allow), or "wp" without one."""
    host = next((host_key(urlsplit(url).hostname) for url in site_urls
                 if urlsplit(url).hostname), "")
    host = re.sub(r"[^a-z0-9]+", "-", host).strip("-")
    return f"wp-{host}" if host else "wp"


@dataclass
class Renamed:
    wordpress_id: str
    new_id: str
    post_slug: str
    taken_by: str  # how the other response is named: "response 1 on post x"


def assign_ids(records, existing, namespace):
    """Give each of `records` (the import's, WordPress ids) an id free in `existing` (the
    comments file's records) or held by that same response; rename parents with them.

    Returns the Renamed list; `records` are changed in place.
    """
    there = {record["id"]: record for record in existing}
    wanted = {record["id"] for record in records}
    renamed, new_ids = [], {}
    for record in records:
        candidates = [record["id"], f"{namespace}-{record['id']}"]
        candidates += [f"{namespace}-{record['id']}-{number}" for number in range(2, 100)]
        for candidate in candidates:
            holder = there.get(candidate)
            clash_inside = candidate != record["id"] and candidate in wanted
            if not clash_inside and (holder is None or _identity(holder) == _identity(
                    {**record, "id": candidate})):
                break
        else:  # pragma: no cover - a hundred other responses with one id
            raise ValueError(f"response {record['id']}: no free id")
        if candidate != record["id"]:
            holder = there[record["id"]]
            renamed.append(Renamed(record["id"], candidate, record["post"],
                                   f"response {holder['id']} on {holder['post']}"))
        new_ids[record["id"]] = candidate
    for record in records:
        record["id"] = new_ids[record["id"]]
        if record.get("parent") in new_ids:
            record["parent"] = new_ids[record["parent"]]
    return renamed


def _nearest_kept_ancestor(comment, by_id, kept_ids):
    """Walk up the parents until one is kept; None means the top level."""
    seen = {comment.comment_id}
    parent_id = comment.parent_id
    while parent_id not in NO_PARENT and parent_id not in seen:
        if parent_id in kept_ids:
            return parent_id
        seen.add(parent_id)
        parent = by_id.get(parent_id)
        if parent is None:
            return None
        parent_id = parent.parent_id
    return None


def select_responses(posts, timezone, result=None):
    """Responses for `posts`, a list of (post slug, post date, comments of that post).

    Comments are only ever threaded within their own post: a parent id that
    belongs to another post counts as missing.
    """
    result = result or CommentResult()
    seen_ids = set()
    for slug, post_date, comments in posts:
        by_id = {comment.comment_id: comment for comment in comments}
        kept = []
        for comment in comments:
            reason = drop_reason(comment)
            if reason is None and comment.comment_id in seen_ids:
                reason = "duplicate id"
            if reason:
                result.dropped[reason] += 1
                continue
            seen_ids.add(comment.comment_id)
            kept.append(comment)
        kept_ids = {comment.comment_id for comment in kept}
        for comment in kept:
            parent = comment.parent_id if comment.parent_id not in NO_PARENT else None
            if parent is not None and parent not in kept_ids:
                new_parent = _nearest_kept_ancestor(comment, by_id, kept_ids)
                result.reparented.append(Reparented(comment.comment_id, slug, parent, new_parent))
                parent = new_parent
            response_type = RESPONSE_TYPES[comment.comment_type]
            result.kept[response_type] += 1
            result.responses.append(
                _response(comment, slug, parent, response_type, timezone, post_date)
            )
    return result


def _response(comment, slug, parent, response_type, timezone, post_date):
    """One response record, as the contract builds it: nothing but the allowed fields."""
    # A comment without any date still needs one: the post's is the best guess.
    date = wordpress_datetime(comment.date_gmt, comment.date_local, timezone) or post_date
    return make_record(
        id=comment.comment_id, post=slug, parent=parent, type=response_type,
        # WordPress stores names with HTML entities (O&#039;Brien); the contract wants text.
        author=html.unescape(comment.author).strip(),
        url=None if comment.author_url in EMPTY_URLS else comment.author_url,
        date=date, content=comment.content,
    )
