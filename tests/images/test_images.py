"""plugins/images: real pictures made by Pillow, a real site built with the publish settings.

Every published picture is opened with Pillow: its size must match what the markup says and
no metadata of the original may be left in it. The markup is read with an HTML parser.
"""

import io
import re
from pathlib import Path

import pytest
from images_helpers import (
    metadata_left,
    open_picture,
    published_pictures,
    sha256,
    write_pictures,
)
from pagecheck import nu_html_errors
from PIL import Image, ImageChops, ImageOps, ImageStat

from sitebuild import PUBLISH_SETTINGS, build, parse, write_post
from tools.authoring.build import build as run_build

SITEURL = "https://blog.example.org"
PUBLISH = {"settings_file": PUBLISH_SETTINGS, "fatal": "warnings", "SITEURL": SITEURL,
           "FEED_DOMAIN": SITEURL}
POST = "2020/01/walk/"
BODY = """A walk by the clinic.

![The path along the river]({static}/images/IMG_2041.jpg)

Some words between the pictures, enough to be a paragraph of their own.

![The clinic's door, photographed upright]({static}../images/IMG_2042.jpg)

![A tiny badge]({static}/images/tiny.jpg) and ![The society's logo]({static}/images/logo.png)

![A waving animation]({static}/images/wave.gif) ![A diagram]({static}/images/diagram.svg)

<div class="gallery gallery-columns-3">
<figure class="gallery-item"><a href="{static}/images/IMG_2041.jpg"><img src="{static}/images/IMG_2041.jpg" alt="The path again" loading="lazy"></a><figcaption>The path</figcaption></figure>
</div>

Download [the full photo]({static}/images/IMG_2041.jpg).
"""  # noqa: E501


def picture_files(site, img):
    """(url, descriptor) of every candidate of an <img> and of its <picture>'s <source>; an
    <img> without srcset (an animation's fallback) is its src at its own width."""
    source = img.find_parent("picture").find("source")
    found = {"webp": [tuple(candidate.split()) for candidate in source["srcset"].split(", ")]}
    if img.has_attr("srcset"):
        found["fallback"] = [tuple(candidate.split()) for candidate in img["srcset"].split(", ")]
    else:
        found["fallback"] = [(img["src"], f"{img['width']}w")]
    return found


def output_file(site, url):
    assert url.startswith(f"{SITEURL}/"), url
    return site.root / url.removeprefix(f"{SITEURL}/")


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    root = tmp_path_factory.mktemp("images")
    content = root / "content"
    originals = write_pictures(content / "images")
    write_post(content, "walk", BODY, image="{static}/images/IMG_2041.jpg",
               image_alt="The river at dawn")
    write_post(content, "later", "A later post, with words only.", date="2020-01-20 10:00")
    site = build(content, root / "output", **PUBLISH)
    return site, content, originals


def content_images(site):
    return site.soup(POST).select(".post-content img")


def test_the_originals_are_full_of_secrets_and_stay_untouched(walk):
    site, content, originals = walk
    # The test pictures really carry what must not be published...
    assert "a GPS position" in metadata_left(content / "images" / "IMG_2041.jpg")
    assert "an embedded JPEG (thumbnail)" in metadata_left(content / "images" / "IMG_2041.jpg")
    assert metadata_left(content / "images" / "logo.png")
    assert metadata_left(content / "images" / "wave.gif")
    # ...and the build leaves them as they were.
    assert {path.name: sha256(path) for path in (content / "images").iterdir()} == originals


def test_no_published_picture_holds_metadata_or_is_an_original(walk):
    site, _content, originals = walk
    pictures = published_pictures(site.root)
    assert len(pictures) > 20
    for path in pictures:
        assert metadata_left(path) == [], path
        assert sha256(path) not in originals.values(), f"{path} is an original, published as is"
    # The SVG is copied as it is.
    assert sha256(site.root / "images" / "diagram.svg") == originals["diagram.svg"]


