"""Prepared responses kept between livereload builds: reused only while nothing they depend on
has changed, and never by full builds."""

import os
import shutil

import pytest
from responses_testing import (
    PLUGINS_DIR,
    build_site,
    disconnect_plugin,
    parse,
    record,
    write_comments,
    write_post,
)

from responses import prepared_cache
from responses import responses as plugin

CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}  # as `invoke livereload`


@pytest.fixture(scope="module", autouse=True)
def _no_receivers_left_behind():
    yield
    disconnect_plugin()


def site_with_one_response(tmp_path, author="Kept Reader"):
    content = tmp_path / "content"
    write_post(content, "a-post", date="2011-07-20 10:00")
    comments = write_comments(content / "comments.json", [record(1, author=author)])
    return content, comments


def authors(output):
    page = parse(output / "2011/07/a-post/index.html")
    return [" ".join(cite.get_text().split()) for cite in page.select("#responses .fn")]


def test_a_cached_build_reuses_them_without_reading_the_file_again(tmp_path, monkeypatch):
    content, _ = site_with_one_response(tmp_path)
    first = build_site(content, tmp_path / "first", tmp_path / "cache", **CACHED)
    assert (tmp_path / "cache" / prepared_cache.CACHE_NAME).is_file()

    def must_not_run(*arguments):
        raise AssertionError("prepared afresh although nothing changed")

    monkeypatch.setattr(plugin, "prepare", must_not_run)
    monkeypatch.setattr(plugin, "prepare_packed", must_not_run)
    second = build_site(content, tmp_path / "second", tmp_path / "cache", **CACHED)
    assert authors(second) == authors(first) == ["Kept Reader"]
    page = "2011/07/a-post/index.html"
    assert (second / page).read_bytes() == (first / page).read_bytes()


def test_full_builds_neither_write_nor_read_it(tmp_path, monkeypatch):
    content, _ = site_with_one_response(tmp_path)
    build_site(content, tmp_path / "output", tmp_path / "cache")
    assert not (tmp_path / "cache" / prepared_cache.CACHE_NAME).exists()
    build_site(content, tmp_path / "cached", tmp_path / "cache", **CACHED)
    calls, real_prepare = [], plugin.prepare

    def counted_prepare(*arguments):
        calls.append(arguments)
        return real_prepare(*arguments)

    monkeypatch.setattr(plugin, "prepare", counted_prepare)
    build_site(content, tmp_path / "again", tmp_path / "cache", RESPONSES_WORKER=False)
    assert len(calls) == 1  # prepared afresh although a cache was there to read


def test_the_key_changes_with_the_file_the_timezone_and_the_plugins_code(tmp_path,
                                                                         monkeypatch):
    content, comments = site_with_one_response(tmp_path)
    key = prepared_cache.cache_key(None, str(content), "America/New_York")
    assert key == prepared_cache.cache_key(None, str(content), "America/New_York")
    assert key != prepared_cache.cache_key(None, str(content), "Europe/London")
    status = comments.stat()
    os.utime(comments, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    same_size_later = prepared_cache.cache_key(None, str(content), "America/New_York")
    assert same_size_later != key
    plugin_copy = tmp_path / "plugin"
    shutil.copytree(PLUGINS_DIR / "responses", plugin_copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(prepared_cache, "PLUGIN_DIR", plugin_copy)
    assert prepared_cache.cache_key(None, str(content), "America/New_York") == same_size_later
    allow_list = plugin_copy / "sanitise.py"
    allow_list.write_text(allow_list.read_text() + "\n# an edit\n")
    assert prepared_cache.cache_key(None, str(content), "America/New_York") != same_size_later
    assert prepared_cache.cache_key(None, str(tmp_path / "empty"), "America/New_York") is None


def test_an_edited_comments_file_is_read_afresh(tmp_path):
    content, comments = site_with_one_response(tmp_path)
    build_site(content, tmp_path / "first", tmp_path / "cache", **CACHED)
    write_comments(comments, [record(1, author="Edited Reader")])
    second = build_site(content, tmp_path / "second", tmp_path / "cache", **CACHED)
    assert authors(second) == ["Edited Reader"]


def test_a_damaged_cache_is_ignored(tmp_path):
    content, _ = site_with_one_response(tmp_path)
    build_site(content, tmp_path / "first", tmp_path / "cache", **CACHED)
    (tmp_path / "cache" / prepared_cache.CACHE_NAME).write_bytes(b"not a pickle")
    second = build_site(content, tmp_path / "second", tmp_path / "cache", **CACHED)
    assert authors(second) == ["Kept Reader"]
