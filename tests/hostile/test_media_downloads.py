"""The media downloads' door: what a server answers is kept only when it is the file asked
for, from the --media source itself, whole, in time and within the size cap.

A real HTTP server on 127.0.0.1 (an ephemeral port) answers each file of an old uploads
folder in its own hostile way: redirects elsewhere, a body that drips, one too large, one
cut off, an HTML page under a picture's name. Each is refused with one line naming the
file and why, the rest are downloaded, and nothing is written outside the download cache
and the content folder; credentials in the --media URL are sent to that server only and
never printed or written.
"""

import base64
import logging
import time
from http.server import BaseHTTPRequestHandler

import pytest
from media_helpers import picture, serving
from wxr_export import post, write_export

from tools.wordpress import MediaSourceError, import_wordpress
from tools.wordpress.cli import main

PICTURE = picture((10, 200, 30), (30, 20))
OTHER_PICTURE = picture((200, 10, 30), (31, 21))
LONG_NAME = "l" * 300 + ".png"
PASSWORD = "s3cret-pw-probe"
CAP_MB = 1
DEADLINE = 1.0
HTML_PAGE = b"<!DOCTYPE html><html><body>Site under maintenance</body></html>"
SVG_WITH_SCRIPT = (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)'
                   b"</script></svg>")


