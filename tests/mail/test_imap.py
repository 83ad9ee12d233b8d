"""`invoke import-responses --imap`: the editors' own mailbox, on a real Dovecot server."""

import imaplib
import json
import subprocess

import pytest
from imap_server import PASSWORD, CuttingProxy, append, folder_messages
from mail_helpers import POST, SENDER_ADDRESS, SENDER_NAME, compose, make_site, stored

from sitebuild import INVOKE, REPO_ROOT
from tools.mail.cli import main as import_main

SUBJECT = f"Re: Patients as partners [post:{POST}]"


def responses(content):
    return json.loads((content / "comments.json").read_text(encoding="utf-8"))["responses"]


def run(capsys, url, content, *extra):
    status = import_main(["--imap", url, "--content", str(content), *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def fill(dovecot, user, messages, folder="Approved"):
    connection = dovecot.client(user)
    for message in messages:
        append(connection, folder, stored(message).replace(b"\n", b"\r\n"))
    connection.logout()


def folders(dovecot, user, *names):
    connection = dovecot.client(user)
    found = {name: folder_messages(connection, name) for name in names}
    connection.logout()
    return found


def subjects(raw_messages):
    return sorted(raw.split(b"Subject: ", 1)[1].split(b"\r\n", 1)[0].decode()
                  for raw in raw_messages)


GOOD = ("A first voice.", "A second voice.")


def approved_mix():
    return [compose(SUBJECT, GOOD[0]), compose(SUBJECT, GOOD[1], name=" Sam Reader"),
            compose("Re: Patients as partners", "No tag at all."),
            compose("Please remove my response [remove:1]", "Please remove it.", name=None)]


def test_imported_mail_moves_to_imported_and_held_mail_to_held(tmp_path, capsys, dovecot,
                                                                imap_password):
    content = make_site(tmp_path / "content")
    user = dovecot.new_user()
    fill(dovecot, user, approved_mix())
    status, out, err = run(capsys, dovecot.url(user), content)
    assert (status, err) == (1, "")  # one message held back
    assert sorted(record["content"] for record in responses(content)[2:]) == sorted(GOOD)
    assert "2 new responses added" in out
    assert "“Re: Patients as partners”: the subject names no post" in out
    assert ("Asking to remove a response (1), for an editor to check; nothing was removed:\n"
            "  2026-12-01 10:30  “Please remove my response [remove:1]”: asks to remove "
            f"#comment-1 on {POST} (2011-07-21T09:14:00-04:00, Rick Ladd); if its author "
            "sent it, run `invoke remove-response 1`") in out
    moved = folders(dovecot, user, "Approved", "Imported", "Held")
    assert moved["Approved"] == []
    assert subjects(moved["Imported"]) == [SUBJECT, SUBJECT]
    assert subjects(moved["Held"]) == ["Please remove my response [remove:1]",
                                       "Re: Patients as partners"]
    # The messages arrive whole: nothing was changed in them on the way.
    assert any(GOOD[0].encode() in raw for raw in moved["Imported"])
    for secret in (SENDER_ADDRESS, SENDER_NAME, PASSWORD):
        assert secret not in out


def test_a_second_run_adds_nothing_and_files_what_was_imported_before(tmp_path, capsys,
                                                                       dovecot, imap_password):
    content = make_site(tmp_path / "content")
    user = dovecot.new_user()
    messages = [compose(SUBJECT, text) for text in GOOD]
    fill(dovecot, user, messages)
    assert run(capsys, dovecot.url(user), content)[0] == 0
    once = (content / "comments.json").read_bytes()
    status, out, _ = run(capsys, dovecot.url(user), content)
    assert status == 0 and "0 new responses added" in out and "0 already there" in out
    # The same messages back in the folder (a move that never happened): still nothing new.
    fill(dovecot, user, messages)
    status, out, _ = run(capsys, dovecot.url(user), content)
    assert status == 0 and "0 new responses added" in out and "2 already there" in out
    assert (content / "comments.json").read_bytes() == once
    moved = folders(dovecot, user, "Approved", "Imported")
    assert (len(moved["Approved"]), len(moved["Imported"])) == (0, 4)


def test_without_move_the_messages_are_copied_marked_deleted_and_expunged(
        tmp_path, capsys, dovecot, imap_password, monkeypatch):
    content = make_site(tmp_path / "content")
    user = dovecot.new_user(capabilities="IMAP4rev1")  # a server without MOVE and UIDPLUS
    fill(dovecot, user, approved_mix())
    commands = []
    uid = imaplib.IMAP4.uid
    monkeypatch.setattr(imaplib.IMAP4, "uid", lambda self, command, *args: (
        commands.append(command), uid(self, command, *args))[1])
    expunged = []
    expunge = imaplib.IMAP4.expunge
    monkeypatch.setattr(imaplib.IMAP4, "expunge", lambda self: (
        expunged.append(True), expunge(self))[1])
    assert run(capsys, dovecot.url(user), content)[0] == 1
    assert "MOVE" not in commands and commands.count("COPY") == 2 and len(expunged) == 2
    moved = folders(dovecot, user, "Approved", "Imported", "Held")
    assert [len(moved[name]) for name in ("Approved", "Imported", "Held")] == [0, 2, 2]


def test_a_folder_with_spaces_and_accents_and_its_siblings(tmp_path, capsys, dovecot,
                                                           imap_password):
    content = make_site(tmp_path / "content")
    user = dovecot.new_user()
    folder = "Réponses.Approuvées & prêtes"  # "." is Dovecot's hierarchy delimiter
    fill(dovecot, user, [compose(SUBJECT, GOOD[0])], folder=_utf7(folder))
    url = dovecot.url(user, folder=folder.replace(" ", "%20").replace("&", "%26"))
    assert run(capsys, url, content)[0] == 0
    moved = folders(dovecot, user, _utf7(folder), _utf7("Réponses.Imported"))
    assert (len(moved[_utf7(folder)]), len(moved[_utf7("Réponses.Imported")])) == (0, 1)


def _utf7(folder):
    from tools.mail.imap import mailbox_name

    return mailbox_name(folder)[1:-1]


def test_a_connection_lost_while_reading_leaves_the_comments_as_they_were(
        tmp_path, capsys, dovecot, imap_password):
    content = make_site(tmp_path / "content")
    before = (content / "comments.json").read_bytes()
    user = dovecot.new_user()
    fill(dovecot, user, [compose(SUBJECT, text) for text in GOOD])
    proxy = CuttingProxy(dovecot.imap_port, b"BODY.PEEK[]", after=2)
    try:
        status, out, err = run(capsys, dovecot.url(user, port=proxy.port), content)
    finally:
        proxy.close()
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("import-responses: the IMAP folder Approved at 127.0.0.1:")
    assert "the connection was lost while reading the messages" in err
    assert err.rstrip().endswith("nothing was written.")
    assert (content / "comments.json").read_bytes() == before
    assert len(folders(dovecot, user, "Approved")["Approved"]) == 2
    assert sorted(path.name for path in content.iterdir()) == ["comments.json", "pages",
                                                              "posts"]


def test_a_connection_lost_while_moving_leaves_the_comments_complete(
        tmp_path, capsys, dovecot, imap_password):
    content = make_site(tmp_path / "content")
    user = dovecot.new_user()
    fill(dovecot, user, [compose(SUBJECT, text) for text in GOOD])
    proxy = CuttingProxy(dovecot.imap_port, b"MOVE")
    try:
        status, out, err = run(capsys, dovecot.url(user, port=proxy.port), content)
    finally:
        proxy.close()
    assert status == 1 and "2 new responses added" in out
    assert "the responses were written, but filing the messages away failed" in err
    assert err.count("\n") == 1
    complete = (content / "comments.json").read_bytes()
    assert sorted(record["content"] for record in responses(content)[2:]) == sorted(GOOD)
    assert len(folders(dovecot, user, "Approved")["Approved"]) == 2  # not moved
    # The next run finds both already there, adds nothing twice and finishes the moves.
    status, out, err = run(capsys, dovecot.url(user), content)
    assert (status, err) == (0, "")
    assert "0 new responses added" in out and "2 already there" in out
    assert (content / "comments.json").read_bytes() == complete
    moved = folders(dovecot, user, "Approved", "Imported")
    assert (len(moved["Approved"]), len(moved["Imported"])) == (0, 2)


def test_a_wrong_password_is_one_line_without_a_traceback(tmp_path, dovecot):
    content = make_site(tmp_path / "content")
    before = (content / "comments.json").read_bytes()
    user = dovecot.new_user()
    result = subprocess.run(
        [INVOKE, "import-responses",
         "--imap", dovecot.url(user), "--content", str(content)],
        capture_output=True, text=True, cwd=REPO_ROOT,
        env={"PATH": "/usr/bin:/bin", "RESPONSES_IMAP_PASSWORD": "not the password"},
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"import-responses: the IMAP server 127.0.0.1:{dovecot.imap_port} refused the login "
        f"of {user}: [AUTHENTICATIONFAILED] Authentication failed.; nothing was written.\n")
    assert (content / "comments.json").read_bytes() == before


def test_imaps_checks_the_certificate(tmp_path, capsys, dovecot, imap_password, monkeypatch):
    content = make_site(tmp_path / "content")
    user = dovecot.new_user()
    fill(dovecot, user, [compose(SUBJECT, GOOD[0])])
    url = f"imaps://{user}@localhost:{dovecot.imaps_port}/Approved"
    status, out, err = run(capsys, url, content)
    assert (status, out) == (1, "")
    assert err == (f"import-responses: localhost:{dovecot.imaps_port}: its TLS certificate "
                   "cannot be trusted: self-signed certificate; nothing was written.\n")
    # Trusted as a system's own authority would be, the same server is read over TLS.
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.certificate))
    status, out, err = run(capsys, url, content)
    assert (status, err) == (0, "") and "1 new responses added" in out
    assert "TLS" in dovecot.log.split(f"user=<{user}>")[-1].split("\n")[0]


