"""Hostile input at the reader-mail door (`invoke import-responses`): each case is held back
or skipped with one line of the report, or refused, and nothing of it is written.

Personal data in disguise (in the text and on the name line), spam flags, a reused
Message-ID, oversized text and mail, what a Maildir should not hold, MIME nested to exhaust
the parser, a subject naming a path, and a write that fails.
"""

import errno
import json
import os

import pytest
from mail.mail_helpers import (
    POST,
    compose,
    make_site,
    run_import,
    stored,
    write_maildir,
    write_mbox,
)

SUBJECT = f"Re: Patients as partners [post:{POST}]"
GOOD = "The one good message."
EMAIL = "personal data (an e-mail address)"
PHONE = "personal data (a phone number)"

DISGUISED_TEXT = {
    "spelled out": ("Write to jane at example dot com.", EMAIL),
    "[at] [dot]": ("jane [at] example [dot] com", EMAIL),
    "(at)": ("jane(at)example.com", EMAIL),
    "{AT} {DOT}": ("JANE {AT} EXAMPLE {DOT} COM", EMAIL),
    "spaced @": ("jane @ example.com", EMAIL),
    "full-width ＠": ("jane＠example.com", EMAIL),
    "all full-width": ("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", EMAIL),
    "%40": ("jane%40example.com", EMAIL),
    "&#64;": ("jane&#64;example.org", EMAIL),
    "zero-width space": ("jane@\u200bexample.com", EMAIL),
    "en dashes": ("Call 617–555–0100.", PHONE),
    "em dashes": ("Call 617—555—0100", PHONE),
    "slashes": ("617/555/0100", PHONE),
    "dots": ("617.555.0100", PHONE),
    "underscores": ("617_555_0100", PHONE),
    "spaces": ("617 555 0100", PHONE),
    "letter O for zero": ("617-555-O1OO", PHONE),
    "local, then a full stop": ("Ring 555-0100.", PHONE),
    "local with an en dash, then !": ("Ring 555–0100!", PHONE),
    "brackets and punctuation": ("(617) 555-0100!", PHONE),
    "international, then ;": ("+44 20 7946 0958; evenings", PHONE),
    "full-width digits": ("０６１７５５５０１００", PHONE),
}
DISGUISED_NAMES = {
    "name spelled out": (" jane at example dot com", "the name looks like it holds " + EMAIL),
    "name with a phone": (" Pat 617–555–0100", "the name looks like it holds " + PHONE),
}


def responses(content):
    return json.loads((content / "comments.json").read_text(encoding="utf-8"))["responses"]


def import_with_one_good(tmp_path, capsys, message):
    """Import `message` beside one good message; (status, report, errors, content)."""
    content = make_site(tmp_path / "content")
    box = write_mbox(tmp_path / "a.mbox", [message, compose(SUBJECT, GOOD)])
    status, out, err = run_import(capsys, box, content)
    assert [record["content"] for record in responses(content)[2:]] == [GOOD]
    return status, out, err, content


def held_lines(out):
    return out.split("not written:\n", 1)[1].splitlines() if "not written:\n" in out else []


@pytest.mark.parametrize("case", DISGUISED_TEXT)
def test_personal_data_in_disguise_is_held_back(tmp_path, capsys, case):
    text, reason = DISGUISED_TEXT[case]
    status, out, err, _ = import_with_one_good(tmp_path, capsys, compose(SUBJECT, text))
    assert (status, err) == (1, "")
    assert held_lines(out) == [f"  2026-12-01 10:30  “{SUBJECT}”: the text looks like it "
                               f"holds {reason}"]


@pytest.mark.parametrize("case", DISGUISED_NAMES)
def test_the_name_line_gets_the_same_checks(tmp_path, capsys, case):
    name, reason = DISGUISED_NAMES[case]
    status, out, _, content = import_with_one_good(
        tmp_path, capsys, compose(SUBJECT, "Harmless text.", name=name))
    assert status == 1 and held_lines(out) == [f"  2026-12-01 10:30  “{SUBJECT}”: {reason}"]
    assert "jane" not in (content / "comments.json").read_text().lower()


@pytest.mark.parametrize("flags", [("NO", "YES"), ("yes",), ("YES, score=9.1",)])
def test_every_spam_flag_is_read(tmp_path, capsys, flags):
    message = compose(SUBJECT, "Cheap pills.")
    for flag in flags:
        message["X-Spam-Flag"] = flag
    status, out, _, _ = import_with_one_good(tmp_path, capsys, message)
    assert status == 1
    assert held_lines(out) == [f"  2026-12-01 10:30  “{SUBJECT}”: flagged as spam "
                               "(X-Spam-Flag: YES)"]


