"""Attach stage: articles and pages alike get their threads; the home page its recent ones."""

import pytest
from responses_testing import record, write_comments

from responses.problems import ResponsesError
from sitebuild import build, parse, text, write_page, write_post


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("responses-pages")
    content = root / "content"
    write_post(content, "a-post", title="A Post", date="2011-07-20 10:00")
    write_page(content, "about", title="About the Society")
    write_page(content, "quiet-page", title="A Quiet Page")
    write_page(content, "draft-page", title="A Draft Page", status="draft")
    responses = [
        record(1, post="about", author="Rick Ladd", date="2011-07-21T09:14:00-04:00",
               content="A question about the society."),
        *[record(n, post="about", parent=str(n - 1), date=f"2011-07-2{n}T10:00:00-04:00")
          for n in range(2, 8)],
        record(8, post="about", type="pingback", author="A linking blog",
               url="https://blog.example/", date="2011-07-30"),
        record(9, post="a-post", date="2011-07-29T10:00:00-04:00"),
        record(10, post="draft-page", date="2011-07-31T10:00:00-04:00"),
    ]
    comments = write_comments(root / "comments.json", responses)
    return build(content, root / "output", RESPONSES_PATH=str(comments)).root


def test_a_page_shows_its_thread_as_a_post_does(site):
    soup = parse(site / "about" / "index.html")
    section = soup.find("section", id="responses")
    assert section.h2.get_text() == "8 Responses to “About the Society”"
    assert [li["id"] for li in section.select("li")] == [f"comment-{n}" for n in range(1, 9)]
    first = section.find(id="comment-1")
    assert text(first.find(class_="comment-author")) == "Rick Ladd says:"
    assert first.find("time")["datetime"] == "2011-07-21T09:14:00-04:00"
    assert first.find("time").parent["href"] == "#comment-1"
    # Replies nest to the depth cap and continue there; nothing is dropped.
    assert [li["class"][1] for li in section.select(".commentlist li")] == [
        "depth-1", "depth-2", "depth-3", "depth-4", "depth-5", "depth-5", "depth-5"]
    # The pingback is listed after the comments, as on posts.
    pingback = section.select_one(".pinglist #comment-8")
    assert text(pingback) == "Pingback: A linking blog (July 30, 2011)"
    assert text(soup.find("p", class_="responses-closed")) == "Responses are closed."


def test_a_page_without_responses_has_no_thread(site):
    soup = parse(site / "quiet-page" / "index.html")
    assert soup.find(id="responses") is None


def test_a_draft_page_keeps_its_responses(site):
    soup = parse(site / "drafts" / "pages" / "draft-page" / "index.html")
    assert [li["id"] for li in soup.select("#responses li")] == ["comment-10"]


def test_recent_responses_include_published_pages_not_drafts(site):
    items = parse(site / "index.html").select(".recent-responses li")
    assert [(text(item), item.a["href"]) for item in items] == [
        ("A linking blog on About the Society", "./about/#comment-8"),
        ("Author 9 on A Post", "./2011/07/a-post/#comment-9"),
        ("Author 7 on About the Society", "./about/#comment-7"),
        ("Author 6 on About the Society", "./about/#comment-6"),
        ("Author 5 on About the Society", "./about/#comment-5"),
    ]


def test_each_response_knows_its_parent_beyond_the_deepest_indent(tmp_path):
    from pelican import signals

    seen = {}

    # After the pages are written, so after the plugin (connected during the build) ran.
    def keep(generator, writer):
        for page in generator.pages:
            seen[page.slug] = page.responses_in_order

    content = tmp_path / "content"
    write_page(content, "about")
    write_comments(content / "comments.json", [
        record(1, post="about"), *[record(n, post="about", parent=str(n - 1))
                                   for n in range(2, 9)]])
    signals.page_writer_finalized.connect(keep)
    try:
        build(content, tmp_path / "output")
    finally:
        signals.page_writer_finalized.disconnect(keep)
    ordered = seen["about"]
    assert [r.parent_response.id if r.parent_response else None for r in ordered] == [
        None, "1", "2", "3", "4", "5", "6", "7"]
    assert [r.depth for r in ordered] == [1, 2, 3, 4, 5, 5, 5, 5]


def test_a_slug_shared_by_an_article_and_a_page_is_an_error_naming_both(tmp_path):
    content = tmp_path / "content"
    post = write_post(content, "about", date="2011-07-20 10:00")
    page = write_page(content, "about")
    comments = write_comments(content / "comments.json", [record(1, post="about")])
    with pytest.raises(ResponsesError) as raised:
        build(content, tmp_path / "output")
    [problem] = raised.value.problems
    assert (problem.file, problem.response_id, problem.field) == (str(comments), "1", "post")
    assert problem.message == (
        f"'about' is the slug of both an article and a page ({page} and {post});"
        " give one of them another slug")


def test_a_slug_shared_by_an_article_and_a_page_is_fine_when_no_response_names_it(tmp_path):
    content = tmp_path / "content"
    write_post(content, "about", date="2011-07-20 10:00")
    write_page(content, "about")
    write_post(content, "other", date="2011-07-21 10:00")
    write_comments(content / "comments.json", [record(1, post="other")])
    output = build(content, tmp_path / "output").root
    assert parse(output / "about" / "index.html").find(id="responses") is None
