"""A post dated in the future waits for its date on the published site; locally it shows,
marked as scheduled."""

import datetime

import pytest

from sitebuild import LOCAL_SETTINGS, build, normalise, publish_build, write_post

NEXT_MONTH = datetime.date.today() + datetime.timedelta(days=31)
FUTURE = f"{NEXT_MONTH:%Y-%m-%d} 09:30"
FUTURE_PATH = f"{NEXT_MONTH:%Y/%m}/coming-soon/"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    content = tmp_path_factory.mktemp("scheduled") / "content"
    write_post(content, "already-out", date="2020-01-15 10:00")
    write_post(content, "coming-soon", date=FUTURE)
    return content


def test_the_local_build_shows_a_future_post_marked_as_scheduled(content, tmp_path):
    site = build(content, tmp_path / "local", settings_file=LOCAL_SETTINGS, fatal="warnings")
    mark = site.soup(FUTURE_PATH).select_one("article .post-meta .post-scheduled")
    assert normalise(mark.get_text()) == f"Scheduled: published on {NEXT_MONTH:%B} " \
        f"{NEXT_MONTH.day}, {NEXT_MONTH.year}"
    cards = site.soup("").select("main article")
    marks = [card.select_one(".post-scheduled") is not None for card in cards]
    titles = [normalise(card.h2.get_text()) for card in cards]
    assert list(zip(titles, marks, strict=True)) == [("Coming Soon", True),
                                                    ("Already Out", False)]
    assert site.soup("2020/01/already-out/").select(".post-scheduled") == []


def test_the_publish_build_leaves_a_future_post_out(content, tmp_path):
    site = publish_build(content, tmp_path / "published")
    assert site.file("2020/01/already-out/").is_file()
    every_file = [path for path in site.root.rglob("*") if path.is_file()]
    assert not any("coming-soon" in path.read_text(encoding="utf-8", errors="replace")
                   for path in every_file)
    assert not site.file(FUTURE_PATH).exists()
    titles = [normalise(a.get_text()) for a in site.soup("").select("main article h2 a")]
    assert titles == ["Already Out"]
