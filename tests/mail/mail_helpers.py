"""Helpers for the respond-by-e-mail tests (a module name no other test folder uses):
messages as readers' mail clients send them, mailboxes, and a small site to import into."""

import mailbox
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from responses.contract import dump_comments
from sitebuild import write_page, write_post
from tools.mail.cli import main as import_main

SENDER_NAME = "Jane Sender-Realname"
SENDER_ADDRESS = "jane.sender.realname@example.net"
FROM = f"{SENDER_NAME} <{SENDER_ADDRESS}>"
RECEIVED = "from mail.example.net (mail.example.net [192.0.2.44]) by mx.example.org"
TEMPLATE = "Name to show (blank = Anonymous):{name}\r\nWrite your response below this line.\r\n\r\n"
POST = "patients-as-partners"
OTHER_POST = "second-opinions"
TITLE = "Patients as partners"
POST_PAGE = f"2020/01/{POST}/"


def compose(subject, text="A thoughtful response.", *, name=" Pat Reader", date=None,
            message_id=True, html=None, charset="utf-8", cte=None, headers=None):
    """A message as a mail client sends it: From with a real name and address, Received
    lines, the template with the name filled in, then the reader's text."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = FROM
    message["To"] = "responses@example.org"
    message["Subject"] = subject
    message["Date"] = date or "Tue, 01 Dec 2026 15:30:00 +0000"
    if message_id:
        message["Message-ID"] = make_msgid(domain="example.net")
    message["Received"] = RECEIVED
    for header, value in (headers or {}).items():
        message[header] = value
    if text is None:
        message.set_content(html, subtype="html", charset=charset, cte=cte)
    else:
        body = TEMPLATE.format(name=name) + text if name is not None else text
        message.set_content(body, charset=charset, cte=cte)
        if html is not None:
            message.add_alternative(html, subtype="html")
    return message


def stored(message):
    """The bytes a client stores: headers folded at 78 characters as sent (mailbox's own
    writer would unfold them), lines ending in LF as in mbox and Maildir files."""
    return message.as_bytes(policy=message.policy.clone(linesep="\n"))


def write_mbox(path, messages):
    box = mailbox.mbox(path)
    for message in messages:
        box.add(stored(message))
    box.close()
    return Path(path)


def write_maildir(path, messages):
    box = mailbox.Maildir(path)
    for message in messages:
        box.add(stored(message))
    return Path(path)


def make_site(content, responses=(), title=TITLE):
    """Two posts and a page, and comments.json as the WordPress importer writes it."""
    write_post(content, POST, title=title, date="2020-01-15 10:00")
    write_post(content, OTHER_POST, title="Second opinions", date="2020-02-15 10:00")
    write_page(content, "about", title="About", body="About us.")
    responses = list(responses) or [
        {"id": "1", "post": POST, "type": "comment", "author": "Rick Ladd",
         "date": "2011-07-21T09:14:00-04:00", "content": "Uniçode “quotes” – kept as is."},
        {"id": "2", "post": OTHER_POST, "type": "comment", "author": "",
         "date": "2011-07-22T09:14:00-04:00", "content": "On the other post."},
    ]
    (Path(content) / "comments.json").write_text(dump_comments(responses), encoding="utf-8")
    return Path(content)


def mail_from_link(href, name, text, sent="Tue, 01 Dec 2026 15:30:00 +0000"):
    """The message a reader's mail client sends from a mailto: link: the link's address,
    subject and body (RFC 6068), the name typed after the name line's colon, the text
    below; From and Received as a real client and server set them."""
    link = urlsplit(href)
    assert link.scheme == "mailto"
    fields = parse_qs(link.query, keep_blank_values=True)
    assert set(fields) == {"subject", "body"}
    first, rest = fields["body"][0].split("\r\n", 1)
    assert first.endswith(":")
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = FROM
    message["To"] = unquote(link.path)
    message["Subject"] = fields["subject"][0]
    message["Date"] = sent
    message["Message-ID"] = make_msgid(domain="example.net")
    message["Received"] = RECEIVED
    message.set_content(f"{first} {name}\r\n{rest}{text}\r\n\r\n-- \r\n{SENDER_NAME}\r\n")
    return message


def run_import(capsys, mailbox_path, content, timezone="America/New_York"):
    """`invoke import-responses` in-process; returns (exit status, stdout, stderr)."""
    status = import_main(["--mailbox", str(mailbox_path), "--content", str(content),
                          "--timezone", timezone])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# What must never be found anywhere: the sender's address and name, and what their server wrote.
SENDER_TRACES = [SENDER_ADDRESS, SENDER_NAME, "192.0.2.44", "mail.example.net", RECEIVED[:20]]


def sender_traces(texts, folders):
    """(where, trace) for every trace of the sender in `texts` ({where: text}) and in the
    files under `folders`; [] when there is none. Fails when there was little to look at."""
    haystacks = dict(texts)
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if path.is_file():
                haystacks[str(path)] = path.read_bytes().decode("utf-8", errors="replace")
    assert len(haystacks) > 10
    return [(where, trace) for where, text in haystacks.items() for trace in SENDER_TRACES
            if trace.lower() in text.lower()]


ADDRESS = "responses@example.org"
# Non-ASCII, a "/" and length: the subject needs RFC 2047 and folding, the link full
# percent-encoding.
TITLE_TO_ENCODE = "Patients & partners: café talk / notes on deciding together with the care team"
HOSTILE = ("<script>alert('x')</script> <img src=x onerror=\"alert(2)\"> "
           "<a href=\"javascript:alert(3)\">click me</a> <b onmouseover=alert(4)>bold</b>")
