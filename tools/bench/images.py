"""Benchmark of the photos a reader's phone downloads: `invoke bench --images`.

A post with five 3000x2000 phone photos (tools/bench/photos.py: about 1.8 MB each, with
camera data) and a few text posts is built with the publish settings:

- the first build's cost per photo: a build with an empty image cache, minus one that
  publishes the files as they are (IMAGES_PUBLISH = False), over five, in alternating
  rounds; and a second build (the cache full) against the first;
- the bytes Debian's Chromium moves for the post at 375x667 (2 device pixels a pixel) and at
  1280x800, and for the home page on the phone: the page and everything it loads (Resource
  Timing's transferSize), on load and after scrolling to the end;
- Lighthouse's mobile performance score and CLS on the post, when Lighthouse can be run
  (`--lighthouse PATH`, or `lighthouse` on PATH; `npm i -E lighthouse@12.2.3`);
- AVIF against WebP for one photo's 720 and 1200 px copies: bytes and encoding time (the site
  makes no AVIF; this says what it would buy).
"""

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from tools.config import CONFIG
from tools.static_server import serve

from . import measure, report
from .photos import phone_photo

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REPORT = REPO_ROOT / "docs" / "benchmarks-images.md"
POST_PATH = "2026/03/a-walk-by-the-clinic/"
# The budgets for pictures (docs/maintainers.md, Benchmark).
PHONE_KB, DESKTOP_KB, HOME_KB, SECOND_BUILD_RATIO = 300, 600, 300, 0.6
LIGHTHOUSE_SCORE, LIGHTHOUSE_CLS = 100, 0
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1}
PARAGRAPH = ("We walked along the river to the clinic, as many of our members do each week, "
             "and talked about what makes a visit go well: time to ask, notes to take home, "
             "and a clinician who listens. ")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.bench.images",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=5)
    parser.add_argument("--size", default="3000x2000", help="the photos' size, WxH")
    parser.add_argument("--runs", type=int, default=3, help="alternating build rounds")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--lighthouse", default=None,
                        help="the lighthouse command (default: `lighthouse` on PATH); "
                             "'none' to leave it out")
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder")
    return parser.parse_args(argv)


def write_site(content, photos, size):
    images = content / "images"
    images.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(1, photos + 1):
        name = f"IMG_{2040 + number}.jpg"
        phone_photo(images / name, size=size, seed=number)
        names.append(name)
    body = [f"{PARAGRAPH}\n\n![Photo {1} of the walk: the river path]({{static}}/images/"
            f"{names[0]})"]
    for number, name in enumerate(names[1:], 2):
        body.append(f"{PARAGRAPH * 2}\n\n![Photo {number} of the walk]({{static}}/images/{name})")
    post = content / "posts" / "walk.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text("Title: A walk by the clinic\nDate: 2026-03-14 09:30\nCategory: general\n"
                    "Slug: a-walk-by-the-clinic\n\n" + "\n\n".join(body) + "\n",
                    encoding="utf-8")
    for number in range(1, 6):
        (content / "posts" / f"note-{number}.md").write_text(
            f"Title: A note, number {number}\nDate: 2026-02-{number:02d} 09:30\n"
            f"Category: general\nSlug: note-{number}\n\n{PARAGRAPH * 3}\n", encoding="utf-8")
    return [images / name for name in names]


def write_settings(path, content, output, cache, siteurl, publish_images=True):
    path.write_text("\n".join([
        "import sys", f"sys.path.insert(0, {str(REPO_ROOT)!r})",
        "from publishconf import *  # noqa: F403",
        f"PATH = {str(content)!r}", f"OUTPUT_PATH = {str(output)!r}",
        f"CACHE_PATH = {str(cache)!r}", f"SITEURL = FEED_DOMAIN = {siteurl!r}",
        f"IMAGES_PUBLISH = {publish_images!r}", ""]), encoding="utf-8")
    return path


def measure_builds(work, content, siteurl, runs):
    """Rounds of: files as they are, first build (empty cache), second build (full cache);
    each `pelican` run timed in a process of its own (tools/bench/measure.py)."""
    rounds = []
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    for run in range(runs):
        found = {}
        for name, publish, fresh in (("plain", False, True), ("first", True, True),
                                     ("second", True, False)):
            output, cache = work / f"out-{name}", work / "cache"
            settings = write_settings(work / f"settings-{name}.py", content, output, cache,
                                      siteurl, publish)
            config = measure.BuildConfig(name=name, label=name, settings_file=settings,
                                         output=output, cache=cache, responses_expected=None,
                                         clear_cache=fresh)
            result = measure.run_build(config, run + 1, logs)
            if result.returncode:
                raise RuntimeError(f"the build failed; see {result.log}")
            found[name] = result.seconds, result.cpu_seconds
        rounds.append(found)
        print(f"  round {run + 1}: " + ", ".join(f"{name} {wall:.2f} s" for name, (wall, _cpu)
                                                 in found.items()), file=sys.stderr)
    return rounds


