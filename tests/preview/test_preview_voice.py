"""One voice: `python -m tools.preview` (what `invoke livereload` runs) prints each problem as
the one line `invoke build` prints for it, and a draft it writes says so on its page."""

import io
import os
import subprocess
import sys
import time
import urllib.request

from bs4 import BeautifulSoup
from preview_testing import LOCAL_SETTINGS, post_text, write_site

from sitebuild import REPO_ROOT, normalise
from tools.authoring.build import build as run_build


def build_lines(content, output):
    stream = io.StringIO()
    run_build(["-s", str(LOCAL_SETTINGS), "--fatal", "errors", str(content), "-o", str(output)],
              stream=stream)
    return stream.getvalue().splitlines()


def test_the_preview_prints_the_builds_one_line_messages_and_marks_drafts(tmp_path):
    content = write_site(tmp_path)
    typo = content / "posts" / "post-3.md"
    typo.write_text(post_text(3).replace("Category: general", "Catgory: general"), "utf-8")
    expected = build_lines(content, tmp_path / "built")
    assert expected == [f"WARNING {typo}:3: 'Catgory' is not a metadata key this site reads, "
                        "so it would be ignored; did you mean 'Category'?"]

    process = subprocess.Popen(
        [sys.executable, "-m", "tools.preview", "--settings", str(LOCAL_SETTINGS),
         "--content", str(content), "--output", str(tmp_path / "output"), "--port", "0",
         "--no-search"],
        cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "COLUMNS": "80"})  # a narrow terminal, as wrapping needs
    lines = []
    try:
        deadline = time.monotonic() + 120
        while not any("serving at" in line for line in lines):
            assert time.monotonic() < deadline and process.poll() is None, lines
            lines.append(process.stderr.readline().rstrip("\n"))
        url = lines[-1].split("serving at ")[1].split(" ")[0]
        with urllib.request.urlopen(url + "drafts/post-10/") as answer:
            served = BeautifulSoup(answer.read().decode("utf-8"), "html5lib")
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()
    assert lines[0] == "preview: building the whole site ..."
    assert lines[1:-1] == expected  # the same line, whole: no wrapped block
    assert lines[-1].startswith("preview: built in ")
    mark = served.select_one("article header .draft-mark")
    assert normalise(mark.get_text()) == "Draft: not published"
