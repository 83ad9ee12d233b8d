"""Loading and validating comments data: every problem stops the build, named exactly."""

import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from responses_testing import record, write_comments

from responses.contract import SCHEMA, schema_errors
from responses.load import resolve_path
from responses.problems import MAX_LISTED, Problem, ResponsesError
from responses.responses import read_responses


def content(*slugs):
    """What the plugin knows of the site: slug -> the articles and pages with it."""
    return {slug: ["article"] for slug in slugs}


SLUGS = content("a-post", "b-post")


def settings(tmp_path, path=None, **extra):
    return {"PATH": str(tmp_path), "RESPONSES_PATH": path, "TIMEZONE": "America/New_York",
            "RESPONSES_MAX_DEPTH": 5, **extra}


def problems_for(tmp_path, responses=None, text=None, slugs=SLUGS):
    """The problems read_responses raises for one comments.json (must raise)."""
    path = tmp_path / "comments.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    else:
        write_comments(path, responses)
    with pytest.raises(ResponsesError) as raised:
        read_responses(settings(tmp_path), slugs)
    return raised.value.problems


def line_of(path, needle, occurrence=0):
    """1-based line of the first (or n-th) line containing `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if needle in line][occurrence]


# --- loading ---------------------------------------------------------------------------


def test_a_file_loads_in_file_order_with_its_dates(tmp_path):
    write_comments(tmp_path / "comments.json", [
        record(1, date="2011-07-21T09:14:00-04:00"), record(2, author="", parent="1")])
    threads, responses = read_responses(settings(tmp_path), SLUGS)
    assert [response.id for response in responses] == ["1", "2"]
    assert responses[0].date == datetime(2011, 7, 21, 9, 14, tzinfo=timezone(timedelta(hours=-4)))
    assert responses[1].author == ""
    assert responses[1].parent_response is responses[0]
    assert threads["a-post"] == [responses[0]]


def test_default_location_is_comments_json_in_the_content_folder(tmp_path):
    assert resolve_path(None, str(tmp_path)) == tmp_path / "comments.json"
    assert resolve_path("archive/comments", str(tmp_path)) == tmp_path / "archive/comments"
    assert resolve_path("/srv/comments.json", str(tmp_path)).as_posix() == "/srv/comments.json"


def test_no_file_at_the_default_location_means_no_responses(tmp_path):
    assert read_responses(settings(tmp_path), SLUGS) == ({}, [])


def test_a_path_that_is_set_must_exist(tmp_path):
    with pytest.raises(ResponsesError) as raised:
        read_responses(settings(tmp_path, "missing.json"), SLUGS)
    [problem] = raised.value.problems
    assert problem == Problem(str(tmp_path / "missing.json"), field="RESPONSES_PATH",
                              message="does not exist")


def test_a_folder_of_files_is_merged_in_name_order(tmp_path):
    folder = tmp_path / "comments"
    write_comments(folder / "2012.json", [record(3, date="2012-01-01")])
    write_comments(folder / "2011.json", [record(1, date="2011-01-01"), record(2, parent="1")])
    (folder / "notes.txt").write_text("not data")
    threads, responses = read_responses(settings(tmp_path, "comments"), SLUGS)
    assert [response.id for response in responses] == ["1", "2", "3"]
    assert [response.source for response in responses] == [
        str(folder / "2011.json"), str(folder / "2011.json"), str(folder / "2012.json")]
    assert [response.id for response in threads["a-post"]] == ["1", "3"]
    assert [child.id for child in threads["a-post"][0].children] == ["2"]


def test_dates_without_time_or_offset_are_in_the_site_timezone(tmp_path):
    write_comments(tmp_path / "comments.json", [
        record(1, date="2011-07-21"), record(2, date="2011-07-21T09:14"),
        record(3, date="2011-07-21T13:14:00Z")])
    _, (date_only, naive, utc) = read_responses(settings(tmp_path), SLUGS)
    new_york = ZoneInfo("America/New_York")
    assert (date_only.date, date_only.has_time) == (datetime(2011, 7, 21, tzinfo=new_york), False)
    assert (naive.date, naive.has_time) == (datetime(2011, 7, 21, 9, 14, tzinfo=new_york), True)
    assert utc.date == datetime(2011, 7, 21, 13, 14, tzinfo=UTC)


# --- one problem each: file, line, id, field, message ------------------------------------


def test_json_syntax_error_names_line_and_column(tmp_path):
    text = '{"version": 1,\n "responses": [\n  {"id": "1",, "post": "a-post"}\n ]}\n'
    [problem] = problems_for(tmp_path, text=text)
    assert problem == Problem(str(tmp_path / "comments.json"), line=3, column=14,
                              message="is not valid JSON: Expecting property name enclosed in "
                                      "double quotes")
    assert str(problem).startswith(f"{tmp_path / 'comments.json'}:3:14 is not valid JSON")


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
    ("type", "ping", 'must be one of "comment", "pingback", "trackback", not "ping"'),
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


def test_a_field_repeated_in_one_record(tmp_path):
    text = ('{"version": 1, "responses": [\n{"id": "1", "post": "a-post", "author": "A",\n'
            ' "date": "2011-07-21", "content": "x", "content": "y"}]}')
    [problem] = problems_for(tmp_path, text=text)
    assert problem == Problem(str(tmp_path / "comments.json"), 2, "1", "content",
                              "appears more than once in the same record")


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


# --- the schema file is the contract; the fast check and the detailed one agree ----------

SEED = {"version": 1, "responses": [
    record(1, post="a-seed", url="https://example.org/", date="2011-07-21T09:14:00-04:00",
           content="First paragraph.\n\nSecond,\nwith <em>some</em> HTML."),
    record(2, post="a-seed", author="", date="2011-07-22")]}
BAD_DOCUMENTS = {
    "top array": [],
    "no version": {"responses": []},
    "version 2": {"version": 2, "responses": []},
    "version true": {"version": True, "responses": []},
    "extra top key": {"version": 1, "responses": [], "x": 1},
    "record string": {"version": 1, "responses": ["x"]},
    "missing id": {"version": 1, "responses": [record(1, id=None)]},
    "integer id": {"version": 1, "responses": [record(1, id=1)]},
    "id with space": {"version": 1, "responses": [record(1, id="1 2")]},
    "empty post": {"version": 1, "responses": [record(1, post="")]},
    "bad type": {"version": 1, "responses": [record(1, type="like")]},
    "parent int": {"version": 1, "responses": [record(1, parent=3)]},
    "parent bad": {"version": 1, "responses": [record(1, parent="<x>")]},
    "date words": {"version": 1, "responses": [record(1, date="July 21, 2011")]},
    "date no zero pad": {"version": 1, "responses": [record(1, date="2011-7-21")]},
    "email": {"version": 1, "responses": [record(1, email="a@b.org")]},
    "url null": {"version": 1, "responses": [record(1, url=None) | {"url": None}]},
    "content number": {"version": 1, "responses": [record(1, content=3)]},
}
GOOD_DOCUMENTS = {
    "seed": SEED,
    "empty": {"version": 1, "responses": []},
    "all fields": {"version": 1, "responses": [
        record(1, url="https://example.org/", parent=None),
        record(2, parent="1", type="pingback", date="2011-07-21T10:00:00.123456Z")]},
    "minimal": {"version": 1, "responses": [record(1, type=None, date="2011-07-21")]},
    "version 1.0": {"version": 1.0, "responses": []},
}


def test_the_schema_file_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_bad_documents_are_refused_by_jsonschema_and_by_the_build(name):
    document = BAD_DOCUMENTS[name]
    assert not jsonschema.Draft202012Validator(SCHEMA).is_valid(document)
    assert schema_errors(document) != []


@pytest.mark.parametrize("name", GOOD_DOCUMENTS)
def test_good_documents_are_accepted_by_jsonschema_and_by_the_build(name):
    document = GOOD_DOCUMENTS[name]
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert schema_errors(document) == []


def test_a_rule_added_to_the_schema_file_is_enforced_without_other_code():
    # Every error message maps a JSON Schema keyword; a new keyword is still refused.
    from responses import contract

    schema = json.loads(json.dumps(SCHEMA))
    schema["$defs"]["response"]["properties"]["author"]["maxLength"] = 3
    document = {"version": 1, "responses": [record(1, author="Too long")]}
    explain = jsonschema.Draft202012Validator(schema)
    [error] = explain.iter_errors(document)
    assert contract._messages(error) == [
        (("responses", 0, "author"), "breaks the schema's 'maxLength' rule")]
