"""Read stage for the mailbox the editors already use: an IMAP folder of approved mail.

``imaps://USER@HOST[:PORT]/FOLDER`` (TLS, the certificate checked against the system's
authorities); ``imap://`` without TLS only to a loopback address, for tests. The
password comes from the environment (RESPONSES_IMAP_PASSWORD), never from the URL, and
is never printed. Messages are fetched whole first (BODY.PEEK, so none is marked read);
once the comments are written, the importer has them filed away: imported ones to
"Imported", held-back ones to "Held", folders beside the approved one, created when
missing. With the MOVE extension (RFC 6851) a move is one command; without it, COPY,
\\Deleted and EXPUNGE (UID EXPUNGE with UIDPLUS, so only those messages go).
"""

import base64
import contextlib
import imaplib
import ipaddress
import os
import re
import ssl
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .mailboxes import Item, MailboxError, too_large

PASSWORD_VARIABLE = "RESPONSES_IMAP_PASSWORD"
IMPORTED, HELD = "Imported", "Held"
TIMEOUT = 60  # seconds without an answer before the server counts as gone


class ImapError(MailboxError):
    """The IMAP folder cannot be read or filed; the message is one line."""


@dataclass(frozen=True)
class ImapUrl:
    tls: bool
    user: str
    host: str
    port: int
    folder: str

    @property
    def server(self):
        return f"{self.host}:{self.port}"


