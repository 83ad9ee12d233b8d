"""Validate stage: every bad record stops the build, each problem named exactly."""

import pytest
from responses_testing import (
    SLUGS,
    content,
    line_of,
    problems_for,
    read_responses,
    record,
    settings,
    write_comments,
)

from responses.problems import MAX_LISTED, Problem, ResponsesError


@pytest.mark.parametrize("text,message", [
    ('[{"id": "1"}]', 'top level must be an object {"version": 1, "responses": [...]}, not array'),
    ('{"responses": []}', "is required but missing"),
    ('{"version": 2, "responses": []}', "must be 1"),
    ('{"version": true, "responses": []}', "must be 1"),
    ('{"version": 1, "responses": {}}', "must be array, not object"),
    ('{"version": 1, "responses": [], "comments": []}', "is not allowed (allowed fields: version, "
                                                        "responses)"),
], ids=["array", "no version", "version 2", "version true", "responses object", "extra key"])
def test_top_level_must_be_the_versioned_object(tmp_path, text, message):
    [problem] = problems_for(tmp_path, text=text)
    assert problem.file == str(tmp_path / "comments.json")
    assert problem.response_id is None
    assert problem.message == message


@pytest.mark.parametrize("field", ["id", "post", "author", "date", "content"])
def test_missing_required_field(tmp_path, field):
    responses = [record(1), record(2, **{field: None}), record(3)]
    [problem] = problems_for(tmp_path, responses)
    shown_id = "#2 (no valid id)" if field == "id" else "2"
    assert (problem.response_id, problem.field, problem.message) == (
        shown_id, field, "is required but missing")


@pytest.mark.parametrize("field,value,message", [
    ("author", 5, "must be string, not integer"),
    ("content", ["x"], "must be string, not array"),
    ("parent", 1, "must be string or null, not integer"),
    ("url", False, "must be string, not boolean"),
    ("type", "ping", 'must be one of "comment", "pingback", "trackback", "removed", not "ping"'),
    ("date", "21/07/2011", '"21/07/2011" does not match'),
    ("post", "", "must not be empty"),
])
def test_mistyped_field(tmp_path, field, value, message):
    path = tmp_path / "comments.json"
    [problem] = problems_for(tmp_path, [record(1), record(2, **{field: value})])
    assert (problem.file, problem.line, problem.response_id, problem.field) == (
        str(path), line_of(path, '"id": "2"'), "2", field)
    assert problem.message.startswith(message)


def test_an_id_that_is_not_a_string_is_named_by_position(tmp_path):
    [problem] = problems_for(tmp_path, [record(1), {**record(2), "id": 2}])
    assert (problem.line, problem.response_id, problem.field, problem.message) == (
        None, "#2 (no valid id)", "id", "must be string, not integer")


def test_an_impossible_date_is_reported_with_the_other_problems_of_its_record(tmp_path):
    problems = problems_for(tmp_path, [{**record(1, date="2011-02-30"), "id": 1}])
    assert [(p.response_id, p.field, p.message) for p in problems] == [
        ("#1 (no valid id)", "id", "must be string, not integer"),
        ("#1 (no valid id)", "date", '"2011-02-30" is not a real date'),
    ]


def test_a_record_that_is_not_an_object(tmp_path):
    [problem] = problems_for(tmp_path, [record(1), "hello"])
    assert (problem.response_id, problem.field, problem.message) == (
        "#2 (no valid id)", None, "must be object, not string (each response must be an object)")


def test_unknown_field(tmp_path):
    [problem] = problems_for(tmp_path, [record(1, rating=5)])
    assert (problem.response_id, problem.field, problem.message) == (
        "1", "rating",
        "is not allowed (allowed fields: id, post, parent, type, author, url, date, content)")


PERSONAL_FIELDS = ["email", "author_email", "comment_author_email", "e-mail", "Email",
                   "ip", "author_IP", "comment_author_IP", "ip_address", "authorIp",
                   "user_agent", "agent", "comment_agent", "User-Agent", "userAgent"]


@pytest.mark.parametrize("field", PERSONAL_FIELDS)
def test_personal_data_gets_its_own_message_without_the_value(tmp_path, field):
    secret = "rick.ladd@example.org 192.0.2.44 Mozilla/5.0"
    problems = problems_for(tmp_path, [record(1, **{field: secret})])
    [problem] = problems
    assert (problem.response_id, problem.field) == ("1", field)
    assert problem.message == (
        "holds commenters' personal data (e-mail, IP address or browser), which must never be "
        "stored here; remove the field from the file")
    error_text = str(ResponsesError(problems))
    for part in secret.split():
        assert part not in error_text