def test_every_img_has_its_size_and_all_but_the_first_wait(walk):
    site, _content, _originals = walk
    soup = site.soup(POST)
    images = soup.select("article img")
    assert len(images) == 8
    for img in images:
        assert img.has_attr("width") and img.has_attr("height"), img
    featured, *in_text = images
    # The featured image comes first on the page: it loads at once, the rest wait their turn.
    assert featured.find_parent(class_="featured-image") is not None
    assert not featured.has_attr("loading") and not featured.has_attr("decoding")
    for img in in_text:
        assert (img.get("loading"), img.get("decoding")) == ("lazy", "async"), img


def test_each_copy_is_the_size_its_candidate_says_and_never_enlarged(walk):
    site, _content, _originals = walk
    widths = {}
    for img in content_images(site):
        if img.find_parent("picture") is None:
            continue
        for kind, candidates in picture_files(site, img).items():
            for url, descriptor in candidates:
                kind_found, size, _frames, _mode = open_picture(output_file(site, url))
                assert f"{size[0]}w" == descriptor, url
                assert kind_found == ("WEBP" if kind == "webp" else kind_found)
                widths.setdefault(img["alt"], {})[kind] = [int(d[:-1]) for _u, d in candidates]
    assert widths["The path along the river"] == {"webp": [360, 720, 1200],
                                                  "fallback": [360, 720, 1200]}
    # Upright, the sideways photo is 1200 wide: its own width is its widest copy.
    assert widths["The clinic's door, photographed upright"]["webp"] == [360, 720, 1200]
    assert widths["A tiny badge"] == {"webp": [64], "fallback": [64]}
    assert widths["The society's logo"] == {"webp": [360, 500], "fallback": [360, 500]}


def test_width_and_height_are_the_upright_picture_s(walk):
    site, content, _originals = walk
    sizes = {img["alt"]: (img["width"], img["height"]) for img in content_images(site)}
    assert sizes["The path along the river"] == ("1800", "1200")
    assert sizes["The clinic's door, photographed upright"] == ("1200", "1800")
    assert sizes["A tiny badge"] == ("64", "48")


def test_the_sideways_photo_is_published_upright(walk):
    site, content, _originals = walk
    (door,) = [img for img in content_images(site) if img["alt"].startswith("The clinic")]
    with Image.open(content / "images" / "IMG_2042.jpg") as original:
        expected = ImageOps.exif_transpose(original).convert("L").resize((24, 36))
    for url, _descriptor in picture_files(site, door)["fallback"]:
        with Image.open(output_file(site, url)) as copy:
            assert copy.height > copy.width
            shown = copy.convert("L").resize((24, 36))
        assert ImageStat.Stat(ImageChops.difference(shown, expected)).mean[0] < 8, url


def test_formats_transparency_and_animation_are_kept(walk):
    site, _content, _originals = walk
    images = {img["alt"]: img for img in content_images(site)}
    for url, _ in picture_files(site, images["The path along the river"])["fallback"]:
        assert open_picture(output_file(site, url))[0] == "JPEG"
    for kind, candidates in picture_files(site, images["The society's logo"]).items():
        for url, _ in candidates:
            with Image.open(output_file(site, url)) as logo:
                assert logo.format == ("WEBP" if kind == "webp" else "PNG")
                assert logo.convert("RGBA").getchannel("A").getextrema() == (0, 255), url
    wave = images["A waving animation"]
    # Its fallback is the GIF at full size with its three frames (stripped); the WebP copies
    # are animated too.
    assert not wave.has_attr("srcset")
    assert open_picture(output_file(site, wave["src"]))[:3] == ("GIF", (200, 100), 3)
    for url, _ in picture_files(site, wave)["webp"]:
        assert open_picture(output_file(site, url))[:3] == ("WEBP", (200, 100), 3)


def test_svg_is_left_as_written(walk):
    site, _content, _originals = walk
    (diagram,) = [img for img in content_images(site) if img["alt"] == "A diagram"]
    assert diagram.find_parent("picture") is None
    assert diagram["src"] == f"{SITEURL}/images/diagram.svg"


