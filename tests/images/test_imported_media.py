"""The WordPress importer's media, published by plugins/images: the originals in
content/media/ stay the old site's bytes, the site shows copies made from them, and the
migration audit (--media) finds every copy decodes and shows what its original shows."""

import pytest
from images_helpers import metadata_left, published_pictures, sha256
from media_helpers import HOSTED_FILES, MULTISITE_FILES, make_uploads
from wordpress.wordpress_helpers import FIXTURES

from sitebuild import PUBLISH_SITEURL as SITEURL
from sitebuild import publish_build
from tools.audit import run_audit
from tools.wordpress import import_wordpress

# A WordPress.com blog's export (files.wordpress.com): the audit pairs its files with a copy
# of the uploads folder by their paths.
EXPORT = FIXTURES / "media-hosted.xml"


def import_and_build(root, export, files):
    sources = make_uploads(root / "uploads", files)
    import_wordpress(export, root / "content", media=root / "uploads")
    site = publish_build(root / "content", root / "output")
    return root, site, sources


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    return import_and_build(tmp_path_factory.mktemp("imported-media"), EXPORT, HOSTED_FILES)


@pytest.fixture(scope="module")
def multisite(tmp_path_factory):
    return import_and_build(tmp_path_factory.mktemp("imported-multisite"),
                            FIXTURES / "media-multisite.xml", MULTISITE_FILES)


@pytest.mark.parametrize("fixture", ["imported", "multisite"])
def test_the_imported_originals_stay_the_old_site_s_bytes(fixture, request):
    root, _site, sources = request.getfixturevalue(fixture)
    for relative, data in sources.items():
        assert (root / "content" / "media" / relative).read_bytes() == data, relative


def test_the_site_shows_copies_which_the_audit_finds_made_from_the_originals(imported):
    root, site, sources = imported
    pictures = published_pictures(site.root / "media")
    assert len(pictures) > len([name for name in sources if name.endswith(".png")])
    for path in pictures:
        assert metadata_left(path) == [], path
    report = run_audit(EXPORT, site.root, media=root / "uploads")
    media = next(check for check in report.checks if check.name == "media")
    # The one failure is the file the old server lost, which the import could not bring.
    assert [problem.kind for problem in media.problems] == [
        "a file of the old site's uploads is still loaded from the old site"]
    assert media.failures[0].startswith("/2020/05/lost.png (not an attachment of the export)")
    compared = len([path for path in (site.root / "media").rglob("*") if path.is_file()])
    assert f"{compared} copies in the site compared with" in media.summary


def test_the_audit_names_a_copy_that_shows_another_picture(imported, tmp_path):
    root, site, _sources = imported
    copy = next(path for path in published_pictures(site.root / "media")
                if path.name.startswith("chart.") and path.suffix == ".webp")
    original = copy.read_bytes()
    try:
        from PIL import Image

        Image.new("RGB", Image.open(copy).size, "orange").save(copy, "WEBP")
        media = next(check for check in run_audit(EXPORT, site.root, media=root / "uploads")
                     .checks if check.name == "media")
        (line,) = [line for line in media.failures if "lost.png" not in line]
        assert line.startswith(f"/{copy.relative_to(site.root)} is not made from its original: "
                               "the pictures differ by ")
        assert f"allowed): {root / 'uploads'}/2020/05/chart.png (attachment" in line
    finally:
        copy.write_bytes(original)


def test_galleries_featured_images_and_resized_copies_become_pictures(multisite):
    _root, site, _sources = multisite
    soup = site.soup("2019/03/meeting-photos/")
    gallery = soup.select(".gallery figure.gallery-item img")
    assert len(gallery) == 2
    for img in gallery:
        # The fixture's pictures are small (one copy each): the WebP <source> has the sizes.
        source = img.find_parent("picture").find("source")
        assert source["sizes"].startswith("(min-width: 40rem) ")
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
    featured = soup.select_one(".featured-image picture img")
    assert featured["alt"] == "The meeting hall, rows of chairs"
    assert soup.find("meta", property="og:image")["content"].startswith(
        f"{SITEURL}/media/2019/03/hall.")
    # The post's first picture names hall-300x200.png: a copy of its own (the fixture's
    # "resized" file has other proportions than hall.png, so it is not replaced by it).
    first = soup.select_one(".post-content picture img")
    assert first["width"] == "300" and sha256(site.root / "media/2019/03/hall.png")
