"""Import approved mail: each message becomes a response, or is held back with a reason.

Every message is read and decided first; only then is anything written, through the
comments store, in one atomic write; only after that (and after `publish`, e.g. the
pull request's push) are the messages filed away (an IMAP folder's moved to "Imported"
and "Held"). A failure before the write leaves the comments as they were; one after it
leaves them complete, and the next run adds nothing twice, since a response's id comes
from its message's Message-ID.

The report names a message by its date and subject only, never by anything that
identifies the sender; a subject that looks like personal data is not shown either.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from responses.reply import read_subject, untagged
from responses.store import CommentsStore, display_name, resolve_path

from .mailboxes import MailboxError
from .message import parse_mail
from .posts import site_slugs
from .privacy import personal_data
from .records import make_record, stored_text

# About 3,000 words: longer than any response the old blog had, short enough to read.
TEXT_LIMIT = 20_000


class NotFiled(Exception):
    """The comments were written, but the messages could not all be filed away."""

    def __init__(self, report, error):
        super().__init__(str(error))
        self.report = report


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
    # Requests to remove a response (HeldBack's shape), for an editor to check and act on.
    removal_requests: list = field(default_factory=list)
    # Messages not read at all: (where in the mailbox, why).
    skipped: list = field(default_factory=list)
    # The source's handles of the messages to file as imported and as held.
    imported_keys: list = field(default_factory=list)
    held_keys: list = field(default_factory=list)

    @property
    def attention(self):
        """Whether anything needs an editor: the exit status is then 1."""
        return bool(self.held_back or self.skipped)

    def __str__(self):
        lines = [f"import-responses: {len(self.added)} new responses added to "
                 f"{display_name(self.comments_path)}; {self.already} already there."]
        for record in self.added:
            reply = f", reply to {record['parent']}" if "parent" in record else ""
            lines.append(f"  added #comment-{record['id']} on {record['post']}{reply} "
                         f"({record['date']}, {record['author'] or 'Anonymous'})")
        for heading, items in (("Sent again ({}), not added twice:", self.sent_again),
                               ("Held back ({}), not written:", self.held_back),
                               ("Asking to remove a response ({}), for an editor to check; "
                                "nothing was removed:", self.removal_requests)):
            if items:
                lines.append(heading.format(len(items)))
                lines += [f"  {item.date}  {shown_subject(item.subject)}: {item.reason}"
                          for item in items]
        if self.skipped:
            lines.append(f"Skipped ({len(self.skipped)}), not read:")
            lines += [f"  {where}: {reason}" for where, reason in self.skipped]
        return "\n".join(lines)


def shown_subject(subject):
    """A subject for the report, which may be published in a pull request."""
    if personal_data(untagged(subject)):
        return "(subject not shown: it looks like it holds personal data)"
    return f"“{subject}”"


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


def import_responses(source, content, timezone, paths=("posts", "pages"),
                     slug_substitutions=None, comments=None, publish=None):
    """Read `source` (mailboxes.MailboxSource or imap.ImapSource) and add its approved
    responses to the comments at `comments` (the site's RESPONSES_PATH; default:
    comments.json in `content`); return the ImportReport.

    `publish(report)`, when given, runs after the write and before the messages are filed
    away (the workflow commits and pushes there). Raises MailboxError or StoreError
    (nothing written) when the mail or the comments cannot be read, NotFiled (written,
    not filed) when the messages cannot be filed away."""
    zone = ZoneInfo(timezone)
    store = CommentsStore(comments or resolve_path(None, content))
    items = source.items()
    slugs = site_slugs(content, paths, slug_substitutions)
    records = store.records()
    known = {record["id"]: record for record in records}
    first_of = {same_response(record): record for record in reversed(records)}
    report = ImportReport(store.target())
    for item in items:
        if item.skipped:
            report.skipped.append((item.where, item.skipped))
            report.held_keys.append(item.key)
            continue
        imported = _decide(parse_mail(item.raw), zone, slugs, known, first_of, report)
        (report.imported_keys if imported else report.held_keys).append(item.key)
    store.add(report.added, source=source.name)
    if publish is not None:
        publish(report)
    try:
        source.file_away(report.imported_keys, report.held_keys)
    except MailboxError as error:
        raise NotFiled(report, error) from error
    return report


def _decide(mail, zone, slugs, known, first_of, report):
    """Add the message to the report as a response, a repeat, a removal request or held
    back; return whether it counts as imported (filed under "Imported")."""
    date = mail.date.astimezone(zone) if mail.date else None
    when = date.strftime("%Y-%m-%d %H:%M") if date else "(no date)"
    subject = mail.subject or "(no subject)"
    tag = read_subject(mail.subject)
    if tag is not None and tag.remove is not None:
        report.removal_requests.append(HeldBack(when, subject, _removal(tag.remove, known)))
        return False
    record_id = response_id(mail)
    there = known.get(record_id)
    if there is None:
        reason = _hold_back_reason(mail, date, tag, slugs, known)
    elif there.get("type") == "removed" or (tag is not None and same_response(there) == (
            tag.post, tag.parent, mail.name, " ".join(stored_text(mail.text).split()))):
        report.already += 1
        return True
    else:
        reason = (f"its Message-ID was imported before as #comment-{record_id}, with other "
                  "text; the response there is left as it is")
    if reason:
        report.held_back.append(HeldBack(when, subject, reason))
        return False
    record = make_record(record_id, tag.post, tag.parent, mail.name,
                         date.isoformat(timespec="seconds"), mail.text)
    earlier = first_of.setdefault(same_response(record), record)
    if earlier is not record:
        report.sent_again.append(HeldBack(
            when, subject, f"the same name and text as #comment-{earlier['id']} on {tag.post}"))
        return True
    known[record["id"]] = record
    report.added.append(record)
    return True


def _removal(response_id, known):
    """What a removal request asks, for the report."""
    record = known.get(response_id)
    if record is None:
        return f"names response {response_id}, which is not in the comments"
    if record.get("type") == "removed":
        return f"asks to remove #comment-{response_id}, which was removed already"
    return (f"asks to remove #comment-{response_id} on {record['post']} ({record['date']}, "
            f"{record['author'] or 'Anonymous'}); if its author sent it, run "
            f"`invoke remove-response {response_id}`")


def _hold_back_reason(mail, date, tag, slugs, known):
    """Why the message cannot be added as it is, or None. `tag` is read_subject()'s."""
    if mail.spam:
        return "flagged as spam (X-Spam-Flag: YES)"
    if mail.problem:
        return mail.problem
    if tag is None:
        return "the subject names no post (no [post:…] tag)"
    if tag.post not in slugs:
        return f"the subject names post '{tag.post}', which the site does not have"
    parent = known.get(tag.parent) if tag.parent is not None else None
    if tag.parent is not None and parent is None:
        return f"replies to response {tag.parent}, which is not in the comments"
    if parent is not None and parent["post"] != tag.post:
        return f"replies to response {tag.parent}, which is on another post ('{parent['post']}')"
    if date is None:
        return "no readable Date header"
    if not mail.text:
        return "no text left once the template, quoted mail and signature are removed"
    if len(mail.text) > TEXT_LIMIT:
        return (f"the text is {len(mail.text):,} characters long, more than the "
                f"{TEXT_LIMIT:,} a response may have")
    for what, text in (("name", mail.name), ("text", mail.text)):
        found = personal_data(text)
        if found:
            return f"the {what} looks like it holds personal data ({found})"
    return None