def test_a_known_message_id_with_other_text_is_named_not_skipped(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    first = compose(SUBJECT, "What I really said.")
    run_import(capsys, write_mbox(tmp_path / "one.mbox", [first]), content)
    before = (content / "comments.json").read_bytes()
    record_id = responses(content)[-1]["id"]
    forged = compose(SUBJECT, "Words put in my mouth.", message_id=False,
                     headers={"Message-ID": first["Message-ID"]})
    status, out, _ = run_import(capsys, write_mbox(tmp_path / "two.mbox", [forged]), content)
    assert status == 1
    assert held_lines(out) == [
        f"  2026-12-01 10:30  “{SUBJECT}”: its Message-ID was imported before as "
        f"#comment-{record_id}, with other text; the response there is left as it is"]
    assert (content / "comments.json").read_bytes() == before


def test_a_response_longer_than_the_cap_is_held_back(tmp_path, capsys):
    status, out, _, _ = import_with_one_good(tmp_path, capsys,
                                             compose(SUBJECT, "word " * 5000))
    assert status == 1 and held_lines(out) == [
        f"  2026-12-01 10:30  “{SUBJECT}”: the text is 24,999 characters long, more than the "
        "20,000 a response may have"]


def test_a_subject_naming_a_path_names_no_post(tmp_path, capsys):
    status, out, _, _ = import_with_one_good(
        tmp_path, capsys, compose("Re: x [post:../../index]", "Text."))
    assert status == 1 and held_lines(out) == [
        "  2026-12-01 10:30  “Re: x [post:../../index]”: the subject names post "
        "'../../index', which the site does not have"]


def maildir_with(tmp_path, make_odd):
    """A Maildir holding the good message and one odd entry made by `make_odd(folder)`."""
    box = write_maildir(tmp_path / "Approved", [compose(SUBJECT, GOOD)])
    make_odd(box)
    return box


ODD_ENTRIES = {
    "a FIFO": (lambda box: os.mkfifo(box / "new" / "1764600000.fifo"),
               "new/1764600000.fifo: it is a FIFO, not a regular file"),
    "a symlink out of the mailbox": (
        lambda box: (box / "cur" / "1764600000.link:2,S").symlink_to("/etc/passwd"),
        "cur/1764600000.link:2,S: it is a symbolic link, not a regular file"),
    "a folder": (lambda box: (box / "new" / "1764600000.folder").mkdir(),
                 "new/1764600000.folder: it is a folder, not a regular file"),
    "mail over the size cap": (
        lambda box: (box / "new" / "1764600000.huge").write_bytes(
            stored(compose(SUBJECT, "x")) + b"x" * (11 * 1024 * 1024)),
        "new/1764600000.huge: it is 11.0 MB, more than the 10 MB a response's mail may be"),
}


@pytest.mark.parametrize("case", ODD_ENTRIES)
def test_what_a_maildir_should_not_hold_is_skipped_with_a_line(tmp_path, capsys, case):
    make_odd, line = ODD_ENTRIES[case]
    content = make_site(tmp_path / "content")
    status, out, err = run_import(capsys, maildir_with(tmp_path, make_odd), content)
    assert (status, err) == (1, "")
    assert out.split("Skipped (1), not read:\n", 1)[1].splitlines() == [f"  {line}"]
    assert [record["content"] for record in responses(content)[2:]] == [GOOD]
    assert "root:" not in (content / "comments.json").read_text()


def nested(depth):
    """A message whose parts nest `depth` multiparts deep, the text at the bottom."""
    head = "".join(f'Content-Type: multipart/mixed; boundary="b{level}"\r\n\r\n--b{level}\r\n'
                   for level in range(depth))
    tail = "".join(f"--b{level}--\r\n" for level in reversed(range(depth)))
    return (f"Subject: {SUBJECT}\r\nDate: Tue, 01 Dec 2026 15:30:00 +0000\r\n"
            f"Message-ID: <deep{depth}@example.net>\r\nMIME-Version: 1.0\r\n" + head +
            "Content-Type: text/plain\r\n\r\nName to show (blank = Anonymous): Deep\r\n"
            "Deep text.\r\n" + tail).encode()


@pytest.mark.parametrize("depth", [21, 3000])
def test_mime_nested_too_deeply_is_refused_with_a_line(tmp_path, capsys, depth):
    content = make_site(tmp_path / "content")
    box = write_maildir(tmp_path / "Approved", [compose(SUBJECT, GOOD)])
    (box / "new" / "1764600000.deep").write_bytes(nested(depth))
    status, out, _ = run_import(capsys, box, content)
    assert status == 1 and held_lines(out) == [
        f"  2026-12-01 10:30  “{SUBJECT}”: its MIME parts nest more than 20 levels deep"]
    assert [record["content"] for record in responses(content)[2:]] == [GOOD]


def test_mime_nested_as_deep_as_real_mail_is_read(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    box = write_maildir(tmp_path / "Approved", [])
    (box / "new" / "1764600000.nested").write_bytes(nested(5))
    assert run_import(capsys, box, content)[0] == 0
    assert responses(content)[-1]["content"] == "Deep text."


def test_a_failed_write_leaves_no_temporary_file_in_content(tmp_path, capsys, monkeypatch):
    content = make_site(tmp_path / "content")
    before = (content / "comments.json").read_bytes()
    box = write_mbox(tmp_path / "a.mbox", [compose(SUBJECT, GOOD)])

    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    status, out, err = run_import(capsys, box, content)
    assert (status, out) == (1, "")
    assert err == (f"import-responses: {content / 'comments.json'}: cannot be written (No "
                   "space left on device); it is as it was; nothing was written.\n")
    assert (content / "comments.json").read_bytes() == before
    assert sorted(path.name for path in content.iterdir()) == ["comments.json", "pages", "posts"]
