"""`invoke import-responses`: mbox and Maildir in, records appended, the rest held back."""

import json

import pytest
from mail_helpers import (
    OTHER_POST,
    POST,
    SENDER_ADDRESS,
    SENDER_NAME,
    compose,
    make_site,
    run_import,
    write_maildir,
    write_mbox,
)

from responses.contract import dump_comments
from sitebuild import run_invoke
from tools.mail.records import make_record

SUBJECT = f"Re: Patients as partners [post:{POST}]"
WRITERS = {"mbox": lambda folder, messages: write_mbox(folder / "approved.mbox", messages),
           "maildir": lambda folder, messages: write_maildir(folder / "Approved", messages)}


def responses(content):
    return json.loads((content / "comments.json").read_text(encoding="utf-8"))["responses"]


@pytest.mark.parametrize("kind", WRITERS)
def test_responses_and_replies_are_appended_with_existing_bytes_untouched(tmp_path, capsys,
                                                                          kind):
    content = make_site(tmp_path / "content")
    before = (content / "comments.json").read_bytes()
    box = WRITERS[kind](tmp_path, [
        compose(SUBJECT, "A new voice."),
        compose(f"Re: Patients as partners [post:{POST} reply:1]", "Answering Rick.", name=""),
    ])
    status, out, err = run_import(capsys, box, content)
    assert (status, err) == (0, "")
    after = (content / "comments.json").read_bytes()
    # Everything that was there is there byte for byte (numeric ids sort first, so the
    # new records follow them), in the importers' one layout.
    head, tail = before[: before.rindex(b"}\n  ]")], b"\n  ]\n}\n"
    assert after.startswith(head) and after.endswith(tail)
    assert after.decode() == dump_comments(responses(content))
    added = {record["content"]: record for record in responses(content)[2:]}
    first, reply = added["A new voice."], added["Answering Rick."]
    assert list(first) == ["id", "post", "author", "date", "content"]
    assert first["post"] == reply["post"] == POST
    assert (first["author"], first["content"]) == ("Pat Reader", "A new voice.")
    assert (reply["author"], reply["parent"], reply["content"]) == ("", "1", "Answering Rick.")
    # 15:30 UTC is 10:30 in New York in December.
    assert first["date"] == "2026-12-01T10:30:00-05:00"
    assert first["id"].startswith("mail-") and not first["id"].removeprefix("mail-").isdigit()
    assert "2 new responses added" in out


