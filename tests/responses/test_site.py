"""Integration: real sites built with pelicanconf.py and the real theme."""

import json

import pytest
from responses_testing import record, write_comments

from responses.problems import ResponsesError
from sitebuild import (
    FIXTURE_CONTENT,
    SEED_SLUG,
    SEED_TITLE,
    build,
    parse,
    run_pelican,
    text,
    write_post,
)

HOSTILE_AUTHOR = "<script>alert(1)</script> {{ 7*7 }}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("responses-site")
    content = root / "content"
    write_post(content, "threaded-post", title="A Threaded Post", date="2011-07-20 10:00")
    write_post(content, "single-post", title="A Single Post", date="2011-07-19 10:00")
    write_post(content, "quiet-post", title="A Quiet Post", date="2011-07-18 10:00")
    write_post(content, "draft-post", title="A Draft", status="draft")
    write_post(content, "long-chain", title="A Long Chain", date="2011-07-17 10:00")
    responses = [
        record(10, post="threaded-post", author="Rick Ladd", url="https://example.org/rick",
               date="2011-07-21T09:14:00-04:00", content="First paragraph.\n\nSecond\nline."),
        record(11, post="threaded-post", parent="10", author=HOSTILE_AUTHOR,
               url="javascript:alert(1)", date="2011-07-21T21:05:00-04:00",
               content="{{ 7*7 }} {% if true %}x{% endif %} <img src=x onerror=alert(1)>"),
        record(12, post="threaded-post", type="pingback", author="Someone’s post about it",
               url="http://blog.example/about", date="2011-07-22T08:00:00-04:00",
               content="[...] a pingback excerpt [...]"),
        record(13, post="threaded-post", type="trackback", author="A trackback", url=None,
               date="2011-07-23T08:00:00-04:00"),
        record(14, post="threaded-post", author="", date="2011-07-25"),
        record(20, post="single-post"),
        record(30, post="draft-post"),
        record(40, post="long-chain"),
        *[record(n, post="long-chain", parent=str(n - 1)) for n in range(41, 1040)],
    ]
    comments = write_comments(root / "data" / "comments.json", responses)
    return build(content, root / "output", RESPONSES_PATH=str(comments),
                 RESPONSES_CONTACT_URL="mailto:editor@example.org").root


def page(site, slug, year_month="2011/07"):
    return parse(site / year_month / slug / "index.html")


def test_heading_counts_every_response(site):
    soup = page(site, "threaded-post")
    section = soup.find("section", id="responses")
    assert section.h2.get_text() == "5 Responses to “A Threaded Post”"
    assert page(site, "single-post").find(id="responses").h2.get_text() == (
        "One Response to “A Single Post”")


def test_no_section_without_responses_but_the_closed_note(site):
    soup = page(site, "quiet-post")
    assert soup.find(id="responses") is None
    note = soup.find("p", class_="responses-closed")
    assert text(note) == "Responses are closed. Write to the editors"
    assert note.a["href"] == "mailto:editor@example.org"


def test_responses_are_a_numbered_list_with_wordpress_anchors(site):
    commentlist = page(site, "threaded-post").find("ol", class_="commentlist")
    top = commentlist.find_all("li", recursive=False)
    assert [li["id"] for li in top] == ["comment-10", "comment-14"]
    [reply] = top[0].find("ol", class_="children").find_all("li", recursive=False)
    assert reply["id"] == "comment-11"
    assert reply["class"] == ["comment", "depth-2"]


def test_a_comment_shows_linked_author_says_time_and_paragraphs(site):
    item = page(site, "threaded-post").find(id="comment-10")
    author = item.find(class_="comment-author")
    assert text(author) == "Rick Ladd says:"
    assert author.a["href"] == "https://example.org/rick"
    assert author.a["rel"] == ["external", "nofollow", "ugc", "noopener"]
    time = item.find("time")
    assert (time["datetime"], time.get_text()) == (
        "2011-07-21T09:14:00-04:00", "July 21, 2011 at 9:14 am")
    assert time.parent["href"] == "#comment-10"
    paragraphs = item.find(class_="comment-content").find_all("p")
    assert [p.decode_contents() for p in paragraphs] == ["First paragraph.", "Second<br/>\nline."]


def test_hostile_author_url_and_template_syntax_show_literally(site):
    item = page(site, "threaded-post").find(id="comment-11")
    author = item.find(class_="comment-author")
    assert text(author) == f"{HOSTILE_AUTHOR} says:"
    assert author.find("a") is None  # the javascript: URL is dropped
    assert author.find("script") is None
    content = item.find(class_="comment-content")
    assert content.decode_contents().strip() == "<p>{{ 7*7 }} {% if true %}x{% endif %} </p>"
    assert item.find("time").get_text() == "July 21, 2011 at 9:05 pm"
    html = (site / "2011/07/threaded-post/index.html").read_text()
    assert "alert(1)" not in html.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "")


