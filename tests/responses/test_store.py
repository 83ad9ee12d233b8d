"""The comments store: where writers add records, the one conflict rule, atomic writes."""

import json

import pytest
from responses_testing import record

from responses.contract import dump_comments, make_record
from responses.store import CommentsStore, StoreError


def mailed(identifier, text="A mailed response."):
    return make_record(id=identifier, post="a-post", author="By mail", date="2026-11-30",
                       content=text)


def write(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_comments(records), encoding="utf-8")
    return path


def test_the_store_is_at_responses_path_relative_to_the_content(tmp_path):
    settings = {"PATH": str(tmp_path / "content"), "RESPONSES_PATH": None}
    assert CommentsStore.for_site(settings).path == tmp_path / "content" / "comments.json"
    settings["RESPONSES_PATH"] = "archive/comments"
    assert CommentsStore.for_site(settings).path == tmp_path / "content/archive/comments"
    assert (CommentsStore.for_site(settings, content=tmp_path / "other").path
            == tmp_path / "other/archive/comments")


def test_adding_keeps_every_existing_record_byte_for_byte_and_repeats_nothing(tmp_path):
    path = write(tmp_path / "comments.json", [record(9), record(10, parent="9")])
    before = path.read_text(encoding="utf-8")
    store = CommentsStore(path)
    result = store.add([mailed("mail-1"), record(9)], source="the mailbox a.mbox")
    assert [each["id"] for each in result.added] == ["mail-1"]
    assert [each["id"] for each in result.unchanged] == ["9"]
    after = path.read_text(encoding="utf-8")
    assert after == dump_comments([record(9), record(10, parent="9"), mailed("mail-1")])
    for each in json.loads(before)["responses"]:
        assert json.dumps(each, indent=2, ensure_ascii=False).replace("\n", "\n    ") in after
    assert store.add([mailed("mail-1")], source="the mailbox a.mbox").added == []
    assert path.read_text(encoding="utf-8") == after


def test_a_record_whose_id_is_taken_by_another_is_refused_naming_both(tmp_path):
    path = write(tmp_path / "comments.json", [record(1), record(2)])
    before = path.read_bytes()
    with pytest.raises(StoreError) as raised:
        CommentsStore(path).add([mailed("mail-9"), {**record(2), "content": "Other text."}],
                                source="the WordPress export export.xml")
    assert str(raised.value) == (
        f"{path}: response 2 is already there and differs from response 2 in the WordPress "
        "export export.xml")
    assert path.read_bytes() == before
    assert [each.name for each in tmp_path.iterdir()] == ["comments.json"]


def test_two_new_records_with_one_id_are_refused(tmp_path):
    store = CommentsStore(tmp_path / "comments.json")
    with pytest.raises(StoreError,
                       match="^the mailbox a.mbox: two different responses have the id mail-1$"):
        store.add([mailed("mail-1"), mailed("mail-1", "Other.")], source="the mailbox a.mbox")
    assert not store.path.exists()


def test_a_folder_store_reads_every_file_and_adds_to_the_last(tmp_path):
    folder = tmp_path / "comments"
    write(folder / "2011.json", [record(1)])
    write(folder / "2012.json", [record(2)])
    store = CommentsStore(folder)
    assert [each["id"] for each in store.records()] == ["1", "2"]
    store.add([mailed("mail-1"), record(1)], source="the mailbox a.mbox")
    assert (folder / "2011.json").read_text(encoding="utf-8") == dump_comments([record(1)])
    assert json.loads((folder / "2012.json").read_text(encoding="utf-8"))["responses"] == [
        record(2), mailed("mail-1")]
    empty = CommentsStore(tmp_path / "empty")
    empty.path.mkdir()
    empty.add([mailed("mail-2")], source="the mailbox a.mbox")
    assert (empty.path / "responses.json").is_file()


@pytest.mark.parametrize("text, message", [
    ('{"version": 1, "responses": [\n  {"id": "1",}\n]}', ":2: not valid JSON: "),
    ('{"version": 2, "responses": []}', ": not a valid comments file: version must be 1"),
])
def test_a_broken_file_is_named_with_its_line_and_nothing_is_written(tmp_path, text, message):
    path = tmp_path / "comments.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError, match="^" + str(path) + message):
        CommentsStore(path).add([mailed("mail-1")], source="the mailbox a.mbox")
    assert path.read_text(encoding="utf-8") == text


def test_a_file_in_another_layout_is_not_rewritten(tmp_path):
    path = tmp_path / "comments.json"
    path.write_text(json.dumps({"version": 1, "responses": [record(1)]}), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="is not in the layout the importers write"):
        CommentsStore(path).add([mailed("mail-1")], source="the mailbox a.mbox")
    assert path.read_bytes() == before


def test_a_failed_write_leaves_the_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = write(tmp_path / "comments.json", [record(1)])
    before = path.read_bytes()

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("responses.store.os.fsync", full_disk)
    with pytest.raises(StoreError, match=r"cannot be written \(No space left on device\); "
                                         "it is as it was"):
        CommentsStore(path).add([mailed("mail-1")], source="the mailbox a.mbox")
    assert path.read_bytes() == before
    assert [each.name for each in tmp_path.iterdir()] == ["comments.json"]


def test_a_new_comments_file_is_created_canonical_and_an_existing_one_is_never_replaced(tmp_path):
    path = tmp_path / "site" / "comments.json"
    CommentsStore(path).create([record(2), record(1)])
    assert path.read_text(encoding="utf-8") == dump_comments([record(1), record(2)])
    empty = CommentsStore(tmp_path / "empty.json")
    empty.create([])
    assert empty.records() == []
    with pytest.raises(StoreError) as raised:
        CommentsStore(path).create([record(3)])
    assert str(raised.value) == f"{path}: is there already; add to it instead"
    assert path.read_text(encoding="utf-8") == dump_comments([record(1), record(2)])