def test_a_download_link_gets_the_full_photo_stripped(walk):
    site, content, _originals = walk
    link = next(a for a in site.soup(POST).select(".post-content a")
                if a.get_text() == "the full photo")
    assert link["href"] == f"{SITEURL}/images/IMG_2041.jpg"
    assert open_picture(output_file(site, link["href"]))[:2] == ("JPEG", (1800, 1200))
    assert metadata_left(output_file(site, link["href"])) == []


def test_gallery_pictures_are_sized_for_the_gallery_s_cells(walk):
    site, _content, _originals = walk
    gallery = site.soup(POST).select_one(".gallery figure.gallery-item")
    img = gallery.select_one("a > picture > img")
    assert img["alt"] == "The path again"
    # Three columns from 40rem, two on a phone; a 3:2 picture covers its square cell.
    assert img["sizes"] == "(min-width: 40rem) 17.2rem, calc((100vw - 2.75rem) / 2 * 1.5)"
    assert gallery.select_one("a")["href"] == f"{SITEURL}/images/IMG_2041.jpg"


def test_featured_image_and_og_image_use_the_copies(walk):
    site, _content, _originals = walk
    soup = site.soup(POST)
    featured = soup.select_one(".featured-image picture img")
    assert featured["alt"] == "The river at dawn"
    assert (featured["width"], featured["height"]) == ("1800", "1200")
    meta = {tag["property"]: tag["content"] for tag in soup.select("meta[property^='og:image']")}
    assert re.fullmatch(rf"{SITEURL}/images/IMG_2041\.[0-9a-f]{{8}}-1200\.jpg",
                        meta["og:image"]), meta
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "800")
    assert open_picture(output_file(site, meta["og:image"]))[:2] == ("JPEG", (1200, 800))


def test_listings_show_the_copies_and_only_the_first_post_s_load_at_once(walk):
    site, _content, _originals = walk
    home = site.soup("")
    summaries = home.select(".post-summary")
    assert [s.h2.get_text(strip=True) for s in summaries] == ["Later", "Walk"]
    images = summaries[1].select(".summary picture img")
    assert images
    # The second post on the page: even its first picture waits until it is nearly on screen.
    for img in images:
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
        assert img.has_attr("width") and img.has_attr("height")


