"""Door 6, comments.json: a hostile comments file is refused one line per record, or rendered
inert; never a crash, never a build that takes seconds per comment.

Refusals name the file, the record's line and id, and the field, and nothing is written. The
pathological texts (well under the size cap) build, and their page holds no markup they
would inject; how long they take is measured by `invoke bench --hostile` (tools/bench), not
asserted here.
"""

import json

import pytest

from hostile.hostile_helpers import injected, payload, run, written
from sitebuild import write_post

MODES = ["build", "check"]
LONG = "(WordPress's own limit): shorten it"


def record(number, **fields):
    return {"id": str(number), "post": "good", "author": f"Reader {number}",
            "date": "2020-02-01T09:00:00-05:00", "content": f"Response {number}.", **fields}


def site_with(tmp_path, records=None, text=None):
    content = tmp_path / "content"
    write_post(content, "good", body="A post with responses.")
    path = content / "comments.json"
    path.write_text(text if text is not None else json.dumps(
        {"version": 1, "responses": records}, indent=2), encoding="utf-8")
    return content, path


def line_of(path, response_id):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1)
                if line.strip() == f'"id": "{response_id}",')


NEST = "nests its tags more than 100 deep; no comment needs that many: remove the extra tags"
REFUSED = {
    "content one character over WordPress's cap": (
        {"content": "x" * 65526}, "content", f"is 65,526 characters long; at most 65,525 {LONG}"),
    "content of a megabyte": (
        {"content": "<!--" * 250000}, "content",
        f"is 1,000,000 characters long; at most 65,525 {LONG}"),
    "author over the cap": (
        {"author": "A" * 246}, "author", f"is 246 characters long; at most 245 {LONG}"),
    "url over the cap": (
        {"url": "https://example.org/" + "a" * 181}, "url",
        f"is 201 characters long; at most 200 {LONG}"),
    "<div> nested 101 deep": ({"content": "<div>" * 101 + "x"}, "content", NEST),
    "<ul><li> nested 101 deep": ({"content": "<ul><li>" * 101 + "x"}, "content", NEST),
    "<blockquote> nested 5,000 deep": ({"content": "<blockquote>" * 5000}, "content", NEST),
    "<b> nested 20,000 deep": ({"content": "<b>" * 20000}, "content", NEST),
    "an id that is markup": (
        {"id": "7\"><script>alert(1)</script>"}, "id",
        "\"7\\\"><script>alert(1)</script>\" does not match ^[A-Za-z0-9_-]+$"),
    "a post that is a path": (
        {"post": "../../etc"}, "post", "names no article: no article has the slug '../../etc'"),
    "a type of its own": (
        {"type": "<script>"}, "type",
        "must be one of \"comment\", \"pingback\", \"trackback\", \"removed\", not "
        "\"<script>\""),
    "a date that is no date": (
        {"date": "2011-02-30T25:61"}, "date", "\"2011-02-30T25:61\" is not a real date"),
    "a date that is markup": (
        {"date": "<script>"}, "date",
        "\"<script>\" does not match ^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}"
        "(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"),
    "an e-mail address kept": (
        {"author_email": "jane@example.org"}, "author_email",
        "holds commenters' personal data (e-mail, IP address or browser), which must never be "
        "stored here; remove the field from the file"),
    "a content that is an object": (
        {"content": {"html": "<script>"}}, "content", "must be string, not object"),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_hostile_record_is_refused_in_one_line(tmp_path, case, mode):
    fields, field, message = REFUSED[case]
    content, path = site_with(tmp_path, [record(1), record(7, **fields), record(9)])
    shown_id = fields.get("id", "7")
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    line = line_of(path, json.dumps(shown_id)[1:-1])
    assert lines == [f"{path}:{line}: response {shown_id}: field '{field}' {message}"]
    assert "jane@example.org" not in "\n".join(lines)
    assert written(output) == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_json_nested_past_recursion_is_refused_in_one_line(tmp_path, depth, mode):
    content, path = site_with(tmp_path, text="[" * depth + "]" * depth)
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    assert lines == [f"{path} nests its arrays or objects too deep to be a comments file (a "
                     "record is one object of text fields)"]
    assert written(output) == []


@pytest.mark.parametrize("mode", MODES)
def test_one_bad_record_among_many_is_named_at_its_line(tmp_path, mode):
    records = [record(n) for n in range(1, 2001)]
    records[1233]["date"] = "2011-02-30"
    content, path = site_with(tmp_path, records)
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    assert lines == [f"{path}:{line_of(path, '1234')}: response 1234: field 'date' "
                     "\"2011-02-30\" is not a real date"]
    assert written(output) == []


def test_a_file_of_bad_records_is_listed_one_line_each_and_cut_short(tmp_path):
    records = [record(n, author=n) for n in range(1, 151)]
    content, path = site_with(tmp_path, records)
    output = tmp_path / "output"
    report, lines = run(content, output, "check")
    assert report.failed
    assert len(lines) == 101
    assert lines[0] == f"{path}:{line_of(path, '1')}: response 1: field 'author' must be " \
                       "string, not integer"
    assert lines[-1] == "... and 50 more"
    assert written(output) == []


# Texts that made wpautop or the sanitiser take seconds (each of thousands of starts scanned
# on to the end). Most build, their markup dropped; thousands of tag starts in a row count
# as nesting, and are refused with it.
INERT, TOO_DEEP = "builds, inert", "refused as nested too deep"
PATHOLOGICAL = {
    "<!-- repeated, with newlines": ("<!--\n" * 12800, INERT),
    "<!-- repeated": ("<!--" * 16000, INERT),
    "spaces before a newline": (" " * 63990 + "x\ny", INERT),
    "tabs before a newline": ("\t" * 63990 + "x\ny", INERT),
    "<option and spaces": ("<option>" + " " * 63900 + "x", INERT),
    "<p><li on one line": ("<p>" + "<p><li" * 10600 + "\nx</p>", INERT),
    "<": ("<" * 64000, INERT),
    "<br repeated": ("<br" * 21000, INERT),
    "<pre repeated": ("<pre" * 16000, TOO_DEEP),
    "<div without >": ("<div " * 12800, TOO_DEEP),
    "<script unclosed": ("<div>" + "<script" * 9000, TOO_DEEP),
    "<object without >": ("</object>" + "<object " * 7000, TOO_DEEP),
}


@pytest.mark.parametrize("case", PATHOLOGICAL, ids=list(PATHOLOGICAL))
def test_a_pathological_text_under_the_cap_is_inert_or_refused(tmp_path, case):
    text, outcome = PATHOLOGICAL[case]
    content, path = site_with(tmp_path, [record(1, content=text + payload("pathological"))])
    output = tmp_path / "output"
    report, lines = run(content, output, "check")
    if outcome == TOO_DEEP:
        assert report.failed
        assert lines == [f"{path}:{line_of(path, '1')}: response 1: field 'content' {NEST}"]
        assert written(output) == []
        return
    assert (report.failed, lines) == (False, [])
    from sitebuild import parse

    page = parse(output / "2020/01/good/index.html")
    assert page.select("#comment-1 .comment-content")
    assert injected(page, "pathological") == []


def test_a_response_link_that_is_not_http_is_shown_unlinked(tmp_path):
    content, _ = site_with(tmp_path, [record(1, url="javascript:alert('url')",
                                             author="Jane")])
    output = tmp_path / "output"
    report, lines = run(content, output, "check")
    assert (report.failed, lines) == (False, [])
    from sitebuild import parse

    author = parse(output / "2020/01/good/index.html").select_one("#comment-1 .comment-author")
    assert author.find("a") is None
    assert author.get_text(" ", strip=True) == "Jane says:"
