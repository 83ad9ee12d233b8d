"""The categories plugin: several comma-separated categories per post, as WordPress had."""

import xml.etree.ElementTree as ET

import pytest

from sitebuild import build, parse, publish_build, write_post

ATOM = "{http://www.w3.org/2005/Atom}"


def write_posts(content):
    write_post(content, "several", title="Several", date="2020-01-15 10:00",
               category="ethics, social media, JoPM")
    write_post(content, "repeated", title="Repeated", date="2020-01-14 10:00",
               category="ethics, , Ethics ,ethics")
    write_post(content, "single", title="Single", date="2020-01-13 10:00", category="JoPM")
    write_post(content, "none-given", title="None given", date="2020-01-12 10:00",
               category="")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("categories")
    write_posts(root / "content")
    return build(root / "content", root / "output", fatal="errors").root


def listed(output, slug):
    """Titles of the posts listed on a category's page."""
    soup = parse(output / "category" / slug / "index.html")
    return [" ".join(article.h2.get_text().split()) for article in soup.find_all("article")]


def posted_in(output, slug):
    soup = parse(output / "2020" / "01" / slug / "index.html")
    return [link.get_text() for link in soup.select("p.posted-in a")]


def test_a_post_is_listed_under_each_of_its_categories(site):
    assert listed(site, "ethics") == ["Several", "Repeated"]
    assert listed(site, "social-media") == ["Several"]
    assert listed(site, "jopm") == ["Several", "Single"]


def test_the_post_names_its_categories_in_the_order_written(site):
    assert posted_in(site, "several") == ["ethics", "social media", "JoPM"]
    soup = parse(site / "2020" / "01" / "several" / "index.html")
    assert [link["href"] for link in soup.select("p.posted-in a")] == [
        "../../../category/ethics/", "../../../category/social-media/",
        "../../../category/jopm/"]


def test_repeats_and_empty_names_are_dropped(site):
    # "Ethics" is another spelling of the same category (one slug): the first spelling wins.
    assert posted_in(site, "repeated") == ["ethics"]
    assert listed(site, "ethics").count("Repeated") == 1


def test_a_post_without_a_category_gets_the_default(site):
    assert posted_in(site, "none-given") == ["general"]
    assert listed(site, "general") == ["None given"]


def test_the_categories_index_lists_each_category_once(site):
    soup = parse(site / "categories" / "index.html")
    hrefs = [link["href"] for link in soup.select("main a[href*='category/']")]
    slugs = sorted({href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs})
    assert slugs == ["ethics", "general", "jopm", "social-media"]
    assert len(hrefs) == len(slugs)


def test_another_separator_can_be_set(tmp_path):
    content = tmp_path / "content"
    write_post(content, "semi", title="Semi", category="patients; physicians, and nurses")
    output = build(content, tmp_path / "output", fatal="errors", CATEGORY_SEPARATOR=";").root
    assert posted_in(output, "semi") == ["patients", "physicians, and nurses"]


def test_each_category_feed_holds_every_post_in_it(tmp_path):
    content = tmp_path / "content"
    write_posts(content)
    output = publish_build(content, tmp_path / "output").root

    def titles(slug):
        feed = ET.parse(output / "feeds" / "category" / f"{slug}.atom.xml").getroot()
        return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]

    assert titles("ethics") == ["Several", "Repeated"]
    assert titles("social-media") == ["Several"]
    assert titles("jopm") == ["Several", "Single"]