def test_feeds_carry_the_copies(walk):
    site, _content, _originals = walk
    feed = (site.root / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "IMG_2041.jpg&quot;" not in feed.split("href=&quot;")[0]
    assert re.search(rf"{SITEURL}/images/IMG_2041\.[0-9a-f]{{8}}-720\.webp 720w", feed)


def test_the_post_is_valid_html(walk):
    site, _content, _originals = walk
    assert nu_html_errors(site.root, site.file(POST)) == []


def test_a_second_build_encodes_nothing_and_writes_the_same_bytes(walk, tmp_path,
                                                                   monkeypatch):
    site, content, _originals = walk
    from images import derive, images

    encoded = []
    monkeypatch.setattr(derive, "encode", lambda *args: encoded.append(args) or pytest.fail(
        "a picture was encoded again"))
    monkeypatch.setattr(images, "_known", {})  # as a new process: only the cache on disk
    again = build(content, tmp_path / "output", **{**PUBLISH, "CACHE_PATH":
                                                   site.settings["CACHE_PATH"]})
    assert encoded == []
    for path in published_pictures(site.root):
        relative = path.relative_to(site.root)
        assert (again.root / relative).read_bytes() == path.read_bytes(), relative


def test_an_undecodable_picture_stops_the_build_naming_the_post_and_file(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "notes.jpg").write_text("Notes, saved as .jpg by mistake.")
    photo = io.BytesIO()
    Image.new("RGB", (400, 300), "teal").save(photo, "JPEG")
    (content / "images" / "cut.jpg").write_bytes(photo.getvalue()[:300])
    Image.new("RGB", (40, 30)).save(content / "images" / "fine.png")
    post = write_post(content, "broken", "Before.\n\n![A broken photo]({static}/images/"
                      "notes.jpg)\n\n![A fine one]({static}/images/fine.png)\n\n"
                      "![A cut one]({static}/images/cut.jpg)")
    stream = io.StringIO()
    report = run_build(["-s", str(PUBLISH_SETTINGS), "--fatal", "warnings", str(content),
                        "-o", str(tmp_path / "output")], stream=stream, labels=False)
    assert report.failed and report.stopped
    assert stream.getvalue().splitlines() == [
        f"images: {post}:12: the image {content}/images/cut.jpg cannot be published: it is cut "
        "short (an incomplete copy of a picture); export it again as JPEG or PNG, or delete it",
        f"images: {post}:8: the image {content}/images/notes.jpg cannot be published: its "
        "contents are not a picture (JPEG, PNG, GIF or WebP); export it again as JPEG or PNG, "
        "or delete it"]
    assert not list(Path(tmp_path / "output").rglob("*.html"))


def test_a_heic_photo_is_refused_with_advice(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "IMG_3001.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic")
    stream = io.StringIO()
    report = run_build(["-s", str(PUBLISH_SETTINGS), "--fatal", "errors", str(content),
                        "-o", str(tmp_path / "output")], stream=stream, labels=False)
    assert report.stopped
    assert stream.getvalue().splitlines() == [
        f"images: {content}/images/IMG_3001.HEIC cannot be published: it is a HEIC file, which "
        "browsers cannot all show; replace it with a JPEG (photos) or PNG (drawings) file, or "
        "delete it"]


def test_a_wordpress_resized_copy_is_shown_from_its_original(tmp_path):
    content = tmp_path / "content"
    media = content / "media" / "2019" / "03"
    media.mkdir(parents=True)
    original = Image.new("RGB", (1500, 1000), "teal")
    original.save(media / "hall.jpg")
    original.resize((300, 200)).save(media / "hall-300x200.jpg")
    write_post(content, "hall", '<img src="{static}/media/2019/03/hall-300x200.jpg" alt="The '
               'hall" width="300" height="200" class="alignleft size-medium" srcset="{static}/'
               'media/2019/03/hall-300x200.jpg 300w" sizes="(max-width: 300px) 100vw, 300px">')
    site = build(content, tmp_path / "output", **PUBLISH)
    img = site.soup("2020/01/hall/").select_one(".post-content picture img")
    assert (img["width"], img["height"], img["class"]) == ("300", "200",
                                                          ["alignleft", "size-medium"])
    assert img["sizes"] == ("(min-width: 340px) 300px, (max-width: 30rem) calc(100vw - 2rem), "
                            "calc(100vw - 2.5rem)")
    urls = [candidate.split()[0] for candidate in img["srcset"].split(", ")]
    assert [re.sub(r"\.[0-9a-f]{8}-", "-", url.rsplit("/", 1)[1]) for url in urls] == [
        "hall-360.jpg", "hall-720.jpg", "hall-1200.jpg"]
    parse(site.file("2020/01/hall/"))


def test_an_animation_cut_short_is_published_with_the_frames_that_decode(tmp_path):
    """An old upload whose last frame never arrived whole (seen in a real WordPress site's
    uploads): browsers showed its first frames, and so does the site."""
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    frames = [Image.effect_noise((120, 80), 40 + 30 * number).convert("P")
              for number in range(4)]
    animation = io.BytesIO()
    frames[0].save(animation, "GIF", save_all=True, append_images=frames[1:], duration=100)
    (content / "images" / "spin.gif").write_bytes(animation.getvalue()[:-200])
    post = write_post(content, "spin", "![A spinning logo]({static}/images/spin.gif)")
    stream = io.StringIO()
    report = run_build(["-s", str(PUBLISH_SETTINGS), "--fatal", "warnings", str(content),
                        "-o", str(tmp_path / "output"), "-e", f'CACHE_PATH="{tmp_path / "cache"}"'],
                       stream=stream, labels=False)
    assert not report.failed, (post, stream.getvalue())
    site = tmp_path / "output"
    [full] = [path for path in published_pictures(site) if path.name.startswith("spin.")
              and path.suffix == ".gif"]
    kind, size, frame_count, _ = open_picture(full)
    assert (kind, size) == ("GIF", (120, 80))
    assert 1 < frame_count < 4