def bytes_moved(browser, url, device, scroll):
    """Bytes the page and all it loaded moved over the network (Resource Timing)."""
    context = browser.new_context(**device)
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    if scroll:
        height = page.evaluate("document.documentElement.scrollHeight")
        for top in range(0, height, 300):
            page.evaluate(f"window.scrollTo(0, {top})")
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")
        page.wait_for_function("Array.from(document.images).every(image => image.complete)")
    moved = page.evaluate("""[performance.getEntriesByType('navigation')[0],
        ...performance.getEntriesByType('resource')]
        .reduce((sum, entry) => sum + entry.transferSize, 0)""")
    images = page.evaluate("performance.getEntriesByType('resource').filter(e => "
                           "e.initiatorType === 'img').map(e => e.name.split('/').pop())")
    context.close()
    return moved, images


def measure_bytes(site_url, browser=None):
    """Bytes moved for each page and screen, in `browser` (Playwright's), else a new one."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CONFIG["chromium"],
                                                 args=CONFIG["chromium_args"])
            try:
                return measure_bytes(site_url, browser)
            finally:
                browser.close()
    found = {}
    for label, path, device in (("post, phone", POST_PATH, PHONE),
                                ("post, desktop", POST_PATH, DESKTOP),
                                ("home page, phone", "", PHONE)):
        for scroll in (False, True):
            found[(label, scroll)] = bytes_moved(browser, site_url + "/" + path, device, scroll)
    return found


def find_lighthouse(option):
    if option == "none":
        return None, "NOT MEASURED: left out (--lighthouse none)"
    command = option or shutil.which("lighthouse")
    if not command or not shutil.which(command):
        return None, ("NOT MEASURED: Lighthouse is not installed; `npm i -E lighthouse@12.2.3` "
                      "in a scratch folder, then --lighthouse FOLDER/node_modules/.bin/"
                      "lighthouse")
    if not shutil.which("node"):
        return None, "NOT MEASURED: node is not on PATH (Lighthouse needs it)"
    return command, None


def run_lighthouse(command, url, work):
    saved = work / "lighthouse.json"
    subprocess.run([command, url, "--only-categories=performance", "--output=json",
                    f"--output-path={saved}", "--quiet",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   env={**os.environ, "CHROME_PATH": CONFIG["chromium"]}, check=True,
                   timeout=300)
    result = json.loads(saved.read_text(encoding="utf-8"))
    audits = result["audits"]
    return {"score": round(result["categories"]["performance"]["score"] * 100),
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
            "version": result["lighthouseVersion"]}


def avif_against_webp(photo):
    """Bytes and seconds of the 720 and 1200 px copies as WebP (as published) and AVIF."""
    from plugins.images.derive import Recipe, upright

    recipe = Recipe()
    with Image.open(photo) as image:
        full = upright(image)
    rows = []
    for width in (720, 1200):
        small = full.resize((width, round(full.height * width / full.width)),
                            Image.Resampling.LANCZOS, reducing_gap=3.0)
        for kind, options in (("WEBP", {"quality": recipe.webp_quality, "method": 4}),
                              ("AVIF", {"quality": 50, "speed": 6}),
                              ("AVIF", {"quality": 50, "speed": 8})):
            started = time.perf_counter()
            data = io.BytesIO()
            small.save(data, kind, **options)
            rows.append((width, kind, options, len(data.getvalue()),
                         time.perf_counter() - started))
    return rows


def status(passed):
    return "PASS" if passed else "FAIL"


def write_report(path, args, command, size, photos, rounds, moved, lighthouse, avif):
    first = statistics.median(r["first"][0] for r in rounds)
    plain = statistics.median(r["plain"][0] for r in rounds)
    ratio = statistics.median(r["second"][0] / r["first"][0] for r in rounds)
    cpu_per_photo = statistics.median((r["first"][1] - r["plain"][1]) / len(photos)
                                      for r in rounds)
    wall_per_photo = statistics.median((r["first"][0] - r["plain"][0]) / len(photos)
                                       for r in rounds)
    originals = sum(photo.stat().st_size for photo in photos)
    kb = {key: value[0] / 1000 for key, value in moved.items()}
    budgets = [
        ("Post at 375x667 DPR 2, after scrolling to the end", f"{kb[('post, phone', True)]:.0f}"
         f" KB", f"≤ {PHONE_KB} KB", status(kb[("post, phone", True)] <= PHONE_KB)),
        ("Post at 1280x800, after scrolling to the end", f"{kb[('post, desktop', True)]:.0f} KB",
         f"≤ {DESKTOP_KB} KB", status(kb[("post, desktop", True)] <= DESKTOP_KB)),
        ("Home page at 375x667 DPR 2, after scrolling", f"{kb[('home page, phone', True)]:.0f}"
         " KB", f"≤ {HOME_KB} KB", status(kb[("home page, phone", True)] <= HOME_KB)),
        ("Second build / first build (wall)", f"{ratio:.2f}", f"≤ {SECOND_BUILD_RATIO}",
         status(ratio <= SECOND_BUILD_RATIO)),
        ("First build's cost per photo", f"{wall_per_photo:.2f} s wall, {cpu_per_photo:.2f} s "
         "CPU", "reported", "-"),
    ]
    if isinstance(lighthouse, dict):
        budgets += [("Lighthouse mobile performance (the post)", str(lighthouse["score"]),
                     f"{LIGHTHOUSE_SCORE}", status(lighthouse["score"] >= LIGHTHOUSE_SCORE)),
                    ("Lighthouse CLS (the post)", f"{lighthouse['cls']:.3f}", "0",
                     status(lighthouse["cls"] <= LIGHTHOUSE_CLS))]
    else:
        budgets.append(("Lighthouse mobile performance and CLS", lighthouse, "100 and 0",
                        "NOT MEASURED"))
    lines = [
        "# Images benchmark", "",
        f"Written by `{command}`, {time.strftime('%Y-%m-%d %H:%M')}, on {os.cpu_count()} "
        f"CPUs, Pillow {Image.__version__}.", "",
        f"{len(photos)} phone photos of {size[0]}x{size[1]} in one post "
        f"({originals / 1e6:.1f} MB as taken), five text posts beside it; publish settings; "
        f"{args.runs} alternating rounds, medians.", "",
        "## Budgets", "", "| what | measured | budget | status |", "| --- | --- | --- | --- |",
        *(f"| {name} | {value} | {limit} | {result} |" for name, value, limit, result in budgets),
        "", "## Bytes moved (the page and all it loaded, Chromium's transferSize)", "",
        "| page | on load | after scrolling to the end | pictures fetched (after scrolling) |",
        "| --- | --- | --- | --- |",
    ]
    for label in ("post, phone", "post, desktop", "home page, phone"):
        lines.append(f"| {label} | {kb[(label, False)]:.0f} KB | {kb[(label, True)]:.0f} KB | "
                     f"{', '.join(moved[(label, True)][1])} |")
    lines += ["", "## Builds", "", "| round | files as they are | first (empty cache) | second |",
              "| --- | --- | --- | --- |"]
    for number, found in enumerate(rounds, 1):
        lines.append(f"| {number} | " + " | ".join(f"{found[name][0]:.2f} s wall, "
                     f"{found[name][1]:.2f} s CPU" for name in ("plain", "first", "second"))
                     + " |")
    lines += ["", f"Median first build {first:.2f} s, files as they are {plain:.2f} s.", ""]
    if isinstance(lighthouse, dict):
        lines += ["## Lighthouse", "", f"Lighthouse {lighthouse['version']}, mobile (simulated "
                  f"slow 4G, 4x CPU): performance {lighthouse['score']}, CLS "
                  f"{lighthouse['cls']:.3f}, LCP {lighthouse['lcp']:.2f} s, FCP "
                  f"{lighthouse['fcp']:.2f} s.", ""]
    lines += ["## AVIF against WebP (not published; one photo)", "",
              "| width | format | options | bytes | seconds |", "| --- | --- | --- | --- | --- |",
              *(f"| {width} | {kind} | {options} | {size_:,} | {seconds:.3f} |"
                for width, kind, options, size_, seconds in avif), ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return budgets


def main(argv=None, browser=None):
    """Run the benchmark (in `browser`, a Playwright browser, when given: the tests' one)."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    size = tuple(int(part) for part in args.size.lower().split("x"))
    work = args.workdir or Path(tempfile.mkdtemp(prefix="spm-bench-images-"))
    try:
        content = work / "content"
        print(f"images bench: writing {args.photos} photos of {args.size}", file=sys.stderr)
        photos = write_site(content, args.photos, size)
        with serve(work / "out-second") as site_url:
            rounds = measure_builds(work, content, site_url, args.runs)
            print("images bench: bytes in Chromium", file=sys.stderr)
            moved = measure_bytes(site_url, browser)
            command, lighthouse = find_lighthouse(args.lighthouse)
            if command:
                print("images bench: Lighthouse", file=sys.stderr)
                lighthouse = run_lighthouse(command, f"{site_url}/{POST_PATH}", work)
        avif = avif_against_webp(photos[0])
        budgets = write_report(args.report, args, report.command_line("tools.bench.images", argv),
                               size, photos, rounds, moved, lighthouse, avif)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    for name, value, limit, result in budgets:
        print(f"{result:>12}  {name}: {value} ({limit})")
    print(f"Report: {args.report}")
    return 1 if any(result == "FAIL" for *_, result in budgets) else 0


if __name__ == "__main__":
    sys.exit(main())
