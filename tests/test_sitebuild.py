"""The suite's one site builder (tests/sitebuild.py) keeps its promises to every test folder."""

import pytest

from sitebuild import LOCAL_SETTINGS, PUBLISH_SETTINGS, BuildFailed, build, write_post
from tools.authoring.build import build as run_build
from tools.authoring.build import pelican_signals, receivers


def test_build_returns_the_site_and_its_warnings_every_time(tmp_path):
    content = tmp_path / "content"
    write_post(content, "typo", catgory="ethics")
    first = build(content, tmp_path / "one")
    second = build(content, tmp_path / "two")
    # Pelican de-duplicates warnings per process; each build still sees its own.
    for site in (first, second):
        assert [w for w in site.warnings if "Catgory" in w] == [
            f"content_checks.content_checks: content_checks: {content}/posts/typo.md:5: "
            "'Catgory' is not a metadata key this site reads, so it would be ignored; did you "
            "mean 'Category'?"]
    assert first.soup("2020/01/typo/").h1.get_text() == "Typo"
    assert first.file("") == tmp_path / "one" / "index.html"
    assert first.url("2020/01/typo/") == "2020/01/typo/"


def test_fatal_warnings_fail_with_every_record_listed(tmp_path):
    content = tmp_path / "content"
    write_post(content, "typo", catgory="ethics", body="![](https://example.org/x.png)")
    with pytest.raises(BuildFailed) as failed:
        build(content, settings_file=PUBLISH_SETTINGS, fatal="warnings",
              SITEURL="https://blog.example.org")
    assert "the build logged 2 problem(s) (fatal=warnings)" in str(failed.value)
    assert "'Catgory'" in str(failed.value) and "alt text" in str(failed.value)


def test_no_plugin_receiver_outlives_its_build(tmp_path):
    before = {signal: receivers(signal) for signal in pelican_signals()}
    write_post(tmp_path / "content", "a-post")
    build(tmp_path / "content")
    assert {signal: receivers(signal) for signal in pelican_signals()} == before
    # The tasks' build (tools/authoring/build) too.
    run_build(["-s", str(LOCAL_SETTINGS), str(tmp_path / "content"), "-o", str(tmp_path / "b")])
    assert {signal: receivers(signal) for signal in pelican_signals()} == before


def test_settings_file_none_is_pelicans_defaults_plus_overrides(tmp_path):
    write_post(tmp_path / "content", "plain")
    site = build(tmp_path / "content", settings_file=None, PLUGINS=[],
                 FEED_ALL_ATOM=None, CATEGORY_FEED_ATOM=None, AUTHOR_FEED_ATOM=None,
                 AUTHOR_FEED_RSS=None, TRANSLATION_FEED_ATOM=None)
    assert site.file("plain.html").is_file()
    assert site.settings["THEME"].endswith("notmyidea")


def test_serve_answers_with_the_built_pages_and_the_sites_404_page(tmp_path):
    from urllib.error import HTTPError
    from urllib.request import urlopen

    from sitebuild import serve

    write_post(tmp_path / "content", "served-post")
    site = build(tmp_path / "content", fatal="errors")
    assert "2020/01/served-post/index.html" in site.html_paths()
    with serve(site.root) as base_url:
        with urlopen(f"{base_url}/2020/01/served-post/") as response:
            assert response.status == 200
            assert b"Served Post" in response.read()
        with pytest.raises(HTTPError) as missing:
            urlopen(f"{base_url}/no-such-page/")
        assert missing.value.code == 404
        assert missing.value.read() == site.file("404.html").read_bytes()
