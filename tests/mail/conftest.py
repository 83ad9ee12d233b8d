"""A site with RESPONSES_EMAIL set, a reader's mail from its links imported, built again."""

import pytest
from mail_helpers import (
    ADDRESS,
    HOSTILE,
    POST_PAGE,
    TITLE_TO_ENCODE,
    mail_from_link,
    make_site,
    write_maildir,
)

from sitebuild import build
from tools.mail.cli import main as import_main


@pytest.fixture(scope="module")
def mailed_site(tmp_path_factory):
    """Built, then a reply to the post and one to response 1 sent from the built page's
    links, imported (mbox-free: a Maildir as a mail app exports it), and built again."""
    root = tmp_path_factory.mktemp("mailed")
    content = make_site(root / "content", title=TITLE_TO_ENCODE)
    first = build(content, root / "before", fatal="errors", RESPONSES_EMAIL=ADDRESS)
    before = first.soup(POST_PAGE)
    post_link = before.select_one("#respond a.respond-link")["href"]
    reply_link = before.select_one("#comment-1 a.comment-reply-link")["href"]
    box = write_maildir(root / "Approved", [
        mail_from_link(post_link, "Jordan Example", "Thanks for this.\r\n\r\nMore, please."),
        mail_from_link(reply_link, "", "Rick, I agree.", sent="Tue, 01 Dec 2026 16:00:00 +0000"),
        mail_from_link(post_link, "Hostile Tester", HOSTILE,
                       sent="Tue, 01 Dec 2026 17:00:00 +0000"),
    ])
    import_status = import_main(["--mailbox", str(box), "--content", str(content)])
    second = build(content, root / "after", fatal="errors", RESPONSES_EMAIL=ADDRESS)
    return {"root": root, "content": content, "before": before, "after": second.soup(POST_PAGE),
            "post_link": post_link, "reply_link": reply_link, "box": box,
            "import_status": import_status,
            "build_logs": "\n".join(first.warnings + second.warnings),
            "output": root / "after"}


@pytest.fixture(scope="session")
def dovecot():
    """Debian's Dovecot on loopback for the session (tests/mail/imap_server.py); each test
    takes a user of its own with ``dovecot.new_user()``."""
    from imap_server import start_dovecot

    server = start_dovecot()
    yield server
    server.remove()


@pytest.fixture
def imap_password(monkeypatch):
    """The password the import reads from the environment, as the workflow sets it."""
    from imap_server import PASSWORD

    monkeypatch.setenv("RESPONSES_IMAP_PASSWORD", PASSWORD)
    return PASSWORD
