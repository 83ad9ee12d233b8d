"""plugins/images in the live preview: a new photo is on screen from its first encoding on,
and nothing is encoded again, neither by later edits nor by a clean build of the same site."""

import re

import pytest
from bs4 import BeautifulSoup
from preview_testing import (
    LOCAL_SETTINGS,
    clean_build,
    differences,
    manifest,
    overrides,
    running_preview,
    settle,
    write_post,
    write_site,
)

from tools.authoring.build import plugins_disconnected_after
from tools.bench.photos import phone_photo
from tools.preview.cli import preview_settings
from tools.preview.site import Site


@pytest.fixture
def encodings(monkeypatch):
    """Every picture encoded (not found in the cache) while the test runs."""
    from images import derive, images

    encoded = []
    real = derive.encode

    def counting(data, digest, folder, recipe):
        encoded.append(digest)
        return real(data, digest, folder, recipe)

    monkeypatch.setattr(derive, "encode", counting)
    monkeypatch.setattr(images, "_known", {})
    return encoded


def picture_files(root, page):
    soup = BeautifulSoup((root / "output" / page / "index.html").read_text("utf-8"), "html5lib")
    img = soup.select_one(".post-content picture img")
    assert img is not None, "no picture on the page"
    urls = [img["src"], *[c.split()[0] for c in soup.select_one("picture source")["srcset"]
                          .split(", ")]]
    return [root / "output" / page / url for url in urls]


def test_a_new_photo_is_encoded_once_and_shown(tmp_path, encodings):
    with running_preview(tmp_path) as preview:
        content = tmp_path / "content"

        def add_photo():
            (content / "images").mkdir(exist_ok=True)
            phone_photo(content / "images" / "IMG_0001.jpg", size=(1500, 1000))
            write_post(content, 3, body="A walk.\n\n![The river]({static}/images/IMG_0001.jpg)")

        settle(preview, add_photo)
        assert len(encodings) == 1
        files = picture_files(tmp_path, "2020/01/post-3")
        assert all(path.is_file() for path in files), files
        settle(preview, lambda: write_post(content, 3, body="Another walk.\n\n![The river]"
                                           "({static}/images/IMG_0001.jpg)"))
        settle(preview, lambda: write_post(content, 5, body="Words about care."))
        expected = manifest(clean_build(tmp_path, tmp_path / "clean"))
        assert differences(expected, manifest(tmp_path / "output")) == {}
    # Later edits and the clean build (the same CACHE_PATH) found the copies in the cache.
    assert len(encodings) == 1


def test_the_page_s_pictures_are_in_output_before_the_page_is(tmp_path, encodings):
    """The settle copies static files after every page; a new photo's come first."""
    content = write_site(tmp_path)
    with plugins_disconnected_after():
        settings = preview_settings(LOCAL_SETTINGS, content, tmp_path / "output")
        settings.update(overrides(tmp_path))
        site = Site(settings)
        site.state = site.build_state()
        site.render_all(site.state)
        (content / "images").mkdir()
        phone_photo(content / "images" / "IMG_0002.jpg", size=(800, 600))
        write_post(content, 4, body="![A bench]({static}/images/IMG_0002.jpg)")
        site.forget([str(content / "posts" / "post-4.md")])
        site.state = site.build_state()
        written = site.render_first(site.state, [site.cached_article(
            str((content / "posts" / "post-4.md").resolve()))])
    assert any(path.endswith("post-4/index.html") for path in written)
    for path in picture_files(tmp_path, "2020/01/post-4"):
        assert path.is_file() and re.search(r"IMG_0002(\.[0-9a-f]{8}-\d+\.\w+|\.jpg)$",
                                            path.name), path
