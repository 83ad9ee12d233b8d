"""The issue's "done when": in real Chromium, /admin/ from `invoke cms` on a copy of the project
with its own git repository. A volunteer signs in with the local backend, writes and publishes
a post with two categories, a paragraph and images with descriptions; the file is where the
site keeps posts, `invoke check` passes, and the built page shows it. Editing a post changes
only what was edited, and undoing the edit gives back the file, byte for byte."""

import os
import re
import selectors
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from cms_testing import node_modules, read
from media_helpers import png_bytes

from sitebuild import build, commit_all, copy_project, git, text
from tools.audit.images import made_from

pytestmark = pytest.mark.browser

INVOKE = str(Path(sys.executable).with_name("invoke"))
SEED = "content/posts/2011/social-media-patients-and-physicians-a-sticky-wicket.md"
# Written by hand, with what hands write: lower-case keys, Windows line ends, a key no field
# shows, a continued value.
HAND_WRITTEN = "content/posts/2012/hand-written.md"
HAND_WRITTEN_TEXT = (
    "title: Written by hand\r\n"
    "date: 2012-05-01 08:00\r\n"
    "category: ethics\r\n"
    "Redirect_from: /2012/05/by-hand/\r\n"
    "summary: Two lines\r\n"
    "    of summary.\r\n"
    "\r\n"
    "Some *emphasis*, a [link](https://example.org/) and <abbr title=\"HyperText\">HTML</abbr>."
    "\r\n")
KITCHEN = png_bytes(8, 6, (200, 80, 40))
HANDS = png_bytes(6, 8, (40, 80, 200))


def wait_for_line(process, prefix, timeout):
    """The first line of the process's output starting with `prefix` (its output so far if
    none comes in time)."""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if selector.select(timeout=1):
            line = process.stdout.readline()
            seen.append(line)
            if line.startswith(prefix):
                return line
    raise AssertionError(f"`invoke cms` did not start: {''.join(seen)}")


@pytest.fixture(scope="module")
def cms(tmp_path_factory):
    """`invoke cms --port 0` on a copy of the project that is its own git repository."""
    modules = node_modules()
    project = copy_project(tmp_path_factory.mktemp("cms") / "project")
    (project / HAND_WRITTEN).parent.mkdir(parents=True)
    (project / HAND_WRITTEN).write_bytes(HAND_WRITTEN_TEXT.encode("utf-8"))
    (project / "node_modules").symlink_to(modules)
    git("init", "--quiet", "--initial-branch=main", cwd=project)
    commit_all(project, "The site")
    process = subprocess.Popen([INVOKE, "cms", "--port", "0"], cwd=project, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = wait_for_line(process, "cms: write in the browser at ", timeout=240)
        yield project, line.split(" at ", 1)[1].split(" ", 1)[0]
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


@pytest.fixture
def admin(browser, cms):
    """The CMS signed in with the local backend, on a computer in Los Angeles."""
    _, url = cms
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="Posts").first.wait_for()
    yield page, url
    context.close()


