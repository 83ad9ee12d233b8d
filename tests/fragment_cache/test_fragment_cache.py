"""plugins/fragment_cache: listings reuse each post's card, and say exactly what they said."""

import json

import pytest
from fragment_cache.fragment_cache import FragmentCache
from pelican.settings import get_settings_from_file

from sitebuild import LOCAL_SETTINGS, build, parse, write_post

ALL_PLUGINS = get_settings_from_file(str(LOCAL_SETTINGS))["PLUGINS"]


def test_a_fragment_is_rendered_once_per_owner_and_key():
    cache, renders = FragmentCache(), []

    def caller(text):
        def render():
            renders.append(text)
            return text
        return render

    first, second = object(), object()
    assert cache(first, "../..", caller=caller("a")) == "a"
    assert cache(first, "../..", caller=caller("not rendered")) == "a"
    assert cache(first, ".", caller=caller("b")) == "b"
    assert cache(second, "../..", caller=caller("c")) == "c"
    assert renders == ["a", "b", "c"]
    assert (len(cache), cache.hits) == (3, 1)


@pytest.fixture(scope="module")
def listing_content(tmp_path_factory):
    """Posts that share categories, tags and authors, some with responses, two per page, so
    each card is shown at several depths (home, /tag/x/, /tag/x/page/2/)."""
    content = tmp_path_factory.mktemp("listings") / "content"
    responses = []
    for number in range(9):
        slug = f"post-{number}"
        write_post(
            content, slug, body=f"Body of [the first post]({{filename}}/posts/post-0.md) {number}.",
            date=f"2020-02-{number + 1:02d} 10:00", category=["care, data", "data"][number % 2],
            tags=f"shared, tag{number % 3}", author=["Ann Lee", "Bo Chan"][number % 2],
        )
        responses.extend(
            {"id": f"{number}{reply}", "post": slug, "author": f"Reader {reply}",
             "date": f"2020-03-0{reply + 1}T09:00:00-05:00", "content": f"Reply {reply}."}
            for reply in range(number % 3)
        )
    (content / "comments.json").write_text(
        json.dumps({"version": 1, "responses": responses}), encoding="utf-8")
    return content


def test_a_cache_that_does_not_reuse_renders_every_call():
    cache, renders = FragmentCache(reuse=False), []
    owner = object()
    for text in ["a", "b"]:
        assert cache(owner, ".", caller=lambda text=text: renders.append(text) or text) == text
    assert renders == ["a", "b"]


def test_listings_are_the_same_with_and_without_reuse(listing_content, tmp_path):
    assert "fragment_cache" in ALL_PLUGINS
    cached = build(listing_content, tmp_path / "cached", fatal="errors",
                   DEFAULT_PAGINATION=2).root
    plain = build(listing_content, tmp_path / "plain", fatal="errors", DEFAULT_PAGINATION=2,
                  FRAGMENT_CACHE_REUSE=False).root
    pages = sorted(path.relative_to(plain) for path in plain.rglob("*.html"))
    assert pages == sorted(path.relative_to(cached) for path in cached.rglob("*.html"))
    different = [str(page) for page in pages
                 if (cached / page).read_bytes() != (plain / page).read_bytes()]
    assert different == []
    # The comparison means something only if cards were shown at several depths.
    tag_page_two = parse(cached / "tag/shared/page/2/index.html")
    links = [a["href"] for a in tag_page_two.select("main article h2 a")]
    assert links == ["../../../../2020/02/post-6/", "../../../../2020/02/post-5/"]
    home = parse(cached / "index.html")
    assert [a["href"] for a in home.select("main article h2 a")] == [
        "./2020/02/post-8/", "./2020/02/post-7/"]
    assert home.select_one("main .response-count a")["href"] == "./2020/02/post-8/#responses"
