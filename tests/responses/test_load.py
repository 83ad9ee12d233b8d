"""Load stage: where the comments are, how files merge, and what parsing reports."""

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from responses_testing import SLUGS, problems_for, read_responses, record, settings, write_comments

from responses.problems import Problem, ResponsesError
from responses.store import resolve_path


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


def test_json_syntax_error_names_line_and_column(tmp_path):
    text = '{"version": 1,\n "responses": [\n  {"id": "1",, "post": "a-post"}\n ]}\n'
    [problem] = problems_for(tmp_path, text=text)
    assert problem == Problem(str(tmp_path / "comments.json"), line=3, column=14,
                              message="is not valid JSON: Expecting property name enclosed in "
                                      "double quotes")
    assert str(problem).startswith(f"{tmp_path / 'comments.json'}:3:14 is not valid JSON")


def test_a_field_repeated_in_one_record(tmp_path):
    text = ('{"version": 1, "responses": [\n{"id": "1", "post": "a-post", "author": "A",\n'
            ' "date": "2011-07-21", "content": "x", "content": "y"}]}')
    [problem] = problems_for(tmp_path, text=text)
    assert problem == Problem(str(tmp_path / "comments.json"), 2, "1", "content",
                              "appears more than once in the same record")
