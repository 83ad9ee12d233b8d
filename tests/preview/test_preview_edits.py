"""`invoke livereload`'s preview: after each scripted edit has settled, output/ is byte for
byte what a clean build of the same sources writes (search index included)."""

import os
import re
import urllib.request

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from preview_testing import (
    LOCAL_SETTINGS,
    clean_build,
    differences,
    manifest,
    post_text,
    response,
    running_preview,
    settle,
    start_preview,
    stop_preview,
    write_comments,
    write_post,
    write_site,
)

from sitebuild import normalise
from tools.authoring.build import plugins_disconnected_after


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    with running_preview(root) as preview:
        yield root, preview


def edit(site, change):
    """Make a change under the watcher's eyes and wait until it has settled."""
    root, preview = site
    settle(preview, lambda: change(root / "content"))


def assert_like_clean_build(site):
    root, _ = site
    expected = manifest(clean_build(root, root / "clean"))
    actual = manifest(root / "output")
    assert len(expected) > 40
    assert differences(expected, actual) == {}


def page(site, path):
    root, _ = site
    return BeautifulSoup((root / "output" / path / "index.html").read_text("utf-8"), "html5lib")


def titles(document):
    return [normalise(link.get_text()) for link in document.select("main h2 a")]


def served(site, path):
    _, preview = site
    with urllib.request.urlopen(preview.server.url() + path) as answer:
        return answer.status, answer.read().decode("utf-8")


def test_first_build_is_a_clean_build(site):
    assert_like_clean_build(site)


def test_body_edit_takes_the_in_place_road(site, capsys):
    edit(site, lambda content: write_post(content, 7, body="A new sentence about *care*."))
    assert "post-7.md on screen in" in capsys.readouterr().err
    text = normalise(page(site, "2020/01/post-7").find("article").get_text())
    assert "A new sentence about care." in text
    assert_like_clean_build(site)


def test_editor_saving_by_rename_takes_the_in_place_road(site, capsys):
    def save_by_rename(content):
        saved = content / "posts" / ".post-7.md.tmp"
        saved.write_text(post_text(7, body="Saved by rename."), "utf-8")
        os.replace(saved, content / "posts" / "post-7.md")

    edit(site, save_by_rename)
    assert "post-7.md on screen in" in capsys.readouterr().err
    assert "Saved by rename." in normalise(page(site, "2020/01/post-7").get_text())
    assert_like_clean_build(site)


