"""The contract module: one schema, checked fast and explained in full; records built,
checked and written the same way by every writer."""

import json

import jsonschema
import pytest
from responses_testing import record

from responses.contract import (
    SCHEMA,
    ContractError,
    dump_comments,
    make_record,
    record_errors,
    schema_errors,
)

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
    schema["$defs"]["response"]["properties"]["author"]["not"] = {"const": "Refused"}
    document = {"version": 1, "responses": [record(1, author="Refused")]}
    explain = jsonschema.Draft202012Validator(schema)
    [error] = explain.iter_errors(document)
    assert contract._messages(error) == [
        (("responses", 0, "author"), "breaks the schema's 'not' rule")]


# --- building and writing records: the importers' and the generator's way -----------------


def test_make_record_writes_fields_in_the_contracts_order_and_leaves_out_defaults():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    made = make_record(id="7", post="about", author="A reader", content="Thanks.",
                       date=datetime(2026, 11, 30, 9, 0, tzinfo=ZoneInfo("America/New_York")),
                       type="comment", parent=None, url="")
    assert list(made) == ["id", "post", "author", "date", "content"]
    assert made["date"] == "2026-11-30T09:00:00-05:00"
    reply = make_record(id="8", post="about", parent="7", type="pingback", author="A blog",
                        url="https://blog.example/", date="2026-11-30", content="[…]")
    assert list(reply) == ["id", "post", "parent", "type", "author", "url", "date", "content"]


@pytest.mark.parametrize("fields,message", [
    ({"id": "a b"}, "response a b: field 'id' \"a b\" does not match"),
    ({"type": "like"}, "field 'type' must be one of"),
    ({"date": "30/11/2026"}, "field 'date' \"30/11/2026\" does not match"),
    ({"post": ""}, "field 'post' must not be empty"),
    ({"author": None}, "field 'author' must be string, not null"),
    ({"colour": "red"}, "field 'colour' is not allowed (allowed fields: id, post, parent,"),
])
def test_make_record_refuses_what_the_build_would_refuse(fields, message):
    values = {"id": "1", "post": "about", "author": "A", "date": "2026-11-30", "content": "x",
              **fields}
    with pytest.raises(ContractError, match=message.replace("(", r"\(")):
        make_record(**values)


def test_record_errors_name_personal_data_without_its_value():
    errors = record_errors({**record(1), "author_email": "someone@example.org"})
    assert errors == [(("author_email",), "holds commenters' personal data (e-mail, IP address "
                                          "or browser), which must never be stored here; "
                                          "remove the field from the file")]
    assert "someone@example.org" not in repr(errors)
    assert record_errors(record(1)) == []


def test_dump_comments_is_canonical_and_appending_keeps_every_existing_record_as_it_was(
        tmp_path):
    old = [record(10, post="about"), record(9, parent=None), record(100, post="about",
                                                                    parent="10")]
    text = dump_comments(old)
    assert text == dump_comments(list(reversed(old)))  # the same records, the same bytes
    assert [r["id"] for r in json.loads(text)["responses"]] == ["9", "10", "100"]
    path = tmp_path / "comments.json"
    path.write_text(text, encoding="utf-8")
    new = make_record(id="m-2026-11-30-1", post="about", author="By mail", date="2026-11-30",
                      content="A mailed response.")
    appended = dump_comments([*json.loads(path.read_text(encoding="utf-8"))["responses"], new])
    for each in json.loads(text)["responses"]:
        block = json.dumps(each, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        assert "    " + block in appended
    assert json.loads(appended)["responses"][-1] == new


def test_dump_comments_refuses_a_bad_record():
    with pytest.raises(ContractError, match=r"responses\.0\.email holds commenters' personal"):
        dump_comments([{**record(1), "email": "x@example.org"}])

