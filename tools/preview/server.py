"""Serve output/ and tell open pages when to reload (Server-Sent Events).

Every HTML page is sent with a small script added before ``</body>``; the files
in output/ are never touched. The script listens on EVENTS_PATH and reloads
when its own page is among the changed ones, or when the preview restarts. A
page whose ``<html>`` says NO_RELOAD (the CMS at /admin/, which would lose the
author's unsaved work) is sent as it is.

Only regular files inside output/ are served: never a symbolic link (nor a file
under one), a folder listing, or a FIFO. Only requests naming the address the
preview serves in their Host header are answered, so a web page on another
site cannot read the preview through a name it points at 127.0.0.1 (DNS
rebinding); any other Host gets 403 and one line in the terminal.
"""

import json
import os
import stat
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

EVENTS_PATH = "/__preview/events"
SCRIPT = (
    "<script>(function(){var opened=false,source=new EventSource(" + json.dumps(EVENTS_PATH) + ");"
    "source.onopen=function(){if(opened)location.reload();opened=window.previewListening=true;};"
    'source.addEventListener("reload",function(event){var changed=JSON.parse(event.data),'
    'here=location.pathname.replace(/index\\.html$/,"");'
    'if(changed==="*"||changed.indexOf(here)>=0)location.reload();});})();</script>'
)
NO_RELOAD = b'data-preview-reload="off"'
# A change to more pages than this reloads every open page.
MAX_LISTED = 500


class Reloads:
    """The changes announced so far; each SSE connection waits for newer ones."""

    def __init__(self):
        self.condition = threading.Condition()
        self.announced = []
        self.closed = False

    def announce(self, paths):
        """`paths`: URL paths ("/2020/01/slug/"), or "*" for every page."""
        with self.condition:
            self.announced.append(paths)
            self.condition.notify_all()

    def wait(self, seen, timeout):
        with self.condition:
            self.condition.wait_for(lambda: len(self.announced) > seen or self.closed, timeout)
            return self.announced[seen:], len(self.announced)

    def close(self):
        with self.condition:
            self.closed = True
            self.condition.notify_all()


def url_paths(output, files):
    """The URL paths of written files, for the pages' script; "*" if there are many."""
    pages = [os.path.relpath(path, output).replace(os.sep, "/") for path in files]
    if len(pages) > MAX_LISTED or any(not page.endswith(".html") for page in pages):
        return "*"
    return ["/" + page.removesuffix("index.html") for page in pages]


def served_path(root, url_path):
    """The regular file or folder under `root` that `url_path` names, or None: for a path
    outside `root`, one through a symbolic link, or anything else (a FIFO, a device)."""
    parts = [part for part in unquote(url_path).split("/") if part]
    if any(part in (".", "..") or "\\" in part or "\0" in part for part in parts):
        return None
    local, mode = root, stat.S_IFDIR
    for part in parts:
        local = os.path.join(local, part)
        try:
            mode = os.lstat(local).st_mode
        except OSError:
            return None
        if stat.S_ISLNK(mode):
            return None
    return local if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else None


def is_regular_file(path):
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


class PreviewHandler(SimpleHTTPRequestHandler):
    # Decap CMS reads admin/config.yml, and says so in the console when it is not YAML.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def log_message(self, format, *args):
        pass  # the terminal is for build messages

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        if not self.host_allowed():
            return self.refuse_host()
        path = urlsplit(self.path).path
        if path == EVENTS_PATH:
            return self.send_events()
        local = served_path(self.directory, path)
        if local is not None and os.path.isdir(local):
            if not path.endswith("/"):
                return super().do_GET()  # redirects to the folder's address with "/"
            local = os.path.join(local, "index.html")
        if local is not None and is_regular_file(local):
            if local.endswith(".html"):
                return self.send_page(local, 200)
            return super().do_GET()
        missing = os.path.join(self.directory, "404.html")
        if is_regular_file(missing):
            return self.send_page(missing, 404)
        return self.send_error(HTTPStatus.NOT_FOUND)

    def do_HEAD(self):
        if not self.host_allowed():
            return self.refuse_host()
        local = served_path(self.directory, urlsplit(self.path).path)
        if local is None or not is_regular_file(local):
            return self.send_error(HTTPStatus.NOT_FOUND)
        return super().do_HEAD()

    def translate_path(self, path):
        # Only reached once do_GET or do_HEAD has found `path` to be one to serve.
        return served_path(self.directory, urlsplit(path).path) or os.devnull + ".missing"

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND)  # a folder without index.html is not a page

    def host_allowed(self):
        return self.headers.get("Host", "").lower() in self.server.hosts

    def refuse_host(self):
        host = self.headers.get("Host", "(none)")
        print(f"preview: refused a request for Host {host!r}: only "
              f"{self.server.url()} is served", file=sys.stderr)
        self.send_error(HTTPStatus.FORBIDDEN, "This preview answers only at "
                        f"{self.server.url()}")

    def send_page(self, local, status):
        try:
            with open(local, "rb") as page:
                body = page.read()
        except OSError:
            return self.send_error(404)
        if NO_RELOAD not in body[:500]:
            script = SCRIPT.encode("utf-8")
            end = body.lower().rfind(b"</body>")
            body = body[:end] + script + body[end:] if end >= 0 else body + script
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_events(self):
        reloads = self.server.reloads
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = len(reloads.announced)
        try:
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while not reloads.closed:
                changes, seen = reloads.wait(seen, timeout=15)
                for paths in changes:
                    self.wfile.write(f"event: reload\ndata: {json.dumps(paths)}\n\n".encode())
                if not changes:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, output):
        self.reloads = Reloads()
        super().__init__(address, partial(PreviewHandler, directory=output))
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        # The Host values a browser sends for this server: its address, or localhost.
        self.hosts = {f"{host}:{port}".lower(), f"localhost:{port}"}

    def url(self):
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/"

    def server_close(self):
        self.reloads.close()
        super().server_close()
