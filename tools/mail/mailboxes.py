"""Read stage: the messages of an mbox file or a Maildir folder (email.policy.default)."""

import email
import mailbox
from email import policy
from pathlib import Path


class MailboxError(Exception):
    """The path is not a mailbox this command can read; nothing has been written."""


def _parse(file):
    return email.message_from_binary_file(file, policy=policy.default)


def read_messages(path):
    """Every message in `path` (mbox file or Maildir folder), in mailbox order."""
    path = Path(path)
    if path.is_dir():
        if not all((path / part).is_dir() for part in ("cur", "new", "tmp")):
            raise MailboxError(
                f"{path} is a folder but not a Maildir (it needs cur/, new/ and tmp/ inside)"
            )
        box = mailbox.Maildir(path, factory=_parse, create=False)
        # Maildir has no order of its own; file names start with the delivery time.
        return [box[key] for key in sorted(box.keys())]
    if not path.is_file():
        raise MailboxError(f"{path} does not exist")
    with path.open("rb") as file:
        start = file.read(5)
    if start and start != b"From ":
        raise MailboxError(
            f"{path} is not an mbox file (an mbox starts with a 'From ' line) "
            "nor a Maildir folder"
        )
    box = mailbox.mbox(path, factory=_parse, create=False)
    try:
        return list(box)
    finally:
        box.close()
