"""plugins/url_cache: URLs worked out once per build, and still the settings' URLs."""

from sitebuild import build, parse, write_post

CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}


def test_a_changed_url_setting_takes_effect_when_the_cache_is_rewritten(tmp_path):
    # Pelican's generator-layer cache keeps each article's settings, so after a settings
    # change livereload rebuilds without loading the cache; the frozen URL must follow.
    content = tmp_path / "content"
    write_post(content, "kept-post")
    cache = str(tmp_path / "cache")  # one cache for both builds, as livereload keeps it
    first = build(content, tmp_path / "first", fatal="errors", CACHE_PATH=cache, **CACHED).root
    assert (first / "2020/01/kept-post/index.html").is_file()
    second = build(
        content, tmp_path / "second", fatal="errors", CACHE_PATH=cache,
        CACHE_CONTENT=True, LOAD_CONTENT_CACHE=False,
        ARTICLE_URL="posts/{slug}/", ARTICLE_SAVE_AS="posts/{slug}/index.html",
    ).root
    assert (second / "posts/kept-post/index.html").is_file()
    home = parse(second / "index.html")
    assert [a["href"] for a in home.select("main article h2 a")] == ["./posts/kept-post/"]


def test_an_authors_own_url_metadata_is_kept(tmp_path):
    content = tmp_path / "content"
    write_post(content, "moved-post", url="elsewhere/moved/", save_as="elsewhere/moved/index.html")
    output = build(content, tmp_path / "output", fatal="errors").root
    home = parse(output / "index.html")
    assert [a["href"] for a in home.select("main article h2 a")] == ["./elsewhere/moved/"]
    assert (output / "elsewhere/moved/index.html").is_file()