def test_pingbacks_and_trackbacks_are_compact(site):
    soup = page(site, "threaded-post")
    pinglist = soup.find("ul", class_="pinglist")
    assert [li["id"] for li in pinglist.find_all("li")] == ["comment-12", "comment-13"]
    assert pinglist.find_previous_sibling("ol", class_="commentlist") is not None
    pingback = soup.find(id="comment-12")
    assert pingback["class"] == ["pingback"]
    assert text(pingback) == "Pingback: Someone’s post about it (July 22, 2011 at 8:00 am)"
    assert pingback.a["href"] == "http://blog.example/about"
    trackback = soup.find(id="comment-13")
    assert text(trackback) == "Trackback: A trackback (July 23, 2011 at 8:00 am)"
    assert trackback.find("a") is None


def test_empty_author_shows_anonymous_and_date_only(site):
    item = page(site, "threaded-post").find(id="comment-14")
    assert text(item.find(class_="comment-author")) == "Anonymous says:"
    time = item.find("time")
    assert (time["datetime"], time.get_text()) == ("2011-07-25", "July 25, 2011")


def test_a_chain_of_a_thousand_renders_every_reply(site):
    soup = page(site, "long-chain")
    assert [li["id"] for li in soup.select("#responses li")] == [
        f"comment-{n}" for n in range(40, 1040)]
    assert len(soup.select("#responses ol.children")) == 4
    assert {li["class"][1] for li in soup.select("#responses li")[4:]} == {"depth-5"}


def test_responses_to_a_draft_are_kept(site):
    soup = parse(site / "drafts" / "draft-post" / "index.html")
    assert [li["id"] for li in soup.select("#responses li")] == ["comment-30"]


@pytest.mark.parametrize("listing", ["index.html", "category/general/index.html"])
def test_listings_show_a_descriptive_response_count(site, listing):
    soup = parse(site / listing)
    counts = {}
    for summary in soup.find_all("article"):
        link = summary.find("p", class_="response-count")
        title = text(summary.h2)
        counts[title] = None if link is None else (text(link.a), link.a["href"])
    assert counts["A Threaded Post"] == (
        "5 Responses to A Threaded Post", "./2011/07/threaded-post/#responses"
        if listing == "index.html" else "../../2011/07/threaded-post/#responses")
    assert counts["A Single Post"][0] == "One Response to A Single Post"
    assert counts["A Quiet Post"] is None
    hidden = soup.find("p", class_="response-count").find("span", class_="visually-hidden")
    assert hidden.get_text() == " to A Threaded Post"


def test_the_comments_file_is_never_published(site):
    assert [path for path in site.rglob("*") if "comments" in path.name] == []


def test_ignore_files_keeps_comments_out_even_if_all_content_were_static(tmp_path):
    content = tmp_path / "content"
    write_post(content, "a-post", date="2011-07-20 10:00")
    write_comments(content / "comments" / "2011.json", [record(1)])
    write_comments(content / "comments.json", [])
    (content / "notes.txt").write_text("a static file")
    output = build(content, tmp_path / "output", RESPONSES_PATH="comments",
                   STATIC_PATHS=[""]).root
    assert (output / "notes.txt").exists()  # the whole content folder was copied...
    assert [p for p in output.rglob("*") if "comments" in p.name] == []  # ...but not comments
    soup = parse(output / "2011/07/a-post/index.html")
    assert [li["id"] for li in soup.select("#responses li")] == ["comment-1"]


def test_editing_only_the_comments_changes_the_next_cached_build(tmp_path):
    content = tmp_path / "content"
    write_post(content, "cached-post", title="Cached", date="2011-07-20 10:00")
    comments = write_comments(content / "comments.json", [record(1, post="cached-post")])
    output = tmp_path / "output"
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,  # as `invoke livereload`
              "CACHE_PATH": str(tmp_path / "cache")}
    build(content, output, **cached)
    assert list((tmp_path / "cache").iterdir()) != []  # the content cache is in use
    first = parse(output / "2011/07/cached-post/index.html")
    assert [li["id"] for li in first.select("#responses li")] == ["comment-1"]
    write_comments(comments, [record(1, post="cached-post"),
                              record(2, post="cached-post", content="A new reply.")])
    build(content, output, **cached)
    second = parse(output / "2011/07/cached-post/index.html")
    assert [li["id"] for li in second.select("#responses li")] == ["comment-1", "comment-2"]
    assert second.find(id="comment-2").find(class_="comment-content").get_text().strip() == (
        "A new reply.")
    assert not (output / "comments.json").exists()


def test_bad_data_stops_the_build_with_every_problem_in_order(tmp_path):
    content = tmp_path / "content"
    write_post(content, "a-post")
    comments = write_comments(content / "comments.json", [
        record(1), record(2, post="not-a-post"), record(3, date="2011-02-30"),
        record(4, parent="404")])
    with pytest.raises(ResponsesError) as raised:
        build(content, tmp_path / "output")
    lines = comments.read_text(encoding="utf-8").splitlines()

    def line(number):
        return 1 + lines.index(f'      "id": "{number}",')

    assert str(raised.value).splitlines()[1:] == [
        f"  {comments}:{line(3)}: response 3: field 'date' \"2011-02-30\" is not a real date",
        f"  {comments}:{line(4)}: response 4: field 'parent' names no response: there is no"
        " id '404'",
        f"  {comments}:{line(2)}: response 2: field 'post' names no article: no article has"
        " the slug 'not-a-post'",
    ]
    assert not (tmp_path / "output" / "index.html").exists()


