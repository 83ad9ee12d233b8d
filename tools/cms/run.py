"""`invoke cms`: Decap's local backend (decap-server) on the working tree, with the live preview.

decap-server (pinned in package.json, installed by ``npm ci``) saves what the CMS writes
straight into the project's folder: no account, no network. The live preview
(tools/preview) serves the site and /admin/, told decap-server's address, and shows each
saved post. Both listen on 127.0.0.1 only, and decap-server answers only pages from the
preview's own address. Ctrl-C stops both.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools.config import CONFIG, ROOT

DECAP_SERVER = Path("node_modules") / "decap-server" / "dist" / "index.js"
HOST = CONFIG["host"]
INSTALL = "apt-get install -y nodejs npm, then run `npm ci` in the project's folder"


class CmsError(SystemExit):
    def __init__(self, message):
        super().__init__(f"cms: {message}")


def free_port(host=HOST):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def decap_server_command(root):
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise CmsError(f"Node.js is needed for the CMS's local backend: {INSTALL}")
    server = Path(root) / DECAP_SERVER
    if not server.is_file():
        raise CmsError(f"decap-server is not installed in {root}: {INSTALL}")
    return [node, str(server)]


def answers(url, process, timeout, data=None):
    """Wait until `url` answers (a POST of `data`, if given); False if `process` ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        request = urllib.request.Request(url, data=data, headers={
            "Content-Type": "application/json"} if data else {})
        try:
            with urllib.request.urlopen(request, timeout=2):
                return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    return False


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.cms.run", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project folder the CMS writes into (default: this one)")
    parser.add_argument("--port", type=int, default=CONFIG["port"],
                        help="the preview's port, where /admin/ is (0: any free port)")
    parser.add_argument("--backend-port", type=int, default=0,
                        help="decap-server's port (default: any free port)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # Stopped by a signal, as by Ctrl-C, the two servers go too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    root = args.root.resolve()
    port = args.port or free_port()
    backend_port = args.backend_port or free_port()
    api = f"http://{HOST}:{backend_port}/api/v1"
    site = f"http://{HOST}:{port}/"
    server = subprocess.Popen(decap_server_command(root), cwd=root, env={
        **os.environ, "PORT": str(backend_port), "BIND_HOST": HOST, "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(root), "ORIGIN": site.rstrip("/"), "LOG_LEVEL": "warn"})
    preview = None
    try:
        if not answers(api, server, 30, data=json.dumps({"action": "info"}).encode()):
            raise CmsError(f"decap-server did not start on {HOST}:{backend_port}")
        preview = subprocess.Popen(
            [sys.executable, "-m", "tools.preview", "--settings", str(root / "pelicanconf.py"),
             "--host", HOST, "--port", str(port),
             "-e", f"DECAP_CMS_LOCAL_BACKEND={json.dumps(api)}"], cwd=root)
        if not answers(site + "admin/", preview, 300):
            raise CmsError(f"the preview did not start on {site}")
        print(f"cms: write in the browser at {site}admin/ (saved into {root}); the site is at "
              f"{site}. Ctrl-C stops both.", flush=True)
        while server.poll() is None and preview.poll() is None:
            time.sleep(0.5)
        if server.poll() is not None:
            raise CmsError(f"decap-server stopped (exit status {server.returncode})")
        return preview.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        if preview is not None:
            stop(preview)
        stop(server)


if __name__ == "__main__":
    sys.exit(main())
