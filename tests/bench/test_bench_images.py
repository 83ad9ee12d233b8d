"""`invoke bench --images` at toy scale, through the same code path (no budget asserted:
two small photos say nothing about five phone photos; timing belongs to the benchmark)."""

import re

import pytest

from tools.bench import images

BUDGETS = ["Post at 375x667 DPR 2", "Post at 1280x800", "Home page at 375x667 DPR 2",
           "Second build / first build", "First build's cost per photo",
           "Lighthouse mobile performance and CLS"]


@pytest.fixture(scope="module")
def bench(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("bench-images")
    status = images.main(["--photos", "2", "--size", "640x480", "--runs", "1",
                          "--lighthouse", "none", "--report", str(root / "report.md"),
                          "--workdir", str(root / "work")], browser=browser)
    return status, (root / "report.md").read_text(encoding="utf-8"), root / "work"


def test_the_report_has_every_budget_with_a_number(bench):
    _status, report, _work = bench
    rows = [line for line in report.splitlines() if line.startswith("| ")]
    for budget in BUDGETS:
        (row,) = [line for line in rows if line.startswith(f"| {budget}")]
        assert re.search(r"\d", row.split("|")[2]) or "NOT MEASURED" in row, row
    assert "NOT MEASURED: left out (--lighthouse none)" in report


def test_bytes_are_measured_in_the_browser_and_name_the_copies_fetched(bench):
    _status, report, _work = bench
    post = next(line for line in report.splitlines() if line.startswith("| post, phone |"))
    kilobytes = [int(value) for value in re.findall(r"(\d+) KB", post)]
    assert len(kilobytes) == 2 and all(value > 10 for value in kilobytes)
    # 640 px photos: the phone's column at 2x wants their own 640 px copies, in WebP.
    assert re.search(r"IMG_2041\.[0-9a-f]{8}-640\.webp", post)


def test_the_site_was_built_with_the_photos_and_their_secrets(bench):
    _status, report, work = bench
    assert (work / "content" / "images" / "IMG_2041.jpg").read_bytes().find(b"PhoneCo") > 0
    copies = list((work / "out-second" / "images").glob("IMG_2041.*-640.webp"))
    assert copies and all(b"PhoneCo" not in copy.read_bytes() for copy in copies)
    assert "## AVIF against WebP" in report