def test_bad_data_stops_an_in_process_build(tmp_path):
    content = tmp_path / "content"
    write_post(content, "a-post")
    write_comments(content / "comments.json", [record(1, post="not-a-post")])
    with pytest.raises(ResponsesError, match="field 'post' names no article"):
        build(content, tmp_path / "output")
    assert not (tmp_path / "output" / "index.html").exists()


@pytest.mark.parametrize("value", [0, -1, True, "5"])
def test_a_bad_depth_setting_stops_the_build(tmp_path, value):
    with pytest.raises(ResponsesError, match=r"^responses: 1 problem in the settings:\n  "
                       r"settings: field 'RESPONSES_MAX_DEPTH' must be a whole number >= 1$"):
        build(tmp_path, tmp_path / "output", RESPONSES_MAX_DEPTH=value)


# --- the tests' seed site: the seed post with its two responses ------------------------

RICK = [
    "Unfortunately, the medical profession is far more conservative than it should be, and the "
    "physician-patient relationship no doubt suffers for it. However, they’re not alone in this. "
    "I believe it was the state of Missouri here in the U.S. that recently made Facebook contact "
    "between teachers and students illegal.",
    "I actually read an opinion piece in support of the legislation suggesting if teachers felt "
    "the need for contact with their students outside the classroom they resort to the "
    "old-fashioned way, face-to-face. Hello! How do they think the inappropriate sexual conduct "
    "they’re decrying has taken place in the past?",
    "I spent over twenty years in the aerospace industry, the last four or five of which I "
    "struggled – mostly in vain – to get my and other organizations to utilize social media "
    "internally for greater communication and collaboration. Things are somewhat better now, but "
    "the battle rages on.",
    "I wish you luck in your endeavor to help the BMA in particular, and the medical profession "
    "in general, to accept the reality of social media’s power to enhance all our lives through "
    "greater, more honest, and more complete communication.",
]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("responses-real")
    return build(FIXTURE_CONTENT, root / "output").root


def test_the_seed_post_shows_its_two_responses_as_wordpress_did(real_site):
    soup = parse(real_site / "2011/07" / SEED_SLUG / "index.html")
    section = soup.find("section", id="responses")
    assert section.h2.get_text() == f"2 Responses to “{SEED_TITLE}”"
    items = section.find("ol", class_="commentlist").find_all("li", recursive=False)
    assert [li["id"] for li in items] == ["comment-1", "comment-2"]
    assert text(items[0].find(class_="comment-author")) == "Rick Ladd says:"
    assert [p.get_text() for p in items[0].find(class_="comment-content").find_all("p")] == RICK
    assert text(items[1].find(class_="comment-author")) == "Anonymous says:"
    assert [p.get_text() for p in items[1].find(class_="comment-content").find_all("p")] == [
        "Nice post, thank you for your information."]


def test_the_seed_post_is_listed_with_its_count(real_site):
    link = parse(real_site / "index.html").find("p", class_="response-count").a
    assert text(link) == f"2 Responses to {SEED_TITLE}"


# --- the command line ---------------------------------------------------------------------


def pelican_cli(tmp_path, *extra):
    return run_pelican(
        FIXTURE_CONTENT, "-o", tmp_path / "output",
        "-e", f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}", *extra,
        fatal="errors", env={"COLUMNS": "2000"},
    )


def test_bad_comments_make_the_cli_exit_non_zero_naming_file_id_and_field(tmp_path):
    bad = write_comments(tmp_path / "bad.json", [
        record(1, post=SEED_SLUG),
        record(2, post=SEED_SLUG, date="2011-02-30", author_email="rick@example.org")])
    result = pelican_cli(tmp_path, f"RESPONSES_PATH={json.dumps(str(bad))}")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 1, log
    assert "ResponsesError: responses: 2 problems in the comments data:" in log
    assert f"{bad}:13: response 2: field 'author_email' holds commenters' personal data" in log
    assert f"{bad}:13: response 2: field 'date' \"2011-02-30\" is not a real date" in log
    assert "rick@example.org" not in log
    assert not (tmp_path / "output" / "index.html").exists()


def test_the_cli_reads_responses_from_an_overriding_path(tmp_path):
    other = write_comments(tmp_path / "other.json", [
        record(7, post=SEED_SLUG, author="Override", content="From elsewhere.")])
    result = pelican_cli(tmp_path, f"RESPONSES_PATH={json.dumps(str(other))}")
    assert result.returncode == 0, result.stdout + result.stderr
    soup = parse(tmp_path / "output/2011/07" / SEED_SLUG / "index.html")
    assert [li["id"] for li in soup.select("#responses li")] == ["comment-7"]
    assert soup.find(id="responses").h2.get_text() == f"One Response to “{SEED_TITLE}”"