@pytest.mark.parametrize("date", ["2011-02-30", "2011-13-01", "2011-07-21T25:00:00-04:00",
                                  "2011-02-29T10:00:00"])
def test_a_date_that_is_not_a_real_date(tmp_path, date):
    path = tmp_path / "comments.json"
    [problem] = problems_for(tmp_path, [record(1), record(7, date=date)])
    assert problem == Problem(str(path), line_of(path, '"id": "7"'), "7", "date",
                              f'"{date}" is not a real date')


def test_two_responses_share_an_id(tmp_path):
    path = tmp_path / "comments.json"
    [problem] = problems_for(tmp_path, [record(1), record(2), {**record(3), "id": "1"}])
    assert problem == Problem(str(path), line_of(path, '"id": "1"', occurrence=1), "1", "id",
                              f"is used twice; first in {path}")


def test_an_id_shared_across_files(tmp_path):
    folder = tmp_path / "comments"
    write_comments(folder / "2011.json", [record(1)])
    write_comments(folder / "2012.json", [record(1, date="2012-01-01")])
    with pytest.raises(ResponsesError) as raised:
        read_responses(settings(tmp_path, "comments"), SLUGS)
    [problem] = raised.value.problems
    second = folder / "2012.json"
    assert problem == Problem(str(second), line_of(second, '"id"'), "1", "id",
                              f"is used twice; first in {folder / '2011.json'}")


def test_post_names_no_article(tmp_path):
    path = tmp_path / "comments.json"
    [problem] = problems_for(tmp_path, [record(1), record(2, post="no-such-post")])
    assert problem == Problem(str(path), line_of(path, '"id": "2"'), "2", "post",
                              "names no article: no article has the slug 'no-such-post'")


def test_responses_to_drafts_are_kept(tmp_path):
    write_comments(tmp_path / "comments.json", [record(1, post="a-draft")])
    threads, _ = read_responses(settings(tmp_path), content("a-draft"))
    assert [response.id for response in threads["a-draft"]] == ["1"]


def test_parent_names_no_response(tmp_path):
    path = tmp_path / "comments.json"
    [problem] = problems_for(tmp_path, [record(1), record(2, parent="99")])
    assert problem == Problem(str(path), line_of(path, '"id": "2"'), "2", "parent",
                              "names no response: there is no id '99'")


def test_parent_on_another_post(tmp_path):
    [problem] = problems_for(tmp_path, [record(1), record(2, post="b-post", parent="1")])
    assert (problem.response_id, problem.field, problem.message) == (
        "2", "parent", "names response '1', which is on post 'a-post', not 'b-post'")


def test_parents_forming_a_cycle(tmp_path):
    path = tmp_path / "comments.json"
    problems = problems_for(tmp_path, [
        record(1), record(2, parent="3"), record(3, parent="4"), record(4, parent="2"),
        record(5, parent="5"), record(6, parent="2")])
    assert problems == [
        Problem(str(path), line_of(path, '"id": "2"'), "2", "parent",
                "makes a cycle of replies: 2 → 3 → 4 → 2"),
        Problem(str(path), line_of(path, '"id": "5"'), "5", "parent",
                "makes a cycle of replies: 5 → 5"),
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "comments.json"
    problems = problems_for(tmp_path, [
        record(1, email="x@example.org"), record(2, date="2011-02-30"),
        record(3, post="gone"), record(4, parent="1"), record(5, parent="404"),
        record(6, author=None)])
    # Posts are checked last: only then has Pelican read them.
    assert [(p.response_id, p.field) for p in problems] == [
        ("1", "email"), ("6", "author"), ("2", "date"), ("5", "parent"), ("3", "post")]
    message = str(ResponsesError(problems))
    assert message.startswith("responses: 5 problems in the comments data:\n")
    date_line = line_of(path, '"id": "2"')
    expected = f"{path}:{date_line}: response 2: field 'date' \"2011-02-30\" is not a real date"
    assert f"\n  {expected}\n" in message


def test_a_long_list_of_problems_is_shortened():
    problems = [Problem("c.json", response_id=str(n), field="post", message="x")
                for n in range(MAX_LISTED + 7)]
    message = str(ResponsesError(problems))
    assert message.count("\n") == MAX_LISTED + 1
    assert message.endswith("\n  ... and 7 more")