def test_importing_the_same_mailbox_again_adds_nothing(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    box = write_mbox(tmp_path / "a.mbox", [compose(SUBJECT, "Once."),
                                           compose(SUBJECT, "No Message-ID.", message_id=False)])
    assert run_import(capsys, box, content)[0] == 0
    once = (content / "comments.json").read_bytes()
    status, out, _ = run_import(capsys, box, content)
    assert status == 0
    assert (content / "comments.json").read_bytes() == once
    assert "0 new responses added" in out and "2 already there" in out


def test_a_message_sent_again_with_a_new_message_id_is_added_once(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    run_import(capsys, write_mbox(tmp_path / "one.mbox", [compose(SUBJECT, "Worth saying.")]),
               content)
    first_id = responses(content)[-1]["id"]
    # Forwarded again by an editor: a new Message-ID, the spacing changed on the way. The
    # same words under another name, or on another post, are someone else's response.
    again = compose(SUBJECT, "Worth  saying.\n", date="Wed, 02 Dec 2026 09:00:00 +0000")
    box = write_mbox(tmp_path / "two.mbox", [
        again, compose(SUBJECT, "Worth saying.", name=" Sam Other"),
        compose(f"Re: Second opinions [post:{OTHER_POST}]", "Worth saying.")])
    status, out, err = run_import(capsys, box, content)
    assert (status, err) == (0, "")
    kept = sorted((record["post"], record["author"]) for record in responses(content)
                  if record["content"].strip() == "Worth saying.")
    assert kept == [(POST, "Pat Reader"), (POST, "Sam Other"), (OTHER_POST, "Pat Reader")]
    assert "2 new responses added" in out
    assert out.split("Sent again (1), not added twice:\n")[1].splitlines()[0] == (
        f"  2026-12-02 04:00  “{SUBJECT}”: the same name and text as "
        f"#comment-{first_id} on {POST}")


def test_posts_in_every_markdown_file_pelican_reads_can_be_responded_to(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    (content / "posts" / "longer-name.markdown").write_text(
        "Title: Longer name\nDate: 2020-03-01 10:00\nCategory: general\n\nText.\n",
        encoding="utf-8")
    box = write_mbox(tmp_path / "a.mbox", [compose("Re: Longer name [post:longer-name]", "Hi.")])
    assert run_import(capsys, box, content)[0] == 0
    assert responses(content)[-1]["post"] == "longer-name"


def test_the_date_is_in_the_timezone_given(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    box = write_mbox(tmp_path / "a.mbox", [compose(SUBJECT, date="Tue, 1 Dec 2026 23:30:00 -0800")])
    run_import(capsys, box, content, timezone="Europe/Berlin")
    assert responses(content)[-1]["date"] == "2026-12-02T08:30:00+01:00"


def test_a_reply_to_a_response_imported_in_the_same_run_lands_under_it(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    first = compose(SUBJECT, "First.")
    box_one = write_mbox(tmp_path / "one.mbox", [first])
    run_import(capsys, box_one, content)
    first_id = responses(content)[-1]["id"]
    box_two = write_mbox(tmp_path / "two.mbox", [
        compose(f"Re: Patients as partners [post:{POST} reply:{first_id}]", "Second.")])
    assert run_import(capsys, box_two, content)[0] == 0
    assert next(record for record in responses(content)
                if record["content"] == "Second.")["parent"] == first_id


HELD_BACK = {
    "no tag": (compose("Re: Patients as partners", "Text."), "names no post"),
    "unknown post": (compose("Re: Gone [post:no-such-post]", "Text."), "does not have"),
    "reply on another post": (
        compose(f"Re: Patients as partners [post:{POST} reply:2]", "Text."),
        f"on another post ('{OTHER_POST}')"),
    "unknown parent": (compose(f"Re: x [post:{POST} reply:999]", "Text."), "not in the comments"),
    "no text": (compose(SUBJECT, "> only a quote\n\n-- \nsignature"), "no text left"),
    "e-mail address": (compose(SUBJECT, "Write to me at pat@example.com please."),
                       "personal data (an e-mail address)"),
    "phone number": (compose(SUBJECT, "Call me on +1 (617) 555-0100."),
                     "personal data (a phone number)"),
    "local phone number": (compose(SUBJECT, "Ring 555-0100 after six."), "a phone number"),
    "name is an address": (compose(SUBJECT, "Fine.", name=" pat@example.com"),
                           "an e-mail address"),
    "spam": (compose(SUBJECT, "Buy now.", headers={"X-Spam-Flag": "YES"}), "spam"),
}


@pytest.mark.parametrize("kind", WRITERS)
def test_every_held_back_case_is_named_by_date_and_subject_and_exits_1(tmp_path, capsys, kind):
    content = make_site(tmp_path / "content")
    messages = [message for message, _ in HELD_BACK.values()]
    box = WRITERS[kind](tmp_path, [*messages, compose(SUBJECT, "The one good message.")])
    status, out, err = run_import(capsys, box, content)
    assert status == 1
    assert [record["content"] for record in responses(content)[2:]] == ["The one good message."]
    held = out.split("Held back (10), not written:\n")[1].splitlines()
    assert len(held) == len(HELD_BACK)
    for message, reason in HELD_BACK.values():
        matching = [line for line in held if f"“{message['Subject']}”" in line and reason in line]
        assert matching, (reason, held)
        assert matching[0].startswith("  2026-12-01 10:30  ")
    for secret in (SENDER_ADDRESS, SENDER_NAME, "192.0.2.44"):
        assert secret not in out + err


def test_the_invoke_task_reports_and_exits_1_when_anything_is_held_back(tmp_path):
    content = make_site(tmp_path / "content")
    box = write_mbox(tmp_path / "a.mbox", [compose(SUBJECT, "Good."),
                                           compose("Re: no tag", "Lost.")])
    result = run_invoke("import-responses", "--mailbox", box, "--content", content)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 new responses added" in result.stdout
    assert "“Re: no tag”: the subject names no post" in result.stdout
    assert [record["content"] for record in responses(content)[2:]] == ["Good."]


def test_years_and_ordinary_numbers_are_not_phone_numbers(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    text = "From 2011-2012 about 1,500 of 20000 patients; see page 12."
    box = write_mbox(tmp_path / "a.mbox", [compose(SUBJECT, text)])
    assert run_import(capsys, box, content)[0] == 0
    assert responses(content)[-1]["content"] == text


@pytest.mark.parametrize("make_bad", [
    lambda folder: (folder / "notes.txt", "Dear editors, this is not a mailbox.\n"),
    lambda folder: (folder / "export.json", '{"version": 1}\n'),
])
def test_a_file_that_is_not_a_mailbox_is_named_and_nothing_is_written(tmp_path, capsys,
                                                                       make_bad):
    content = make_site(tmp_path / "content")
    before = (content / "comments.json").read_bytes()
    path, text = make_bad(tmp_path)
    path.write_text(text, encoding="utf-8")
    status, out, err = run_import(capsys, path, content)
    assert status == 1
    assert str(path) in err and "not an mbox file" in err and "nothing was written" in err
    assert (content / "comments.json").read_bytes() == before


def test_a_folder_that_is_not_a_maildir_is_named(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    (tmp_path / "folder").mkdir()
    status, _, err = run_import(capsys, tmp_path / "folder", content)
    assert status == 1 and "folder" in err and "not a Maildir" in err


@pytest.mark.parametrize(("broken", "expected"), [
    ('{"version": 1, "responses": [\n  {"id": "1",\n}', ":3: not valid JSON: "),
    ('{"version": 1, "responses": [{"id": "1"}]}', ": not a valid comments file: "),
])
def test_a_broken_comments_file_is_named_and_nothing_is_written(tmp_path, capsys, broken,
                                                                 expected):
    content = make_site(tmp_path / "content")
    (content / "comments.json").write_text(broken, encoding="utf-8")
    box = write_mbox(tmp_path / "a.mbox", [compose(SUBJECT, "Lost?")])
    status, out, err = run_import(capsys, box, content)
    assert (status, out) == (1, "")
    assert err.startswith(f"import-responses: {content / 'comments.json'}{expected}")
    assert err.rstrip().endswith("nothing was written.")
    assert (content / "comments.json").read_text(encoding="utf-8") == broken


def test_a_missing_comments_file_is_created_in_the_importers_layout(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    (content / "comments.json").unlink()
    box = write_mbox(tmp_path / "a.mbox", [compose(SUBJECT, "First ever.")])
    assert run_import(capsys, box, content)[0] == 0
    assert (content / "comments.json").read_text(encoding="utf-8") == dump_comments(
        responses(content))


def test_markup_is_stored_as_text(tmp_path):
    record = make_record("mail-abc", POST, None, "Pat", "2026-12-01T10:30:00-05:00", "<b>hi</b>")
    assert record["content"] == "&lt;b&gt;hi&lt;/b&gt;"