def test_a_responsive_image_is_resolved_in_place(site):
    """plugins/srcset in the preview: the candidates resolve as in a clean build."""
    def add_image(content):
        (content / "images").mkdir(exist_ok=True)
        for name, width in (("chart-300.png", 300), ("chart.png", 900)):
            Image.new("RGB", (width, width * 2 // 3), "teal").save(content / "images" / name)
        write_post(content, 7, body='<img src="{static}/images/chart-300.png" alt="A chart" '
                   'srcset="{static}/images/chart-300.png 300w, {static}/images/chart.png 900w" '
                   'sizes="300px">')

    edit(site, add_image)
    img = page(site, "2020/01/post-7").select_one("img[srcset]")
    # plugins/images publishes copies of the largest file named (tests/images); plugins/srcset
    # resolves their links relative to the post.
    candidates = [candidate.split() for candidate in img["srcset"].split(", ")]
    assert [re.sub(r"\.[0-9a-f]{8}-", ".*-", url) for url, _ in candidates] == [
        f"../../../images/chart.*-{width}.png" for width in (360, 720, 900)]
    assert [descriptor for _, descriptor in candidates] == ["360w", "720w", "900w"]
    assert_like_clean_build(site)


def test_title_edit_reaches_the_listings(site):
    edit(site, lambda content: write_post(content, 11, title="A better title"))
    assert "A better title" in titles(page(site, ""))
    assert "A better title" in titles(page(site, "tag/health"))
    assert_like_clean_build(site)


def test_tag_added_then_removed(site):
    edit(site, lambda content: write_post(content, 8, tags="health, rare-topic"))
    assert titles(page(site, "tag/rare-topic")) == ["Post number 8"]
    assert_like_clean_build(site)
    edit(site, lambda content: write_post(content, 8, tags="health"))
    assert not (site[0] / "output" / "tag" / "rare-topic").exists()
    assert_like_clean_build(site)


def test_category_changed(site):
    edit(site, lambda content: write_post(content, 9, category="research"))
    assert titles(page(site, "category/research")) == ["Post number 9"]
    assert "Post number 9" not in titles(page(site, "category/general"))
    assert_like_clean_build(site)


def test_date_change_moves_a_post_across_listing_pages(site):
    # Post 1, the oldest (last page), becomes the newest: every other post moves down one.
    edit(site, lambda content: write_post(content, 1, date="2020-03-01 10:00"))
    assert titles(page(site, ""))[0] == "Post number 1"
    assert "Post number 1" not in titles(page(site, "page/3"))
    assert_like_clean_build(site)


def test_new_post_then_deleted(site):
    edit(site, lambda content: write_post(content, 24, date="2020-04-01 10:00"))
    assert titles(page(site, ""))[0] == "Post number 24"
    assert_like_clean_build(site)
    edit(site, lambda content: (content / "posts" / "post-24.md").unlink())
    assert not (site[0] / "output" / "2020" / "04").exists()
    assert_like_clean_build(site)


def test_deleted_post_shrinks_the_listings(site):
    # 10 published posts fill three pages; with 8 there are two, and page 3 must go.
    def delete_two(content):
        (content / "posts" / "post-4.md").unlink()
        (content / "posts" / "post-6.md").unlink()

    edit(site, delete_two)
    assert not (site[0] / "output" / "page" / "3").exists()
    assert_like_clean_build(site)


def test_renamed_post(site):
    edit(site, lambda content: (content / "posts" / "post-3.md").rename(
        content / "posts" / "renamed.md"))
    assert_like_clean_build(site)

    def new_slug(content):
        (content / "posts" / "renamed.md").unlink()
        (content / "posts" / "post-3-renamed.md").write_text(
            post_text(3).replace("Slug: post-3", "Slug: post-3-renamed"), "utf-8")

    edit(site, new_slug)
    assert not (site[0] / "output" / "2020" / "01" / "post-3").exists()
    assert (site[0] / "output" / "2020" / "01" / "post-3-renamed" / "index.html").exists()
    assert_like_clean_build(site)


def test_draft_published(site):
    assert (site[0] / "output" / "drafts" / "post-10").exists()
    edit(site, lambda content: write_post(content, 10))
    assert not (site[0] / "output" / "drafts" / "post-10").exists()
    assert "Post number 10" in titles(page(site, ""))
    assert_like_clean_build(site)


def test_comments_edit(site):
    edit(site, lambda content: write_comments(
        content, [response(1, "post-2"), response(2, "post-5"), response(3, "post-7")]))
    assert "Response 3." in normalise(page(site, "2020/01/post-7").get_text())
    assert_like_clean_build(site)


def test_template_edit(site):
    def edit_template(content):
        base = content.parent / "theme" / "templates" / "base.html"
        base.write_text(base.read_text("utf-8").replace(
            "</footer>", "<p class=\"edited\">Edited footer</p></footer>", 1), "utf-8")

    edit(site, edit_template)
    assert page(site, "2020/01/post-7").select_one("footer p.edited")
    assert_like_clean_build(site)


def test_stylesheet_edit(site):
    def edit_css(content):
        css = content.parent / "theme" / "static" / "css" / "site.css"
        css.write_text(css.read_text("utf-8") + "\n.edited { color: red; }\n", "utf-8")

    edit(site, edit_css)
    assert ".edited" in (site[0] / "output" / "theme" / "css" / "site.css").read_text("utf-8")
    assert_like_clean_build(site)


def test_failed_build_keeps_serving_and_recovers(site, capsys):
    root, _ = site
    before = manifest(root / "output")
    edit(site, lambda content: (content / "posts" / "post-11.md").write_text(
        post_text(11).replace("Date: 2020-01-11 10:00", "Date: 2020-02-30 10:00"), "utf-8"))
    # The one line `invoke build` prints for it (tools/authoring/build.py), no traceback.
    err = capsys.readouterr().err
    assert "posts/post-11.md:2: Date '2020-02-30 10:00' is not a real date" in err
    assert "Traceback" not in err
    assert manifest(root / "output") == before
    status, body = served(site, "2020/01/post-11/")
    assert status == 200 and "A better title" in body

    edit(site, lambda content: (content / "comments.json").write_text("{", "utf-8"))
    assert "comments.json" in capsys.readouterr().err
    assert manifest(root / "output") == before

    def fix_both(content):
        write_post(content, 11, body="Fixed.")
        write_comments(content, [response(1, "post-2"), response(2, "post-5")])

    edit(site, fix_both)
    assert "builds again" in capsys.readouterr().err
    assert "Fixed." in page(site, "2020/01/post-11").get_text()
    assert_like_clean_build(site)


def test_template_error_keeps_serving_and_recovers(site, capsys):
    root, _ = site
    before = manifest(root / "output")
    base = root / "theme" / "templates" / "base.html"
    good = base.read_text("utf-8")
    edit(site, lambda content: base.write_text(good.replace("</footer>",
                                                            "{% if %}</footer>", 1), "utf-8"))
    assert "base.html" in capsys.readouterr().err
    assert manifest(root / "output") == before
    status, _ = served(site, "")
    assert status == 200

    edit(site, lambda content: base.write_text(good, "utf-8"))
    assert "builds again" in capsys.readouterr().err
    assert_like_clean_build(site)


def test_served_pages_carry_the_reload_script_and_output_does_not(site):
    root, _ = site
    status, body = served(site, "2020/01/post-7/")
    assert status == 200
    assert re.search(r"new EventSource\(\"/__preview/events\"\)", body)
    assert "EventSource" not in (root / "output" / "2020/01/post-7/index.html").read_text()


def test_settings_or_plugin_change_starts_afresh(site):
    _, preview = site
    from tools.preview.watch import Batch

    batch = Batch({(1, str(preview.restart_paths[0]))}, preview.site, preview.restart_paths)
    preview.apply(batch)
    assert preview.restarts


def test_a_relative_output_folder_is_made_absolute(tmp_path, monkeypatch):
    # Pelican's writer writes absolute paths; the stale-file sweep compares with them.
    from tools.preview.cli import preview_settings

    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    settings = preview_settings(LOCAL_SETTINGS, tmp_path / "content", "output")
    assert settings["OUTPUT_PATH"] == str(tmp_path / "output")


def test_a_failed_first_build_recovers_when_fixed(tmp_path, capsys):
    write_site(tmp_path)
    (tmp_path / "content" / "comments.json").write_text("{", "utf-8")
    with plugins_disconnected_after():
        preview = start_preview(tmp_path)
        try:
            assert "comments.json:1" in capsys.readouterr().err
            assert not (tmp_path / "output" / "index.html").exists()
            edit((tmp_path, preview), lambda content: write_comments(
                content, [response(1, "post-2"), response(2, "post-5")]))
            assert_like_clean_build((tmp_path, preview))
        finally:
            stop_preview(preview)