@pytest.mark.parametrize(("url", "message"), [
    ("imap://editor@192.0.2.10/Approved",
     "imap:// sends the password unencrypted, so it is only accepted for this machine's "
     "loopback address, not 192.0.2.10; use imaps://"),
    ("imaps://editor:hunter2@imap.example.org/Approved",
     "the IMAP address holds a password: put it in the environment variable "
     "RESPONSES_IMAP_PASSWORD instead, and change it, since it has been written down"),
    ("imaps://imap.example.org/Approved", "the IMAP address needs a user and a host: "
     "imaps://USER@HOST[:PORT]/FOLDER"),
    ("imaps://editor@imap.example.org/", "the IMAP address must name the folder of approved "
     "mail and nothing more: imaps://USER@HOST[:PORT]/Approved"),
    ("https://imap.example.org/Approved", "the IMAP address must start with imaps:// (or "
     "imap:// on this machine's loopback address, for tests)"),
])
def test_addresses_that_are_refused(tmp_path, capsys, url, message, imap_password):
    content = make_site(tmp_path / "content")
    assert run(capsys, url, content) == (1, "", f"import-responses: {message}; nothing was "
                                                "written.\n")


def test_no_password_in_the_environment(tmp_path, capsys, dovecot, monkeypatch):
    monkeypatch.delenv("RESPONSES_IMAP_PASSWORD", raising=False)
    user = dovecot.new_user()
    status, _, err = run(capsys, dovecot.url(user), make_site(tmp_path / "content"))
    assert status == 1 and err == (
        f"import-responses: set the environment variable RESPONSES_IMAP_PASSWORD to the "
        f"password of {user} at 127.0.0.1:{dovecot.imap_port}; nothing was written.\n")
