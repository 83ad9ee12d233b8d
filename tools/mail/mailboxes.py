"""Read stage: the messages of an mbox file or a Maildir folder, as bytes.

A Maildir is read file by file, and only regular files are opened: a FIFO would block
the import for ever, a symlink could bring a file from outside the mailbox into the
site, so each is skipped with a line. So is a message larger than a response's mail can
reasonably be. The IMAP folder (imap.py) hands over messages the same way.
"""

import mailbox
import os
import stat
from dataclasses import dataclass
from pathlib import Path

# A response with a photo attached from a phone is a few megabytes; only its text is read.
MESSAGE_SIZE_LIMIT = 10 * 1024 * 1024


class MailboxError(Exception):
    """The path is not a mailbox this command can read; nothing has been written."""


@dataclass
class Item:
    """One message of a mailbox: its bytes, or why it was not read (`skipped`)."""

    where: str  # for the report: "new/1733064000.M1.host", "message 3", "UID 17"
    raw: bytes | None = None
    skipped: str | None = None
    key: object = None  # the source's own handle (an IMAP UID)


def too_large(size):
    """Why a message of `size` bytes is not read, or None."""
    if size <= MESSAGE_SIZE_LIMIT:
        return None
    return (f"it is {size / 1024 / 1024:.1f} MB, more than the "
            f"{MESSAGE_SIZE_LIMIT // 1024 // 1024} MB a response's mail may be")


class MailboxSource:
    """An mbox file or a Maildir folder exported by a mail app; nothing is moved in it."""

    def __init__(self, path):
        self.path = Path(path)
        self.name = f"the mailbox {self.path}"

    def items(self):
        """Every message, in mailbox order."""
        path = self.path
        if path.is_dir():
            if not all((path / part).is_dir() for part in ("cur", "new", "tmp")):
                raise MailboxError(
                    f"{path} is a folder but not a Maildir (it needs cur/, new/ and tmp/ inside)"
                )
            return _maildir_items(path)
        if not path.is_file():
            raise MailboxError(f"{path} does not exist")
        with path.open("rb") as file:
            start = file.read(5)
        if start and start != b"From ":
            raise MailboxError(
                f"{path} is not an mbox file (an mbox starts with a 'From ' line) "
                "nor a Maildir folder"
            )
        box = mailbox.mbox(path, create=False)
        try:
            return [_item(f"message {number}", box.get_bytes(key))
                    for number, key in enumerate(box.keys(), 1)]
        finally:
            box.close()

    def file_away(self, imported, held):
        """An exported mailbox is the editor's copy: nothing is moved in it."""


def _item(where, raw):
    reason = too_large(len(raw))
    return Item(where, skipped=reason) if reason else Item(where, raw)


def _maildir_items(path):
    """The files of cur/ and new/, in delivery order (Maildir names start with the time)."""
    entries = []
    for folder in ("cur", "new"):
        with os.scandir(path / folder) as scan:
            entries += [(entry.name, folder) for entry in scan if not entry.name.startswith(".")]
    items = []
    for name, folder in sorted(entries):
        where = f"{folder}/{name}"
        file = path / folder / name
        mode = os.lstat(file).st_mode
        if not stat.S_ISREG(mode):
            kind = _kind(mode)
            items.append(Item(where, skipped=f"it is {kind}, not a regular file"))
            continue
        # O_NOFOLLOW and O_NONBLOCK: what was checked is what is read, even if the file was
        # swapped for a symlink or a FIFO in between.
        descriptor = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            reason = too_large(size) or (None if stat.S_ISREG(os.fstat(descriptor).st_mode)
                                         else "it is not a regular file")
            items.append(Item(where, skipped=reason) if reason else Item(where, stream.read()))
    return items


def _kind(mode):
    for test, kind in ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISDIR, "a folder"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return kind
    return "not a regular file"
