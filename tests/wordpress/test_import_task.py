"""`invoke import-wordpress`: its help names every download option, and each one reaches the
import (a real server on 127.0.0.1 answers the downloads)."""

import subprocess
import sys
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from media_helpers import png_bytes, serving
from wxr_export import post, write_export

from sitebuild import REPO_ROOT

INVOKE = str(Path(sys.executable).with_name("invoke"))


def invoke(*args, timeout=120):
    return subprocess.run([INVOKE, *args], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=timeout)


def test_the_help_names_every_download_option():
    out = invoke("import-wordpress", "--help").stdout
    for option in ("--media=STRING", "--media-cache=STRING", "--media-timeout=STRING",
                   "--media-max-mb=STRING", "--force", "--debug"):
        assert option in out
    assert "seconds a whole download may take" in out


class Uploads(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path.endswith("/slow.png"):
            time.sleep(1.5)
        super().do_GET()


def test_the_download_options_reach_the_import(tmp_path):
    uploads = tmp_path / "site" / "uploads" / "2020" / "05"
    uploads.mkdir(parents=True)
    for name, size in (("small.png", 4), ("big.png", 400), ("slow.png", 4)):
        (uploads / name).write_bytes(png_bytes(size, size, (size % 256, 90, 200)))
    export = write_export(tmp_path / "export.xml", [post(1, "Pictures", "".join(
        f'<img src="https://old.example/wp-content/uploads/2020/05/{name}" alt="{name}">'
        for name in ("small.png", "big.png", "slow.png")), post_name="pictures")])
    with serving(partial(Uploads, directory=str(tmp_path / "site"))) as server:
        result = invoke("import-wordpress", "--wxr", str(export),
                        "--content", str(tmp_path / "content"),
                        "--media", f"http://127.0.0.1:{server.server_address[1]}/uploads/",
                        "--media-cache", str(tmp_path / "downloads"),
                        "--media-timeout", "0.5", "--media-max-mb", "0.001")
    assert result.returncode == 1
    assert "(big.png), old address kept" not in result.stdout
    missing = {line.split()[2].rsplit("/", 1)[-1]: line for line in result.stdout.splitlines()
               if line.startswith("  missing media")}
    assert "more than the cap of 1,048 bytes (--media-max-mb)" in missing["big.png"]
    assert "took longer than 0.5 s" in missing["slow.png"]
    assert [path.name for path in (tmp_path / "downloads").rglob("*.png")] == ["small.png"]
    assert (tmp_path / "content/media/2020/05/small.png").exists()