def parse_url(url):
    """An ImapUrl from imaps://USER@HOST[:PORT]/FOLDER; ImapError saying what is wrong."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise ImapError(f"the IMAP address is not a URL: {error}") from error
    if parts.scheme not in ("imap", "imaps"):
        raise ImapError("the IMAP address must start with imaps:// (or imap:// on this "
                        "machine's loopback address, for tests)")
    if parts.password is not None:
        raise ImapError(f"the IMAP address holds a password: put it in the environment "
                        f"variable {PASSWORD_VARIABLE} instead, and change it, since it has "
                        "been written down")
    if not parts.username or not parts.hostname:
        raise ImapError("the IMAP address needs a user and a host: "
                        "imaps://USER@HOST[:PORT]/FOLDER")
    folder = unquote(parts.path.lstrip("/"))
    if not folder or parts.query or parts.fragment:
        raise ImapError("the IMAP address must name the folder of approved mail and nothing "
                        "more: imaps://USER@HOST[:PORT]/Approved")
    tls = parts.scheme == "imaps"
    if not tls and not _is_loopback(parts.hostname):
        raise ImapError(f"imap:// sends the password unencrypted, so it is only accepted for "
                        f"this machine's loopback address, not {parts.hostname}; use imaps://")
    return ImapUrl(tls, unquote(parts.username), parts.hostname, port or (993 if tls else 143),
                   folder)


def _is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def mailbox_name(folder):
    """A folder name as an IMAP command argument: modified UTF-7 (RFC 3501 5.1.3), quoted."""
    encoded, pending = [], []

    def flush():
        if pending:
            utf16 = "".join(pending).encode("utf-16-be")
            encoded.append("&" + base64.b64encode(utf16).decode().rstrip("=").replace("/", ",")
                           + "-")
            pending.clear()

    for char in folder:
        if " " <= char <= "~":
            flush()
            encoded.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return '"' + "".join(encoded).replace("\\", "\\\\").replace('"', '\\"') + '"'


class ImapSource:
    """The folder of approved mail at `url`, as a context manager holding the connection."""

    def __init__(self, url, password=None, timeout=TIMEOUT):
        self.url = parse_url(url) if isinstance(url, str) else url
        self.password = password if password is not None else os.environ.get(PASSWORD_VARIABLE)
        self.timeout = timeout
        self.name = f"the IMAP folder {self.url.folder} at {self.url.server}"
        self.connection = None
        self.capabilities = frozenset()

    def __enter__(self):
        if not self.password:
            raise ImapError(f"set the environment variable {PASSWORD_VARIABLE} to the password "
                            f"of {self.url.user} at {self.url.server}")
        try:
            if self.url.tls:
                self.connection = imaplib.IMAP4_SSL(
                    self.url.host, self.url.port, ssl_context=ssl.create_default_context(),
                    timeout=self.timeout)
            else:
                self.connection = imaplib.IMAP4(self.url.host, self.url.port,
                                                timeout=self.timeout)
        except ssl.SSLCertVerificationError as error:
            raise ImapError(f"{self.url.server}: its TLS certificate cannot be trusted: "
                            f"{error.verify_message}") from error
        except (OSError, imaplib.IMAP4.error) as error:
            raise ImapError(f"cannot reach the IMAP server {self.url.server}: "
                            f"{_said(error)}") from error
        try:
            self.connection.login(self.url.user, self.password)
        except imaplib.IMAP4.error as error:
            raise ImapError(f"the IMAP server {self.url.server} refused the login of "
                            f"{self.url.user}: {_said(error)}") from error
        except OSError as error:
            raise self._lost("logging in", error) from error
        self._run("reading its capabilities", self._read_capabilities)
        self._run(f"opening the folder {self.url.folder}", lambda: self._ok(
            self.connection.select(mailbox_name(self.url.folder)),
            f"there is no folder {self.url.folder!r} (or it cannot be opened)"))
        return self

    def __exit__(self, *exc):
        if self.connection is not None:
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                self.connection.logout()  # an error: gone already, nothing left to do on it
            self.connection = None

    def _read_capabilities(self):
        # The capabilities after login can differ from the greeting's (MOVE, UIDPLUS).
        data = self._ok(self.connection.capability(), "no capability list")
        self.capabilities = frozenset(data[0].decode("ascii", "replace").upper().split())

    def items(self):
        """Every message in the folder, in UID order, as Items keyed by UID."""
        return self._run("reading the messages", self._fetch_all)

    def _fetch_all(self):
        uids = self._ok(self.connection.uid("SEARCH", None, "ALL"), "cannot search")[0].split()
        if not uids:
            return []
        sizes = {}
        for line in self._ok(self.connection.uid("FETCH", b",".join(uids), "(RFC822.SIZE)"),
                             "cannot read the sizes"):
            line = line if isinstance(line, bytes) else line[0]
            found = re.search(rb"UID (\d+)", line), re.search(rb"RFC822\.SIZE (\d+)", line)
            if all(found):
                sizes[found[0][1]] = int(found[1][1])
        items = []
        for uid in uids:
            where = f"UID {uid.decode()}"
            reason = too_large(sizes.get(uid, 0))
            if reason:
                items.append(Item(where, skipped=reason, key=uid))
                continue
            data = self._ok(self.connection.uid("FETCH", uid, "(BODY.PEEK[])"),
                            f"cannot fetch {where}")
            raw = next((part[1] for part in data if isinstance(part, tuple)), None)
            if raw is None:
                raise ImapError(f"{self.name}: the server sent no message for {where}")
            items.append(Item(where, raw, key=uid))
        return items

    def file_away(self, imported, held):
        """Move the imported messages to "Imported" and the held ones to "Held"."""
        for keys, name in ((imported, IMPORTED), (held, HELD)):
            if keys:
                self._run(f"moving messages to {name}", lambda k=keys, n=name: self._move(k, n))

    def _move(self, uids, name):
        folder = mailbox_name(self._sibling(name))
        created = self.connection.create(folder)
        if created[0] == "OK":
            self.connection.subscribe(folder)  # so that mail apps show it
        uid_set = b",".join(uids)
        if "MOVE" in self.capabilities:
            self._ok(self.connection.uid("MOVE", uid_set, folder), f"cannot move to {name}")
            return
        self._ok(self.connection.uid("COPY", uid_set, folder), f"cannot copy to {name}")
        self._ok(self.connection.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)"),
                 "cannot mark the copied messages deleted")
        if "UIDPLUS" in self.capabilities:
            self._ok(self.connection.uid("EXPUNGE", uid_set), "cannot expunge")
        else:
            self._ok(self.connection.expunge(), "cannot expunge")

    def _sibling(self, name):
        """`name` beside the approved folder: "INBOX.Imported" for "INBOX.Approved"."""
        listed = self._ok(self.connection.list('""', mailbox_name(self.url.folder)),
                          "cannot list the folder")
        found = re.match(rb'\([^)]*\) (NIL|"(\\.|[^"])")', listed[0] or b"")
        delimiter = found[1].strip(b'"').decode() if found and found[1] != b"NIL" else None
        if delimiter and delimiter in self.url.folder:
            return self.url.folder.rsplit(delimiter, 1)[0] + delimiter + name
        return name

    def _run(self, doing, action):
        try:
            return action()
        except (OSError, imaplib.IMAP4.abort) as error:
            raise self._lost(doing, error) from error
        except imaplib.IMAP4.error as error:
            raise ImapError(f"{self.name}: {doing} failed: {_said(error)}") from error

    def _lost(self, doing, error):
        return ImapError(f"{self.name}: the connection was lost while {doing}: {_said(error)}")

    def _ok(self, response, failure):
        status, data = response
        if status != "OK":
            detail = b" ".join(part for part in data if isinstance(part, bytes)).decode(
                "utf-8", "replace")
            raise ImapError(f"{self.name}: {failure}" + (f" ({detail})" if detail else ""))
        return data


def _said(error):
    """An imaplib or socket error's words, on one line."""
    text = error.args[0] if error.args else error
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(str(text).split()) or type(error).__name__
