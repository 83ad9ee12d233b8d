"""Threading: replies under parents, oldest first, flat beyond the depth cap, nothing dropped."""

import sys
from datetime import UTC, datetime, timedelta, timezone

import jinja2

from responses.attach import format_date
from responses.model import Response
from responses.thread import in_page_order, thread
from sitebuild import REPO_ROOT

START = datetime(2011, 7, 21, 9, 0, tzinfo=timezone(timedelta(hours=-4)))


def response(number, parent=None, minutes=None, post="a-post", **fields):
    minutes = number if minutes is None else minutes
    values = {"author": f"Author {number}", "url": None, "type": "comment", **fields}
    return Response(id=str(number), post=post, parent=None if parent is None else str(parent),
                    date=START + timedelta(minutes=minutes), has_time=True,
                    content=f"Response {number}.", **values)


def shape(responses):
    """[(id, depth, [children...])] for readable assertions."""
    return [(r.id, r.depth, shape(r.children)) for r in responses]


def test_replies_nest_under_their_parents_oldest_first():
    threads = thread([
        response(1, minutes=10), response(2, minutes=5), response(3, parent=1, minutes=30),
        response(4, parent=1, minutes=20), response(5, parent=4), response(6, post="b-post"),
    ], max_depth=5)
    assert shape(threads["a-post"]) == [
        ("2", 1, []),
        ("1", 1, [("4", 2, [("5", 3, [])]), ("3", 2, [])]),
    ]
    assert shape(threads["b-post"]) == [("6", 1, [])]


def test_equal_dates_keep_the_order_of_the_file():
    threads = thread([response(3, minutes=0), response(1, minutes=0), response(2, minutes=0)],
                     max_depth=5)
    assert [r.id for r in threads["a-post"]] == ["3", "1", "2"]


def test_replies_beyond_the_cap_continue_flat_right_after_their_parent():
    # 1 ← 2 ← 3 ← 4, and 5 replies to 2; with a cap of 2, 3 and 4 follow 2 at depth 2.
    threads = thread([response(1), response(2, parent=1), response(3, parent=2),
                      response(4, parent=3), response(5, parent=2), response(6, parent=1)],
                     max_depth=2)
    assert shape(threads["a-post"]) == [
        ("1", 1, [("2", 2, []), ("3", 2, []), ("4", 2, []), ("5", 2, []), ("6", 2, [])]),
    ]


def test_a_cap_of_one_makes_the_thread_flat():
    threads = thread([response(1), response(2, parent=1), response(3, parent=2),
                      response(4)], max_depth=1)
    assert shape(threads["a-post"]) == [("1", 1, []), ("2", 1, []), ("3", 1, []), ("4", 1, [])]


def chain(length):
    return [response(1)] + [response(n, parent=n - 1) for n in range(2, length + 1)]


def test_a_chain_of_a_thousand_replies_keeps_every_reply_without_recursion():
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # far below the chain's length: threading must not recurse
    try:
        threads = thread(chain(1000), max_depth=5)
    finally:
        sys.setrecursionlimit(limit)
    level, depths = threads["a-post"], []
    for depth in range(1, 5):
        assert [r.id for r in level] == [str(depth)]
        depths.append(level[0].depth)
        level = level[0].children
    assert depths == [1, 2, 3, 4]
    assert [r.id for r in level] == [str(n) for n in range(5, 1001)]
    assert {(r.depth, len(r.children)) for r in level} == {(5, 0)}


