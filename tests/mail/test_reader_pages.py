"""The reader's side in real tools: the Nu Html Checker, and axe-core in Debian's Chromium
(light, dark, 375 px), on a post with the Respond section, Reply links and mailed responses."""

import pytest
from mail_helpers import POST_PAGE
from pagecheck import axe_report, axe_violations, nu_html_errors

from sitebuild import serve

pytestmark = pytest.mark.browser

MODES = {
    "light": {"width": 1280, "height": 900, "color_scheme": "light"},
    "dark": {"width": 1280, "height": 900, "color_scheme": "dark"},
    "375px": {"width": 375, "height": 812, "color_scheme": "light"},
}


@pytest.fixture(scope="module")
def served(mailed_site):
    with serve(mailed_site["output"]) as base_url:
        yield base_url + "/"


def test_the_pages_are_valid_for_the_nu_html_checker(mailed_site):
    assert nu_html_errors(mailed_site["output"], POST_PAGE + "index.html") == []
    page = mailed_site["output"] / POST_PAGE / "index.html"
    assert "mailto:" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_violations(new_page, served, mode):
    page = new_page(**MODES[mode])
    page.goto(served + POST_PAGE)
    assert page.locator("#respond .respond-link").is_visible()
    violations = axe_violations(page)
    assert not violations, axe_report(violations)
    if mode == "375px":
        # The address and the long subject wrap instead of widening the page.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_links_work_without_javascript_and_hostile_text_runs_nothing(new_page, served):
    dialogs = []
    for javascript in (False, True):
        page = new_page(javascript=javascript)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served + POST_PAGE)
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
    assert dialogs == []
