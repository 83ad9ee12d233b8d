"""A real IMAP server for the tests: Debian's Dovecot on loopback, with a throwaway
configuration (no /etc/dovecot), users (a passwd-file each) and Maildirs under a temporary
folder of its own.

Every service runs as one unprivileged user, Dovecot's rootless mode: the current user, or
nobody when that is root (as in CI), since Dovecot will not serve mail as root. Plain IMAP
and IMAP over TLS (a self-signed certificate made with the openssl command) are both
served, each on a port of its own picked from the ephemeral range. One server serves the
whole session; each test takes a user of its own (``new_user``).
"""

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

from sitebuild import free_port

DOVECOT = Path("/usr/sbin/dovecot")
INSTALL = "apt-get install -y dovecot-imapd"
PASSWORD = "correct horse battery staple"


def _existing_user(*names):
    for name in names:
        try:
            return pwd.getpwnam(name).pw_name
        except KeyError:
            continue
    return "nobody"


def self_signed_certificate(folder):
    """(certificate, key) for localhost and 127.0.0.1, made with the openssl command."""
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )
    return certificate, key


def server_user():
    """(name, uid, gid) Dovecot runs as: the current user, or nobody for root, since Dovecot
    will not serve mail as root (its login processes refuse to run as root, and it refuses
    uid 0 for mail)."""
    entry = pwd.getpwuid(os.getuid()) if os.getuid() != 0 else pwd.getpwnam("nobody")
    return entry.pw_name, entry.pw_uid, entry.pw_gid


def configuration(root, imap_port, imaps_port, certificate, key):
    """A standalone dovecot.conf: nothing from /etc/dovecot, every path under `root`, every
    service as one unprivileged user (Dovecot's rootless mode: no chroot)."""
    user, uid, gid = server_user()
    return f"""\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{certificate}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {grp.getgrgid(gid).gr_name}
default_login_user = {user}
first_valid_uid = {uid}
last_valid_uid = {uid}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users/%u
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/homes/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    root: Path
    imap_port: int = 0
    imaps_port: int = 0
    certificate: Path | None = None
    process: subprocess.Popen | None = None
    _users: count = field(default_factory=lambda: count(1))

    @property
    def log(self):
        path = self.root / "dovecot.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def start(self):
        self.certificate, key = self_signed_certificate(self.root)
        (self.root / "users").mkdir()
        (self.root / "homes").mkdir()
        _, uid, gid = server_user()
        if os.getuid() != uid:
            for path in [self.root, *self.root.rglob("*")]:
                os.chown(path, uid, gid)
        for _attempt in range(5):
            self.imap_port, self.imaps_port = free_port(), free_port()
            conf = self.root / "dovecot.conf"
            conf.write_text(configuration(self.root, self.imap_port, self.imaps_port,
                                          self.certificate, key), encoding="utf-8")
            self.process = subprocess.Popen(
                [str(DOVECOT), "-F", "-c", str(conf)], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                user=uid if os.getuid() != uid else None,
                group=gid if os.getuid() != uid else None,
                extra_groups=[] if os.getuid() != uid else None)
            if self._wait_until_listening():
                return self
            self.stop()
        raise RuntimeError(f"Dovecot did not start:\n{self.log}")

    def _wait_until_listening(self, seconds=15):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False  # e.g. a port taken in between: try others
            try:
                with socket.create_connection(("127.0.0.1", self.imap_port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return True
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def new_user(self, capabilities=None):
        """A new user with an empty Maildir; `capabilities` replaces what IMAP advertises
        after login (e.g. without MOVE), as a server without that extension would."""
        name = f"editor{next(self._users)}"
        extra = f"userdb_imap_capability={capabilities}" if capabilities else ""
        # A passwd-file of its own: Dovecot would not see a line added to a file it read in
        # the same second.
        (self.root / "users" / name).write_text(f"{name}:{{PLAIN}}{PASSWORD}::::::{extra}\n",
                                                encoding="utf-8")
        return name

    def url(self, user, folder="Approved", tls=False, port=None):
        scheme, default = ("imaps", self.imaps_port) if tls else ("imap", self.imap_port)
        return f"{scheme}://{user}@127.0.0.1:{port or default}/{folder}"

    def client(self, user):
        connection = imaplib.IMAP4("127.0.0.1", self.imap_port)
        connection.login(user, PASSWORD)
        return connection


def start_dovecot():
    """The running server, or a failed test naming the package to install. Its folder is
    one of its own (Dovecot, running as nobody under root, cannot enter pytest's private
    temporary folders); stop() removes it."""
    if not DOVECOT.exists():
        import pytest

        pytest.fail(f"Dovecot is needed at {DOVECOT} for the IMAP tests: {INSTALL}",
                    pytrace=False)
    if not shutil.which("openssl"):
        import pytest

        pytest.fail("the openssl command is needed for the IMAP tests' certificate: "
                    "apt-get install -y openssl", pytrace=False)
    return Dovecot(Path(tempfile.mkdtemp(prefix="dovecot-tests-"))).start()


def append(connection, folder, message, flags=""):
    """APPEND a message to `folder` (created when missing), as a mail client files one."""
    connection.create(_quoted(folder))  # NO when it exists already, which is fine
    status, data = connection.append(_quoted(folder), flags, None, message)
    assert status == "OK", data


def folder_messages(connection, folder):
    """The raw messages in `folder`, in UID order; [] when the folder does not exist."""
    status, _ = connection.select(_quoted(folder), readonly=True)
    if status != "OK":
        return []
    _, data = connection.uid("SEARCH", "ALL")
    messages = []
    for uid in data[0].split():
        _, fetched = connection.uid("FETCH", uid, "(BODY.PEEK[])")
        messages.append(fetched[0][1])
    connection.close()
    return messages


def _quoted(folder):
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


class CuttingProxy:
    """A TCP proxy on loopback in front of the server that drops the connection, both
    ways, once the client has sent `after` times a command holding `trigger`: a network
    failure at a chosen point of the conversation."""

    def __init__(self, port, trigger, after=1):
        self.target = ("127.0.0.1", port)
        self.trigger, self.after, self.seen = trigger, after, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False),
                             daemon=True).start()

    def _pipe(self, source, destination, from_client):
        try:
            while data := source.recv(65536):
                if from_client and self.trigger in data:
                    self.seen += data.count(self.trigger)
                    if self.seen >= self.after:
                        self.cut.set()
                if self.cut.is_set():
                    break
                destination.sendall(data)
        except OSError:
            pass
        for each in (source, destination):
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
            each.close()

    def close(self):
        self.listener.close()