def wait_until(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def publish(page):
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    page.get_by_text("Changes saved").first.wait_for()


def open_entry(page, url, path, title):
    page.goto(url + "#/collections/posts/entries/" + path)
    # A new address within the app can keep the entry open before; load it afresh.
    page.reload()
    # Decap fills the fields in once the file has been read.
    wait_until(lambda: page.get_by_label("Title").input_value() == title)


def upload(page, button, name, data, tmp_path):
    file = tmp_path / name
    file.write_bytes(data)
    button.click()
    page.locator("input[type=file]").set_input_files(str(file))
    page.get_by_role("button", name="Choose selected").click()


def test_a_volunteer_writes_and_publishes_a_post(admin, cms, tmp_path):
    page, url = admin
    project, _ = cms
    page.goto(url + "#/collections/posts/new")
    page.get_by_label("Title").fill("Caregivers at the table")
    # 9:30 in Los Angeles is 12:30 in New York, the site's time zone.
    page.get_by_label("Date and time").fill("2025-06-10T09:30")
    for category in ("ethics", "social media"):
        page.get_by_label(re.compile(r"^Categories")).click()
        page.get_by_text(category, exact=True).click()
    upload(page, page.get_by_text("Choose an image").first, "kitchen.png", KITCHEN, tmp_path)
    page.get_by_label("Description of the featured image").fill(
        "A kitchen table with three chairs")
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("We asked caregivers what they need from clinicians.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Add Component").click()
    page.get_by_role("menuitem", name="Image").click()
    upload(page, page.get_by_text("Choose an image").last, "hands.png", HANDS, tmp_path)
    page.get_by_label("Description of the image").fill("Two hands around a cup of tea")
    # The preview pane shows the post in the site's own stylesheet.
    preview = page.frame_locator("iframe").first
    assert preview.locator("article.post h1").inner_text() == "Caregivers at the table"
    assert preview.locator(".post-meta time").inner_text() == "June 10, 2025"
    publish(page)

    path = project / "content/posts/2025/caregivers-at-the-table.md"
    wait_until(path.exists)
    assert read(path) == (
        "Title: Caregivers at the table\n"
        "Date: 2025-06-10 12:30\n"
        "Author: Society for Participatory Medicine\n"
        "Category: ethics, social media\n"
        "Slug: caregivers-at-the-table\n"
        "Image: {static}/images/kitchen.png\n"
        "Image_alt: A kitchen table with three chairs\n"
        "\n"
        "We asked caregivers what they need from clinicians.\n"
        "\n"
        "![Two hands around a cup of tea]({static}/images/hands.png)\n"
    )
    assert (project / "content/images/kitchen.png").read_bytes() == KITCHEN
    assert (project / "content/images/hands.png").read_bytes() == HANDS

    check = subprocess.run([INVOKE, "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines()[-1] == (
        "invoke check: no problems; the site is ready to publish.")
    site = build(project / "content", tmp_path / "built", fatal="warnings")
    post = site.soup("2025/06/caregivers-at-the-table/")
    assert text(post.select_one("article.post h1")) == "Caregivers at the table"
    assert post.select_one("article.post time")["datetime"] == "2025-06-10T12:30:00-04:00"
    assert [text(a) for a in post.select(".posted-in a")] == ["ethics", "social media"]
    assert text(post.select_one(".post-content p")) == (
        "We asked caregivers what they need from clinicians.")
    for selector, alt, data in [(".featured-image img", "A kitchen table with three chairs",
                                 KITCHEN),
                                (".post-content img", "Two hands around a cup of tea", HANDS)]:
        image = post.select_one(selector)
        assert image["alt"] == alt
        served = site.file("2025/06/caregivers-at-the-table/").parent / image["src"]
        original = tmp_path / f"uploaded-{len(data)}.png"
        original.write_bytes(data)
        # Published as the images plugin's copy, made from the uploaded picture.
        assert made_from(served.resolve(), original) is None, image["src"]


def test_an_edit_changes_only_its_line_and_undoing_it_gives_the_file_back(admin, cms):
    page, url = admin
    project, _ = cms
    seed = project / SEED
    before = read(seed)
    open_entry(page, url, "2011/social-media-patients-and-physicians-a-sticky-wicket",
               "Social media, patients, and physicians: a sticky wicket")
    page.get_by_label("Title").fill("Social media and physicians")
    publish(page)
    wait_until(lambda: read(seed) != before)
    assert read(seed) == before.replace(
        "Title: Social media, patients, and physicians: a sticky wicket",
        "Title: Social media and physicians")

    hand_written = project / HAND_WRITTEN
    original = hand_written.read_bytes()
    open_entry(page, url, "2012/hand-written", "Written by hand")
    page.get_by_label("Keep at the top of the home page").click()
    publish(page)
    wait_until(lambda: hand_written.read_bytes() != original)
    assert hand_written.read_bytes() == original.replace(
        b"    of summary.\r\n", b"    of summary.\r\nPinned: yes\r\n")
    open_entry(page, url, "2012/hand-written", "Written by hand")
    page.get_by_label("Keep at the top of the home page").click()
    publish(page)
    wait_until(lambda: hand_written.read_bytes() == original)


def test_decap_server_answers_only_the_preview_s_pages_and_listens_on_loopback(cms):
    project, url = cms
    api = yaml.safe_load(read(project / "output/admin/config.yml"))["local_backend"]["url"]
    assert api.startswith("http://127.0.0.1:") and url.startswith("http://127.0.0.1:")

    def browsers_allow(origin):
        """Would a page from `origin` be let through CORS to post to decap-server?"""
        request = urllib.request.Request(api, method="OPTIONS", headers={
            "Origin": origin, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        with urllib.request.urlopen(request) as response:
            return response.headers.get("Access-Control-Allow-Origin") in (origin, "*")

    assert browsers_allow(url.removesuffix("/admin/"))
    assert not browsers_allow("http://127.0.0.1:1")
    assert not browsers_allow("http://localhost:8000")
    # The admin page is served as it is: the preview's reload script would throw away what
    # the author has not saved yet.
    with urllib.request.urlopen(url) as response:
        page = response.read().decode("utf-8")
    assert "EventSource" not in page and "decap-cms.js" in page
