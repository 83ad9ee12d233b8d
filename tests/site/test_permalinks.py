"""WordPress-style permalinks, and listing pages that never overwrite each other."""

import pytest

from sitebuild import SEED_PATH, build, normalise, parse, write_post


def listed_titles(page):
    return [normalise(a.get_text()) for a in parse(page).select("main article h2 a")]


def test_posts_pages_and_listings_live_at_wordpress_paths(local_site):
    expected = [
        SEED_PATH,
        "about/index.html",
        "category/net-friendly-docs/index.html",
        "tag/facebook/index.html",
        "author/society-for-participatory-medicine/index.html",
        "2011/index.html",
        "2011/07/index.html",
        "archives/index.html",
        "categories/index.html",
        "tags/index.html",
        "authors/index.html",
        "index.html",
    ]
    missing = [str(path) for path in expected if not (local_site / path).is_file()]
    assert missing == []


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory):
    """30 posts tagged topic1 and 3 tagged topic13, two per page: Pelican's default
    `tag/{slug}{number}.html` pattern would write topic1's page 3 over topic13's page."""
    root = tmp_path_factory.mktemp("crowded")
    content = root / "content"
    for number in range(30):
        write_post(content, f"one-{number:02d}", tags="topic1", date=f"2020-01-{number + 1:02d}")
    for number in range(3):
        write_post(content, f"thirteen-{number}", tags="topic13", date=f"2021-03-0{number + 1}")
    return build(content, root / "output", fatal="errors", DEFAULT_PAGINATION=2).root


def test_tag_pages_paginate_in_their_own_folder(crowded_site):
    pages = sorted((crowded_site / "tag/topic1/page").iterdir())
    assert len(pages) == 14  # pages 2..15 of 30 posts, two per page
    assert listed_titles(crowded_site / "tag/topic1/page/3/index.html") == [
        "One 25", "One 24",
    ]


def test_paginated_tags_do_not_collide(crowded_site):
    assert listed_titles(crowded_site / "tag/topic13/index.html") == [
        "Thirteen 2", "Thirteen 1",
    ]
    assert listed_titles(crowded_site / "tag/topic13/page/2/index.html") == ["Thirteen 0"]
    every_listing = [
        title
        for page in (crowded_site / "tag/topic1").rglob("index.html")
        for title in listed_titles(page)
    ]
    assert sorted(every_listing) == sorted(f"One {n:02d}" for n in range(30))


def test_home_and_category_paginate_under_page_folders(crowded_site):
    assert len(listed_titles(crowded_site / "index.html")) == 2
    assert (crowded_site / "page/17/index.html").is_file()
    assert not (crowded_site / "page/18").exists()
    assert (crowded_site / "category/general/page/17/index.html").is_file()
