"""Choosing and threading responses: the rules in tools/wordpress/comments.py."""

import json
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from responses.contract import dump_comments
from tools.wordpress.comments import select_responses
from tools.wordpress.wxr import Comment

POST_DATE = datetime(2011, 7, 20, 9, 14, tzinfo=ZoneInfo("America/New_York"))


def comment(comment_id, parent="0", approved="1", comment_type="", date_gmt="2011-07-21 13:14:00"):
    return Comment(
        comment_id=comment_id, parent_id=parent, author="A", author_url="", date_gmt=date_gmt,
        date_local="", content="text", approved=approved, comment_type=comment_type, line=1,
    )  # fmt: skip


def test_parent_cycle_among_dropped_comments_ends_at_top_level():
    comments = [comment("1", parent="2", approved="spam"), comment("2", parent="1", approved="0"),
                comment("3", parent="1")]  # fmt: skip
    result = select_responses([("post", POST_DATE, comments)], "America/New_York")
    assert [(r["id"], r.get("parent")) for r in result.responses] == [("3", None)]
    assert [(m.comment_id, m.old_parent, m.new_parent) for m in result.reparented] == [
        ("3", "1", None)
    ]


def test_unknown_types_duplicate_and_bad_ids_are_dropped_and_counted():
    comments = [comment("1", comment_type="webmention"), comment("2"), comment("x y")]
    other_post = [comment("2")]
    result = select_responses(
        [("a", POST_DATE, comments), ("b", POST_DATE, other_post)], "America/New_York"
    )
    assert [(r["id"], r["post"]) for r in result.responses] == [("2", "a")]
    assert result.dropped == Counter({"type webmention": 1, "no valid id": 1, "duplicate id": 1})


def test_a_comment_without_any_date_takes_the_post_date():
    result = select_responses([("a", POST_DATE, [comment("5", date_gmt="")])], "America/New_York")
    assert result.responses[0]["date"] == "2011-07-20T09:14:00-04:00"


def test_json_is_sorted_by_numeric_id():
    # The comments store writes through the contract's dump: WordPress's ids in their order.
    responses = [{"id": number, "post": "a", "author": "", "date": "2011-07-21", "content": ""}
                 for number in ("10", "9", "100")]
    assert [r["id"] for r in json.loads(dump_comments(responses))["responses"]] == [
        "9", "10", "100",
    ]  # fmt: skip
