"""Import approved mail: each message becomes a response, or is held back with a reason.

The report names a held-back message by its date and subject only, never by
anything that identifies the sender.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from responses.store import CommentsStore, resolve_path

from .mailboxes import read_messages
from .message import parse_mail
from .posts import site_slugs, subject_tag
from .records import make_record

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Ten to fifteen digits in one run with the usual separators (+1 (617) 555-0100,
# 0044 20 7946 0958), or a local number such as 555-0100. Years and ranges such
# as 2011-2012 have too few digits to match.
PHONE_CANDIDATE = re.compile(r"(?<![\w])\+?\(?\d(?:[\d\s().-]*\d)?(?![\w])")
LOCAL_PHONE = re.compile(r"(?<![\w.-])\d{3}[-.]\d{4}(?![\w.-]|-\d)")


@dataclass
class HeldBack:
    date: str
    subject: str
    reason: str


@dataclass
class ImportReport:
    comments_path: Path
    added: list = field(default_factory=list)  # records
    already: int = 0
    # Messages, by date and subject, repeating a response already there (HeldBack's shape).
    sent_again: list = field(default_factory=list)
    held_back: list = field(default_factory=list)

    def __str__(self):
        lines = [f"import-responses: {len(self.added)} new responses added to "
                 f"{self.comments_path}; {self.already} already there."]
        for record in self.added:
            reply = f", reply to {record['parent']}" if "parent" in record else ""
            lines.append(f"  added #comment-{record['id']} on {record['post']}{reply} "
                         f"({record['date']}, {record['author'] or 'Anonymous'})")
        for heading, items in (("Sent again ({}), not added twice:", self.sent_again),
                               ("Held back ({}), not written:", self.held_back)):
            if items:
                lines.append(heading.format(len(items)))
                lines += [f"  {item.date}  “{item.subject}”: {item.reason}" for item in items]
        return "\n".join(lines)


def personal_data(text):
    """What in `text` looks like personal data, or None."""
    if EMAIL_ADDRESS.search(text):
        return "an e-mail address"
    for candidate in PHONE_CANDIDATE.findall(text):
        if 10 <= sum(char.isdigit() for char in candidate) <= 15:
            return "a phone number"
    if LOCAL_PHONE.search(text):
        return "a phone number"
    return None


def response_id(mail):
    """Derived from the message, so importing it again finds it; "mail-" keeps it apart
    from WordPress's numeric ids."""
    if mail.message_id:
        source = mail.message_id
    else:
        date = mail.date.isoformat() if mail.date else ""
        source = "\n".join([date, mail.subject, mail.text])
    return "mail-" + hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def same_response(record):
    """What makes two records one response sent twice: post, parent, name and text (spacing
    aside). A message forwarded again gets a new Message-ID, so its id differs."""
    return (record["post"], record.get("parent"), record.get("author", ""),
            " ".join(record["content"].split()))


def import_responses(mailbox_path, content, timezone, paths=("posts", "pages"),
                     slug_substitutions=None, comments=None):
    """Read the mailbox and add its approved responses to the comments at `comments` (the
    site's RESPONSES_PATH; default: comments.json in `content`); return the ImportReport.
    Raises MailboxError or StoreError (nothing written) when the mailbox or the comments
    cannot be read."""
    zone = ZoneInfo(timezone)
    store = CommentsStore(comments or resolve_path(None, content))
    messages = read_messages(mailbox_path)
    slugs = site_slugs(content, paths, slug_substitutions)
    records = store.records()
    known = {record["id"]: record["post"] for record in records}
    first_of = {same_response(record): record for record in reversed(records)}
    report = ImportReport(store.target())
    for message in messages:
        mail = parse_mail(message)
        date = mail.date.astimezone(zone) if mail.date else None
        when = date.strftime("%Y-%m-%d %H:%M") if date else "(no date)"
        record_id = response_id(mail)
        if record_id in known:
            report.already += 1
            continue
        tag = subject_tag(mail.subject)
        reason = _hold_back_reason(mail, date, tag, slugs, known)
        if reason:
            report.held_back.append(HeldBack(when, mail.subject or "(no subject)", reason))
            continue
        post, parent = tag
        record = make_record(record_id, post, parent, mail.name,
                             date.isoformat(timespec="seconds"), mail.text)
        earlier = first_of.setdefault(same_response(record), record)
        if earlier is not record:
            report.sent_again.append(HeldBack(
                when, mail.subject or "(no subject)",
                f"the same name and text as #comment-{earlier['id']} on {post}"))
            continue
        known[record_id] = post
        report.added.append(record)
    store.add(report.added, source=f"the mailbox {mailbox_path}")
    return report


def _hold_back_reason(mail, date, tag, slugs, known):
    """Why the message cannot be added as it is, or None. `tag` is subject_tag()'s."""
    if mail.spam:
        return "flagged as spam (X-Spam-Flag: YES)"
    if tag is None:
        return "the subject names no post (no [post:…] tag)"
    post, parent = tag
    if post not in slugs:
        return f"the subject names post '{post}', which the site does not have"
    if parent is not None and parent not in known:
        return f"replies to response {parent}, which is not in the comments"
    if parent is not None and known[parent] != post:
        return f"replies to response {parent}, which is on another post ('{known[parent]}')"
    if date is None:
        return "no readable Date header"
    if not mail.text:
        return "no text left once the template, quoted mail and signature are removed"
    found = personal_data(f"{mail.name}\n{mail.text}")
    if found:
        return f"the text looks like it holds personal data ({found})"
    return None