def render_partial(article, **context):
    """Render partials/responses.html with Jinja set up as Pelican sets it up."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO_ROOT / "theme" / "templates"),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.Undefined,
    )
    template = environment.from_string(
        '{% from "partials/responses.html" import response_thread with context %}'
        "{{ response_thread(article) }}")
    return template.render(article=article, **context)


class Article:
    title = "A <em>post</em>"
    title_text = "A post"  # what the plugin prepares from the title

    def __init__(self, responses, max_depth=5):
        # What the thread and attach stages prepare.
        self.responses = thread(responses, max_depth=max_depth)["a-post"]
        self.responses_in_order = in_page_order(self.responses)
        for each in self.responses_in_order:
            format_date(each)
        self.response_count = len(responses)


def rendered_shape(items):
    """shape() read back from the parsed page: [(id, depth, [children...])]."""
    return [
        (item["id"].removeprefix("comment-"),
         int(next(name for name in item["class"] if name.startswith("depth-"))[6:]),
         rendered_shape(item.select(":scope > ol.children > li")))
        for item in items
    ]


def test_the_flat_template_loop_nests_every_reply_as_the_thread_does():
    from bs4 import BeautifulSoup

    # Branches that end at several depths at once, a pingback mid-thread, replies past the
    # depth cap (which continue flat) and a last response that closes three lists.
    responses = [
        response(1), response(2, parent=1), response(3, parent=2), response(4, parent=3),
        response(5, parent=1), response(6, type="pingback"), response(7),
        response(8, parent=7), response(9, parent=8), response(10, parent=9),
        response(11, parent=10), response(12, parent=10), response(13),
    ]
    article = Article(responses, max_depth=3)
    soup = BeautifulSoup(render_partial(article), "html5lib")
    # The top-level pingback is listed after the comments, on its own.
    comments = [each for each in article.responses if each.type == "comment"]
    assert rendered_shape(soup.select("ol.commentlist > li")) == shape(comments)
    assert [li["id"] for li in soup.select("ul.pinglist > li")] == ["comment-6"]
    assert shape(article.responses)[2] == (
        "7", 1, [("8", 2, [("9", 3, []), ("10", 3, []), ("11", 3, []), ("12", 3, [])])]
    )
    assert len(soup.select("li[id^=comment-]")) == 13


def test_response_dates_read_as_wordpress_showed_them():
    morning, evening = response(1, minutes=14), response(2, minutes=12 * 60 + 5)
    day_only = response(3)
    day_only.date, day_only.has_time = datetime(2011, 7, 2, tzinfo=UTC), False
    for each in (morning, evening, day_only):
        format_date(each)
    assert (morning.date_text, morning.date_iso) == (
        "July 21, 2011 at 9:14 am", "2011-07-21T09:14:00-04:00")
    assert evening.date_text == "July 21, 2011 at 9:05 pm"
    assert (day_only.date_text, day_only.date_iso) == ("July 2, 2011", "2011-07-02")


def test_midnight_and_noon_read_as_twelve_am_and_pm():
    midnight, noon = response(1), response(2)
    midnight.date = datetime(2011, 12, 31, 0, 7, tzinfo=UTC)
    noon.date = datetime(2011, 1, 1, 12, 0, tzinfo=UTC)
    for each in (midnight, noon):
        format_date(each)
    assert midnight.date_text == "December 31, 2011 at 12:07 am"
    assert noon.date_text == "January 1, 2011 at 12:00 pm"


def test_the_template_renders_all_thousand_replies_of_a_chain():
    from bs4 import BeautifulSoup

    html = render_partial(Article(chain(1000)), RESPONSES_CLOSED_NOTE="Closed.")
    soup = BeautifulSoup(html, "html5lib")
    items = soup.select("li[id^=comment-]")
    assert [item["id"] for item in items] == [f"comment-{n}" for n in range(1, 1001)]
    assert len(soup.select("ol.children")) == 4
    assert len(soup.select("ol.children ol.children ol.children ol.children > li")) == 996
    assert soup.h2.get_text() == "1000 Responses to “A post”"


def test_recent_responses_partial_links_each_to_its_comment():
    from bs4 import BeautifulSoup

    from site_facts import display_title

    class Post:
        url = "2011/07/a-post/"
        title = "A&nbsp;<em>Post</em>"

    Post.title_text = display_title(Post)

    latest, older = response(2, minutes=9), response(1, author="")
    latest.article = older.article = Post()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO_ROOT / "theme" / "templates"),
        trim_blocks=True, lstrip_blocks=True,
    )
    html = environment.from_string(
        '{% from "partials/recent_responses.html" import recent_responses_list with context %}'
        "{{ recent_responses_list(recent_responses) }}"
    ).render(recent_responses=[latest, older], SITEURL="")
    items = BeautifulSoup(html, "html5lib").select(".recent-responses li")
    assert [" ".join(item.get_text().split()) for item in items] == [
        "Author 2 on A Post", "Anonymous on A Post"]
    assert [item.a["href"] for item in items] == ["/2011/07/a-post/#comment-2",
                                                  "/2011/07/a-post/#comment-1"]