class OldServer(BaseHTTPRequestHandler):
    """/uploads/2020/05/<name>: each name answers as the case it is named after."""

    other_port = 0

    def log_message(self, *args):
        pass

    def send(self, body, status=200, headers=()):
        self.send_response(status)
        for name, value in headers or [("Content-Length", str(len(body)))]:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # noqa: N802 (http.server's name)
        here = f"127.0.0.1:{self.server.server_address[1]}"
        name = self.path.rsplit("/", 1)[-1]
        if self.path.startswith("/private/"):
            expected = "Basic " + base64.b64encode(f"editor:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                return self.send(b"who are you?", status=401)
            return self.send(PICTURE)
        cases = {
            "ok.png": lambda: self.send(PICTURE),
            LONG_NAME: lambda: self.send(OTHER_PICTURE),
            "redirect-same.png": lambda: self.redirect("/uploads/2020/05/ok.png"),
            "redirect-port.png": lambda: self.redirect(
                f"http://127.0.0.1:{self.other_port}/uploads/2020/05/ok.png"),
            "redirect-host.png": lambda: self.redirect(
                f"http://localhost:{self.server.server_address[1]}/uploads/2020/05/ok.png"),
            "redirect-scheme.png": lambda: self.redirect(f"https://{here}/uploads/2020/05/ok.png"),
            "redirect-file.png": lambda: self.redirect("file:///etc/passwd"),
            "redirect-loop.png": lambda: self.redirect("/uploads/2020/05/redirect-loop.png"),
            "drip.png": self.drip,
            "slow-headers.png": self.slow_headers,
            "big-declared.png": lambda: self.send(b"", headers=[("Content-Length", "10485760")]),
            "big-chunked.png": self.big_chunked,
            "cut.png": lambda: self.send((PICTURE * 2)[:100], headers=[("Content-Length", "5000")]),
            "cut-chunked.png": self.cut_chunked,
            "page.jpg": lambda: self.send(HTML_PAGE),
            "junk.png": lambda: self.send(bytes(range(256)) * 8),
            "half.png": lambda: self.send(PICTURE[: len(PICTURE) // 2]),
            "script.svg": lambda: self.send(SVG_WITH_SCRIPT),
            "report.pdf": lambda: self.send(HTML_PAGE),
            "error.png": lambda: self.send(b"oops", status=500),
        }
        if name in cases:
            return cases[name]()
        return self.send(b"not here", status=404)

    def drip(self):
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    def slow_headers(self):
        time.sleep(DEADLINE * 2)
        self.send(PICTURE)

    def start_chunked(self):
        self.protocol_version = "HTTP/1.1"
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()

    def big_chunked(self):
        self.start_chunked()
        chunk = b"y" * 65536
        try:
            for _ in range(CAP_MB * 16 + 8):
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass

    def cut_chunked(self):
        self.start_chunked()
        self.wfile.write(b"64\r\n" + (PICTURE * 2)[:100] + b"\r\n")
        self.close_connection = True


@pytest.fixture(scope="module")
def servers():
    with serving(OldServer) as other, serving(OldServer) as main_server:
        OldServer.other_port = other.server_address[1]
        yield main_server.server_address[1]


# Every hostile case: the file's name and the start of the one line that refuses it.
REFUSED = {
    "redirect-port.png": "redirected to http://127.0.0.1:{other}/uploads/2020/05/ok.png, another "
                         "address than the --media source's; not followed",
    "redirect-host.png": "redirected to http://localhost:{port}/uploads/2020/05/ok.png, another "
                         "address than the --media source's; not followed",
    "redirect-scheme.png": "redirected to https://127.0.0.1:{port}/uploads/2020/05/ok.png, "
                           "another address than the --media source's; not followed",
    "redirect-file.png": "redirected to file:///etc/passwd, another address than the --media "
                         "source's; not followed",
    "redirect-loop.png": "more than 5 redirects",
    "drip.png": f"took longer than {DEADLINE:g} s",
    "slow-headers.png": f"took longer than {DEADLINE:g} s",
    "big-declared.png": "is 10.0 MB, more than the cap of 1.0 MB (--media-max-mb)",
    "big-chunked.png": "is more than the cap of 1.0 MB (--media-max-mb)",
    "cut.png": "cut off after 100 bytes of 5,000 bytes",
    "cut-chunked.png": "cut off after",
    "page.jpg": "the file is not an image",
    "junk.png": "the file is not an image",
    "half.png": "the file is a damaged image",
    "script.svg": "the file is an SVG image with script in it",
    "report.pdf": "the file is an HTML page, not a .pdf",
    "error.png": "HTTP 500",
    "missing.png": "HTTP 404",
}
KEPT = ["ok.png", "redirect-same.png", LONG_NAME]


@pytest.fixture(scope="module")
def downloaded(servers, tmp_path_factory):
    root = tmp_path_factory.mktemp("downloads")
    names = [*KEPT, *REFUSED]
    export = write_export(root / "export.xml", [post(1, "Files", "".join(
        f'<p><a href="https://old.example/wp-content/uploads/2020/05/{name}">{name}</a></p>'
        for name in names), post_name="files")])
    started = time.monotonic()
    report = import_wordpress(export, root / "content", media=f"http://127.0.0.1:{servers}/uploads",
                              media_cache=root / "cache", media_timeout=DEADLINE,
                              media_max_bytes=CAP_MB * 1024 * 1024)
    return report, root, time.monotonic() - started


@pytest.mark.parametrize("name", list(REFUSED))
def test_each_hostile_reply_is_refused_in_one_line(downloaded, servers, name):
    report, _root, _seconds = downloaded
    reasons = {url.rsplit("/", 1)[-1]: reason for url, (reason, _files) in
               report.media.missing.items()}
    expected = REFUSED[name].format(port=servers, other=OldServer.other_port)
    assert reasons[name].startswith(expected), reasons[name]
    assert reasons[name].endswith(f"(http://127.0.0.1:{servers}/uploads/2020/05/{name})")
    lines = [line for line in str(report).splitlines() if f"/2020/05/{name} " in line]
    assert len(lines) == 1 and lines[0].startswith("  missing media ")


def test_only_whole_files_from_the_source_are_kept(downloaded):
    report, root, _seconds = downloaded
    media = root / "content" / "media" / "2020" / "05"
    kept = sorted(path.name for path in media.iterdir())
    assert (media / "ok.png").read_bytes() == PICTURE
    assert (media / "redirect-same.png").read_bytes() == PICTURE
    [long_one] = [name for name in kept if name.startswith("lll")]
    assert len(long_one.encode()) <= 255 and (media / long_one).read_bytes() == OTHER_PICTURE
    assert len(kept) == 3
    cached = sorted(path.name for path in (root / "cache").rglob("*") if path.is_file())
    assert sorted(cached) == sorted(kept)  # nothing partial or refused is left in the cache
    media_line = next(line for line in str(report).splitlines() if line.startswith("  media:"))
    assert (f"(downloaded now: 3, from the download cache: 0, failed or refused: "
            f"{len(REFUSED)}); references rewritten: 3, missing: {len(REFUSED)}") in media_line
    assert report.failed


def test_a_dripping_server_cannot_hold_the_import(downloaded):
    _report, _root, seconds = downloaded
    # Four downloads at a time; the two slow ones each stop at the deadline (a per-read
    # timeout would let the drip run for 50 s).
    assert seconds < 10 * DEADLINE


def test_a_second_run_takes_what_it_has_from_the_cache(downloaded, servers):
    _report, root, _seconds = downloaded
    export = root / "export.xml"
    again = import_wordpress(export, root / "content", media=f"http://127.0.0.1:{servers}/uploads",
                             media_cache=root / "cache", media_timeout=DEADLINE,
                             media_max_bytes=CAP_MB * 1024 * 1024)
    assert (again.media.downloaded, again.media.from_cache) == (0, 3)
    assert again.media.failed == len(REFUSED)


def test_credentials_go_to_the_source_only_and_are_never_printed(servers, tmp_path, capsys,
                                                                 caplog):
    caplog.set_level(logging.DEBUG)
    export = write_export(tmp_path / "export.xml", [post(1, "Private", (
        '<img src="https://old.example/wp-content/uploads/2020/05/ok.png" alt="A">'
        '<img src="https://old.example/wp-content/uploads/2020/05/redirect-port.png" alt="B">'),
        post_name="private")])
    status = main(["--wxr", str(export), "--content", str(tmp_path / "content"),
                   "--media", f"http://editor:{PASSWORD}@127.0.0.1:{servers}/private/",
                   "--media-cache", str(tmp_path / "cache"), "--media-timeout", "2"])
    captured = capsys.readouterr()
    assert status == 0
    assert (tmp_path / "content/media/2020/05/ok.png").read_bytes() == PICTURE
    places = {"stdout": captured.out, "stderr": captured.err, "log": caplog.text}
    places.update((str(path), path.read_bytes().decode("utf-8", "replace"))
                  for path in tmp_path.rglob("*") if path.is_file())
    places.update((str(path), "") for path in tmp_path.rglob("*"))
    assert [where for where, text in places.items()
            if PASSWORD in text or PASSWORD in where or "editor:" in where] == []
    assert f"from http://127.0.0.1:{servers}/private/" in captured.out


def test_the_cache_is_never_written_outside_its_folder(servers, tmp_path):
    export = write_export(tmp_path / "export.xml", [post(1, "Files", (
        '<a href="https://old.example/wp-content/uploads/2020/05/ok.png">x</a>'),
        post_name="files")])
    cache = tmp_path / "cache"
    # An address climbing out of its folder, plain and percent-encoded.
    for spec in (f"http://127.0.0.1:{servers}/uploads/../../../../escape/../uploads",
                 f"http://127.0.0.1:{servers}/uploads/%2e%2e/%2e%2e/escape/%2e%2e/uploads"):
        import_wordpress(export, tmp_path / "content", media=spec, media_cache=cache)
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert all(path.is_relative_to(cache) or path.is_relative_to(tmp_path / "content")
               or path == export for path in written), written
    assert not (tmp_path / "escape").exists()


def test_a_symlink_planted_in_the_cache_is_not_written_through(servers, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    cache = tmp_path / "cache"
    (cache / f"127.0.0.1_{servers}" / "uploads" / "2020").mkdir(parents=True)
    (cache / f"127.0.0.1_{servers}" / "uploads" / "2020" / "05").symlink_to(outside)
    export = write_export(tmp_path / "export.xml", [post(1, "Files", (
        '<a href="https://old.example/wp-content/uploads/2020/05/ok.png">x</a>'),
        post_name="files")])
    report = import_wordpress(export, tmp_path / "content",
                              media=f"http://127.0.0.1:{servers}/uploads", media_cache=cache)
    assert list(outside.iterdir()) == []
    [(reason, _files)] = report.media.missing.values()
    assert reason == "a symlink is in its way in the download cache; not used"


@pytest.mark.parametrize("spec", ["ftp://127.0.0.1/uploads/", "file:///etc/",
                                  "gopher://old.example/", "http:///no-host/",
                                  "http://127.0.0.1/uploads/?download=1"])
def test_only_an_http_or_https_folder_is_a_source(spec, tmp_path):
    export = write_export(tmp_path / "export.xml", [post(1, "T", "<p>x</p>")])
    with pytest.raises(MediaSourceError, match=r"^--media \S+: (not an http\(s\) URL|the "
                                               r"uploads folder's URL has no query)"):
        import_wordpress(export, tmp_path / "content", media=spec)
    assert not (tmp_path / "content").exists()
