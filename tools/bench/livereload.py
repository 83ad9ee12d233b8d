"""Benchmark of `invoke livereload` through a real browser: `python -m tools.bench.livereload`.

Generates the synthetic archive, starts the preview (`python -m tools.preview`) in its
own process, opens pages in Debian's Chromium with Playwright and times, from the
moment an edited post file is written until the new text is on screen:

- body edits on the post's own page (the median of --edits of them);
- a title edit, seen on the home page.

After the edits it checks the settled output/ against a clean build (sha256 of every
file, search index included) and reports the preview process's peak memory (VmHWM;
Pagefind and the responses worker are separate processes, reported apart).
"""

import argparse
import hashlib
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tools.config import CONFIG

from . import generate, measure

REPO_ROOT = measure.REPO_ROOT
# The live preview's budgets: seconds from a save to the page on screen (an edited body, an
# edited title), and the process's peak memory.
BODY_BUDGET, TITLE_BUDGET, MEMORY_BUDGET_MB = 1.0, 2.0, 500


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.bench.livereload",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--responses", type=int, default=20000)
    parser.add_argument("--edits", type=int, default=5, help="body edits to time")
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip the clean build the settled output is compared with")
    return parser.parse_args(argv)


class PreviewProcess:
    """`python -m tools.preview` in its own process; its terminal lines on a queue."""

    def __init__(self, content, output, port):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tools.preview", "--content", str(content), "--output",
             str(output), "--port", str(port)],
            cwd=REPO_ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern, timeout):
        """The first new terminal line matching `pattern`."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is not None and re.search(pattern, line):
                return line
            if line is not None and "failed" in line:
                print("  preview:", line, file=sys.stderr)
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"the preview never printed /{pattern}/")

    def peak_memory_mb(self):
        return measure.peak_memory_mb(self.process.pid)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def timed_edit(page, change, token):
    """Write the change; seconds until `token` is in the page's text."""
    change()
    written = time.perf_counter()
    page.wait_for_function(f"document.body.innerText.includes({token!r})", polling="raf",
                           timeout=60000)
    return time.perf_counter() - written


def seconds(line):
    """The time in one of the preview's lines ("... in 0.31 s ...")."""
    return float(re.search(r" in ([0-9.]+) s", line).group(1))


def open_page(browser, url):
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("window.previewListening === true", polling=50)
    return page


def manifest(folder):
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(Path(folder).rglob("*")) if path.is_file()}


def clean_build(content, output):
    """`invoke build` of the same sources, into an empty folder."""
    from pagefind_bin import get_executable

    subprocess.run([sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s",
                    str(REPO_ROOT / "pelicanconf.py"), "--fatal", "errors", "-e",
                    f'CACHE_PATH="{output.parent / "clean-cache"}"'],
                   cwd=REPO_ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(get_executable()), "--site", str(output), "--silent"], check=True)


def run(args, workdir):
    from playwright.sync_api import sync_playwright

    site = generate.generate_site(workdir / "site", args.posts, args.responses, args.seed)
    output = workdir / "output"
    results = {"posts": args.posts, "responses": args.responses,
               "load": os.getloadavg()}
    started = time.perf_counter()
    preview = PreviewProcess(site.content, output, args.port)
    try:
        preview.wait_for(r"serving at", timeout=900)
        results["first_build_s"] = time.perf_counter() - started
        base = f"http://127.0.0.1:{args.port}/"
        by_date = sorted(site.posts, key=lambda post: post.date)
        middle = by_date[len(by_date) // 2]
        newest = by_date[-1]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CONFIG["chromium"],
                                                args=CONFIG["chromium_args"])
            post_page = open_page(browser, base + f"{middle.date:%Y/%m}/{middle.slug}/")
            body, rendered, settled = [], [], []
            for number in range(1, args.edits + 1):
                token = f"benchedit{number}x"  # what generate.edit_post writes
                body.append(timed_edit(
                    post_page, lambda number=number: generate.edit_post(middle, number), token))
                rendered.append(seconds(preview.wait_for(r"on screen in", timeout=600)))
                settled.append(seconds(preview.wait_for(r"settled in", timeout=600)))
                time.sleep(1)
            post_page.close()
            home = open_page(browser, base)
            title_token = "Benchtitlex"

            def retitle():
                text = newest.path.read_text(encoding="utf-8")
                newest.path.write_text(re.sub(r"(?m)^Title: ", f"Title: {title_token} ",
                                              text, count=1), encoding="utf-8")

            results["title_s"] = timed_edit(home, retitle, title_token)
            results["title_rendered_s"] = seconds(preview.wait_for(r"on screen in", 600))
            results["title_settled_s"] = seconds(preview.wait_for(r"settled in", 600))
            browser.close()
        results["body_s"] = body
        results["body_rendered_s"], results["body_settled_s"] = rendered, settled
        results["body_median_s"] = statistics.median(body)
        results["peak_mb"] = preview.peak_memory_mb()
        results["load_after"] = os.getloadavg()
        if not args.no_verify:
            results["search_s"] = seconds(preview.wait_for(r"search index rebuilt", 600))
            settled = manifest(output)
            clean = workdir / "clean"
            clean_build(site.content, clean)
            expected = manifest(clean)
            results["identical"] = settled == expected
            results["differences"] = sorted(
                path for path in set(settled) | set(expected)
                if settled.get(path) != expected.get(path))[:20]
    finally:
        preview.stop()
    return results


def report(results):
    body = ", ".join(f"{seconds:.2f}" for seconds in results["body_s"])
    lines = [
        f"Preview benchmark: {results['posts']} posts, {results['responses']} responses; "
        f"load average before {results['load'][0]:.1f}, after {results['load_after'][0]:.1f}",
        f"- first build (whole site, search index included): {results['first_build_s']:.1f} s",
        f"- body edit on the post's own page: median {results['body_median_s']:.2f} s "
        f"({body}); budget {BODY_BUDGET} s",
        f"  - of which the preview's own work (re-read, swap, render the post's page and "
        f"listings): median {statistics.median(results['body_rendered_s']):.2f} s; settling "
        f"the rest in the background: median {statistics.median(results['body_settled_s']):.1f} s",
        f"- title edit seen on the home page: {results['title_s']:.2f} s; budget "
        f"{TITLE_BUDGET} s (preview's own work {results['title_rendered_s']:.2f} s, settled "
        f"after {results['title_settled_s']:.1f} s)",
        f"- preview process peak memory (VmHWM): {results['peak_mb']:.0f} MB; budget "
        f"{MEMORY_BUDGET_MB} MB",
    ]
    if "search_s" in results:
        lines.append(f"- search index (Pagefind, separate process) rebuilt in "
                     f"{results['search_s']:.1f} s once edits paused")
    if "identical" in results:
        lines.append("- settled output/ vs a clean build: " + (
            "identical (sha256 of every file)" if results["identical"]
            else f"DIFFERENT: {results['differences']}"))
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="spm-bench-preview-"))
    try:
        results = run(args, workdir)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(results))
    passed = (results["body_median_s"] <= BODY_BUDGET and results["title_s"] <= TITLE_BUDGET
              and results["peak_mb"] <= MEMORY_BUDGET_MB and results.get("identical", True))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
