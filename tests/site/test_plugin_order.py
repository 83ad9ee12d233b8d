"""The order of PLUGINS changes nothing: every plugin computes at a signal that follows the
data it needs, so the same sources build the same bytes and the same warnings in any order.

Built in PLUGINS' own order, reversed (so every pair of plugins runs both ways round) and two
rotations: the theme's sample site (home page topics counted after the categories plugin has
listed each post under all its categories) and a small site of this test's own (a link to an
old address that a redirect page answers, checked once that page is written).
"""

import shutil

import pytest
from bs4 import BeautifulSoup
from media_helpers import picture

import pelicanconf
from sitebuild import PUBLISH_SETTINGS, build, write_files, write_post
from tools.config import CONFIG

SITEURL = "https://blog.example.org"
ORDERS = {
    "as configured": list(pelicanconf.PLUGINS),
    "reversed": pelicanconf.PLUGINS[::-1],
    "rotated by 3": pelicanconf.PLUGINS[3:] + pelicanconf.PLUGINS[:3],
    "rotated by 7": pelicanconf.PLUGINS[7:] + pelicanconf.PLUGINS[:7],
}


def own_site(content):
    write_post(content, "new-home", "Moved here.", category="ethics, research",
               redirect_from="/old-home/", pinned="yes")
    write_post(content, "linker", "See [the old address](/old-home/).", date="2020-02-01 10:00",
               category="research")
    write_files(content, {"images/plan.png": picture((14, 107, 94, 200), (40, 30))})
    write_post(content, "with-image", '<img src="{static}/images/plan.png" alt="The plan" '
               'srcset="{static}/images/plan.png 2x">\n\n| a | b |\n|---|---|\n| 1 | 2 |',
               date="2020-03-01 10:00", image="{static}/images/plan.png", image_alt="The plan")
    return content


SITES = {"the theme's sample": lambda to: shutil.copytree(CONFIG["theme_sample_path"], to),
         "its own": own_site}


def built(tmp_path, site, order):
    content = tmp_path / "content"
    SITES[site](content)
    result = build(content, tmp_path / "output", settings_file=PUBLISH_SETTINGS,
                   SITEURL=SITEURL, FEED_DOMAIN=SITEURL, PLUGINS=ORDERS[order])
    files = {path.relative_to(result.root).as_posix(): path.read_bytes()
             for path in sorted(result.root.rglob("*")) if path.is_file()}
    # Each order builds in its own folder: messages name files relative to it.
    return files, sorted(f"{record.levelname} {record.getMessage()}".replace(str(tmp_path), "")
                         for record in result.records)


@pytest.mark.parametrize("site", SITES)
def test_every_order_builds_the_same_bytes_and_warnings(tmp_path, site):
    first, first_warnings = built(tmp_path / "configured", site, "as configured")
    assert len(first) > 20
    for order in list(ORDERS)[1:]:
        files, warnings = built(tmp_path / order.replace(" ", "-"), site, order)
        assert sorted(files) == sorted(first), order
        assert [path for path in first if files[path] != first[path]] == [], order
        assert warnings == first_warnings, order


def test_the_orders_tried_put_each_known_pair_both_ways_round():
    def before(order, first, second):
        return order.index(first) < order.index(second)

    for first, second in (("home", "categories"), ("content_checks", "redirects")):
        assert {before(order, first, second) for order in ORDERS.values()} == {True, False}


@pytest.mark.parametrize("order", ["as configured", "reversed"])
def test_the_home_page_counts_each_post_under_every_category(tmp_path, order):
    files, warnings = built(tmp_path, "its own", order)
    soup = BeautifulSoup(files["index.html"], "html5lib")
    topics = [" ".join(item.get_text().split()) for item in soup.select(".home-topics li")]
    assert topics == ["research (2)", "ethics (1)", "general (1)", "All topics"]
    assert warnings == []  # the link to /old-home/ finds the redirect page there
