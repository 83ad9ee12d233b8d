"""Media along with the import: files copied or downloaded, links rewritten, built and checked.

Two fixture exports: a self-hosted multisite blog (uploads under
/wp-content/uploads/sites/2/) imported from a copy of its uploads folder, and a
WordPress.com blog (files.wordpress.com) downloaded from a local HTTP server on
127.0.0.1 that also answers 404, too slowly and with a cut-off body. Both are
built with the publish settings and ``--fatal warnings``, and the built pages'
HTML is read.
"""

import io
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from media_helpers import HOSTED_FILES, MULTISITE_FILES, make_uploads
from pagecheck import nu_html_errors
from rich.console import Console
from wordpress_helpers import FIXTURES

from sitebuild import PUBLISH_SITEURL as SITEURL
from sitebuild import (
    BuildFailed,
    html_paths,
    normalise,
    parse,
    publish_build,
    serve,
    write_post,
)
from tools.static_server import QuietHandler
from tools.wordpress import import_wordpress
from tools.wordpress.media import MediaSourceError

MULTISITE = FIXTURES / "media-multisite.xml"
HOSTED = FIXTURES / "media-hosted.xml"
URL_ATTRIBUTES = {
    "a": ["href"],
    "img": ["src", "srcset"],
    "audio": ["src"],
    "video": ["src", "poster"],
    "source": ["src", "srcset"],
    "meta": ["content"],
}


# The publish build (sitebuild.publish_build, any warning fails the test) of the importer on
# its own: the images plugin would publish copies made from the imported files instead of
# the files themselves (tests/images/test_imported_media.py builds this import with it).
PUBLISH = {"IMAGES_PUBLISH": False}


def page(output, path):
    return parse(output / path / "index.html")


def every_url(output):
    """(page, url) for every URL-valued attribute of every built page, srcset candidates too."""
    for page in html_paths(output):
        file = output / page
        soup = parse(file)
        for tag, attributes in URL_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                for attribute in attributes:
                    value = element.get(attribute)
                    if not value or (tag == "meta" and not value.startswith("http")):
                        continue
                    if attribute == "srcset":
                        for candidate in value.split(","):
                            yield file, candidate.split()[0]
                    else:
                        yield file, value


def media_file(output, url):
    """The built file a site URL names."""
    assert url.startswith(f"{SITEURL}/media/"), url
    return output / urlsplit(url).path.lstrip("/")


def old_urls(output, hosts):
    return {url for _file, url in every_url(output) if urlsplit(url).hostname in hosts}


@pytest.fixture(scope="module")
def multisite(tmp_path_factory):
    root = tmp_path_factory.mktemp("media-multisite")
    sources = make_uploads(root / "uploads", MULTISITE_FILES)
    report = import_wordpress(MULTISITE, root / "content", media=root / "uploads")
    output = publish_build(root / "content", root / "output", **PUBLISH).root
    return report, root, output, sources


def test_every_media_link_is_a_file_with_the_source_bytes(multisite):
    _report, _root, output, sources = multisite
    checked = set()
    for _file, url in every_url(output):
        if url.startswith(f"{SITEURL}/media/"):
            relative = urlsplit(url).path.removeprefix("/media/")
            assert media_file(output, url).read_bytes() == sources[relative], url
            checked.add(relative)
    # The uploads folder's every file is used: originals, the resized copy, PDF, audio, video.
    assert checked == set(MULTISITE_FILES)


def test_only_reported_addresses_still_point_at_the_old_site(multisite):
    report, _root, output, _sources = multisite
    left = old_urls(output, {"network.example", "www.network.example"})
    assert left == set(report.media.missing) | set(report.media.unresolved)
    assert set(report.media.missing) == {
        "https://network.example/wp-content/uploads/sites/2/2019/03/gone.png"
    }
    assert report.media.unresolved == {
        "https://network.example/patients/2010/01/deleted-post/": (
            "matches no post or page in the export",
            {"posts/2019/meeting-photos.md"},
        ),
        "https://network.example/patients/?p=13": (
            "not published (draft or skipped)",
            {"posts/2019/meeting-photos.md"},
        ),
    }


def test_resized_copy_file_links_audio_video_and_attachment_pages(multisite):
    _report, _root, output, sources = multisite
    soup = page(output, "2019/03/meeting-photos")
    content = soup.select_one(".post-content")
    first = content.find("img")
    assert first["src"] == f"{SITEURL}/media/2019/03/hall-300x200.png"
    assert first["alt"] == "The meeting hall"
    # srcset keeps every size the uploads folder has, with its descriptor, and its sizes
    # (plugins/srcset resolves the {static} links); the 768w copy is not there: dropped.
    assert [tuple(candidate.split()) for candidate in first["srcset"].split(",")] == [
        (f"{SITEURL}/media/2019/03/hall-300x200.png", "300w"),
        (f"{SITEURL}/media/2019/03/hall.png", "1024w"),
    ]
    assert first["sizes"] == "(max-width: 300px) 100vw, 300px"
    for candidate in first["srcset"].split(","):
        url = candidate.split()[0]
        assert media_file(output, url).read_bytes() == sources[url.split("/media/")[1]]
    links = {normalise(a.get_text()): a["href"] for a in content.find_all("a")}
    assert links["the minutes (PDF)"] == f"{SITEURL}/media/2019/03/minutes.pdf"
    assert links["hall on its own page"] == f"{SITEURL}/media/2019/03/hall.png"
    assert links["garden"] == f"{SITEURL}/media/2019/03/garden.png"
    assert content.find("audio")["src"] == f"{SITEURL}/media/2019/03/talk.mp3"
    video = content.find("video")
    assert video["poster"] == f"{SITEURL}/media/2019/03/hall.png"
    assert video.find("source")["src"] == f"{SITEURL}/media/2019/03/clip.mp4"
    assert links["another site"] == "https://example.org/elsewhere.png"


def test_internal_links_lead_to_the_new_pages(multisite):
    _report, _root, output, _sources = multisite
    content = page(output, "2019/03/meeting-photos").select_one(".post-content")
    links = {normalise(a.get_text()): a["href"] for a in content.find_all("a")}
    assert links["the follow-up"] == f"{SITEURL}/2019/04/follow-up/"
    assert links["a relative link"] == f"{SITEURL}/2019/04/follow-up/"
    assert links["its first response"] == f"{SITEURL}/2019/04/follow-up/#comment-5"
    assert page(output, "2019/04/follow-up").find(id="comment-5") is not None
    assert links["about us"] == f"{SITEURL}/about/"
    back = page(output, "2019/04/follow-up").select_one(".post-content a")
    assert back["href"] == f"{SITEURL}/2019/03/meeting-photos/"
    about = page(output, "about").select_one(".post-content img")
    assert about["src"] == f"{SITEURL}/media/2019/03/garden.png"


def gallery_of(output, path):
    gallery = page(output, path).select_one(".post-content .gallery")
    assert gallery is not None
    return [
        (
            figure.img["src"].removeprefix(f"{SITEURL}/media/"),
            figure.img["alt"],
            figure.a["href"].removeprefix(f"{SITEURL}/media/") if figure.a else None,
            normalise(figure.figcaption.get_text()),
        )
        for figure in gallery.select("figure.gallery-item")
    ], gallery["class"]


def test_gallery_without_ids_shows_the_posts_images_in_menu_order(multisite):
    report, _root, output, _sources = multisite
    figures, classes = gallery_of(output, "2019/03/meeting-photos")
    assert "gallery-columns-2" in classes
    # Pictures are WordPress's "medium" copies, linked to the originals; the garden's
    # copy is not in the uploads folder, so its original stands in.
    assert figures == [
        ("2019/03/garden.png", "The garden & its bench", "2019/03/garden.png",
         "The garden & its bench"),
        ("2019/03/hall-300x200.png", "The meeting hall, rows of chairs", "2019/03/hall.png",
         "The hall, before the meeting"),
    ]  # fmt: skip
    assert report.media.originals_for_resized == {"2019/03/garden-300x225.png"}
    assert "[gallery" not in page(output, "2019/03/meeting-photos").get_text()


def test_gallery_with_ids_keeps_their_order_and_link_none(multisite):
    _report, _root, output, _sources = multisite
    figures, classes = gallery_of(output, "2019/04/follow-up")
    assert "gallery-columns-3" in classes
    assert [(src, link) for src, _alt, link, _caption in figures] == [
        ("2019/03/garden.png", None),
        ("2019/03/hall-300x200.png", None),
    ]


def test_audio_and_video_shortcodes_become_players_of_the_copied_files(multisite):
    report, _root, output, _sources = multisite
    content = page(output, "2019/04/follow-up").select_one(".post-content")
    audio = content.find("audio")
    assert audio.has_attr("controls")
    assert [source["src"] for source in audio.find_all("source")] == [
        f"{SITEURL}/media/2019/03/talk.mp3"
    ]
    assert audio.find("source")["type"] == "audio/mpeg"
    assert audio.find("a")["href"] == f"{SITEURL}/media/2019/03/talk.mp3"
    video = content.find("video")
    assert (video["width"], video["height"]) == ("640", "360")
    assert video["poster"] == f"{SITEURL}/media/2019/03/hall.png"
    assert video.find("source")["src"] == f"{SITEURL}/media/2019/03/clip.mp4"
    # An [audio] naming no file stays as text, and the report says so.
    assert "[audio]" in content.get_text()
    assert ("posts/2019/follow-up.md", "[audio] names no file, left as text") in (
        report.media.problems
    )


def test_featured_image_tops_the_post_and_is_its_og_image(multisite):
    _report, _root, output, _sources = multisite
    soup = page(output, "2019/03/meeting-photos")
    featured = soup.select_one("article .featured-image img")
    assert featured["src"] == f"{SITEURL}/media/2019/03/hall.png"
    assert featured["alt"] == "The meeting hall, rows of chairs"
    # At the top: right after the header, before the text.
    assert featured.find_parent("figure").find_next_sibling()["class"] == ["post-content"]
    og_image = soup.find("meta", property="og:image")
    assert og_image["content"] == f"{SITEURL}/media/2019/03/hall.png"
    assert soup.find("meta", property="og:image:alt")["content"] == featured["alt"]
    assert page(output, "2019/04/follow-up").find("meta", property="og:image") is None


def test_report_counts_and_names_what_could_not_come(multisite):
    report, root, _output, _sources = multisite
    media = report.media
    assert (media.files, media.downloaded, media.from_cache) == (6, 0, 0)
    # meeting-photos: img, pdf, audio, poster, source, 2 attachment pages, 4 gallery urls;
    # follow-up: 2 gallery images, [audio] source and link, [video] poster, source and link;
    # about: 1 img; the draft: 1 img.
    assert media.media_rewritten == 20
    assert media.links_rewritten == 5
    assert (media.featured_images, media.galleries, media.srcset_rewritten) == (1, 2, 2)
    hall_768 = "https://network.example/wp-content/uploads/sites/2/2019/03/hall-768x512.png"
    assert media.srcset_dropped == {
        hall_768: (f"not in {root / 'uploads'}", {"posts/2019/meeting-photos.md"})
    }
    text = str(report)
    assert (
        "missing media https://network.example/wp-content/uploads/sites/2/2019/03/gone.png "
        f"(not in {root / 'uploads'}), old address kept: posts/2019/meeting-photos.md"
    ) in text
    assert "internal links rewritten: 5, unresolved: 2" in text
    assert "srcset candidates rewritten: 2, dropped (their file could not be had" in text
    assert (f"srcset candidate dropped {hall_768} (not in {root / 'uploads'}): "
            "posts/2019/meeting-photos.md") in text
    assert (
        "resized copies not in the source, their originals shown instead (1): "
        "2019/03/garden-300x225.png"
    ) in text


def test_a_second_import_changes_nothing(multisite):
    _report, root, _output, _sources = multisite
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns)
              for path in (root / "content").rglob("*") if path.is_file()}  # fmt: skip
    again = import_wordpress(MULTISITE, root / "content", media=root / "uploads")
    assert (again.files_written, again.files_replaced, again.files_kept) == ([], [], [])
    after = {path: (path.read_bytes(), path.stat().st_mtime_ns)
             for path in (root / "content").rglob("*") if path.is_file()}  # fmt: skip
    assert after == before


def test_without_media_the_links_still_move_and_every_file_is_reported(tmp_path):
    report = import_wordpress(MULTISITE, tmp_path / "content")
    assert not (tmp_path / "content" / "media").exists()
    assert report.media.links_rewritten == 5
    assert {reason for reason, _files in report.media.missing.values()} == {
        "no --media source given"
    }
    written = set()
    for file in (tmp_path / "content").rglob("*.md"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html5lib")
        written |= {element.get(name) for element in soup.find_all(True)
                    for name in ("href", "src", "poster") if element.get(name)}  # fmt: skip
    old = {url for url in written if "network.example" in url}
    assert old == set(report.media.missing) | set(report.media.unresolved)
    post = (tmp_path / "content" / "posts" / "2019" / "meeting-photos.md").read_text()
    assert "Image: https://network.example/wp-content/uploads/sites/2/2019/03/hall.png" in post


def test_a_missing_media_folder_stops_the_import_before_anything_is_written(tmp_path):
    with pytest.raises(MediaSourceError, match="no-such-folder: no such folder"):
        import_wordpress(MULTISITE, tmp_path / "content", media=tmp_path / "no-such-folder")
    assert not (tmp_path / "content").exists()


class OldSiteHandler(QuietHandler):
    """The uploads folder at /uploads/; slow.png answers too late, cut.png stops halfway."""

    requests = []

    def do_GET(self):  # noqa: N802 (http.server API name)
        self.requests.append(self.path)
        if self.path.endswith("/slow.png"):
            time.sleep(2)
        if self.path.endswith("/cut.png"):
            self.send_response(200)
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"\x89PNG\r\n\x1a\n")
            return
        super().do_GET()


@pytest.fixture(scope="module")
def old_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("old-site")
    sources = make_uploads(root / "uploads", HOSTED_FILES)
    with serve(root, OldSiteHandler) as base_url:
        yield f"{base_url}/uploads", sources


@pytest.fixture(scope="module")
def hosted(old_site, tmp_path_factory):
    url, sources = old_site
    root = tmp_path_factory.mktemp("media-hosted")
    terminal = io.StringIO()

    def run():
        OldSiteHandler.requests.clear()
        report = import_wordpress(
            HOSTED, root / "content", media=url, media_cache=root / "cache", media_timeout=0.5,
            console=Console(file=terminal, force_terminal=True, width=120),
        )  # fmt: skip
        return report, list(OldSiteHandler.requests)

    first, second = run(), run()
    output = publish_build(root / "content", root / "output", **PUBLISH).root
    return SimpleNamespace(
        first=first, second=second, terminal=terminal.getvalue(), root=root, output=output,
        sources=sources,
    )  # fmt: skip


def test_downloads_show_progress_and_failures_are_reported(hosted):
    report, requests = hosted.first
    terminal = hosted.terminal
    assert sorted(requests) == [f"/uploads/2020/05/{name}.png"
                                for name in ("chart", "cut", "lost", "pie", "slow")]  # fmt: skip
    assert (report.media.files, report.media.downloaded) == (2, 2)
    assert "downloading media" in terminal and "5/5" in terminal
    reasons = {url.rsplit("/", 1)[1]: reason for url, (reason, _) in report.media.missing.items()}
    assert set(reasons) == {"slow.png", "lost.png", "cut.png"}
    assert reasons["slow.png"].startswith("took longer than 0.5 s")
    assert reasons["lost.png"].startswith("HTTP 404")
    assert reasons["cut.png"].startswith("cut off after 8 bytes of 5,000 bytes")
    text = str(report)
    for name in reasons:
        assert f"missing media https://spmtest.files.wordpress.com/2020/05/{name}" in text


def test_a_second_run_downloads_nothing_twice(hosted):
    report, requests = hosted.second
    # Only what failed is asked for again; nothing that arrived is fetched twice.
    assert sorted(requests) == [f"/uploads/2020/05/{name}.png" for name in ("cut", "lost", "slow")]
    assert (report.media.downloaded, report.media.from_cache) == (0, 2)
    assert (report.files_written, report.files_replaced, report.files_kept) == ([], [], [])
    # Failed and cut-off downloads leave nothing behind that could pass for a file.
    cached = sorted(path.name for path in (hosted.root / "cache").rglob("*") if path.is_file())
    assert cached == ["chart.png", "pie.png"]


def test_hosted_blog_files_and_links_resolve_to_the_downloaded_bytes(hosted):
    (report, _requests), output, sources = hosted.first, hosted.output, hosted.sources
    left = old_urls(output, {"spmtest.files.wordpress.com", "spmtest.wordpress.com"})
    assert left == set(report.media.missing)
    media = [url for _file, url in every_url(output) if url.startswith(f"{SITEURL}/media/")]
    assert media
    for url in media:
        relative = urlsplit(url).path.removeprefix("/media/")
        assert media_file(output, url).read_bytes() == sources[relative]
    content = page(output, "2020/05/charts").select_one(".post-content")
    # The ?w=300&h=200 resize is the same file on WordPress.com.
    assert content.find("img")["src"] == f"{SITEURL}/media/2020/05/chart.png"
    assert content.find("a", string="More charts")["href"] == f"{SITEURL}/2020/05/more-charts/"
    figures, _classes = gallery_of(output, "2020/05/more-charts")
    assert [(src, alt, caption) for src, alt, _link, caption in figures] == [
        ("2020/05/chart.png", "Bar chart of visits per month", "Visits per month"),
        ("2020/05/pie.png", "Who visits", "Who visits"),
    ]


def test_a_broken_featured_image_stops_the_publish_build(tmp_path):
    content = tmp_path / "content"
    write_post(content, "with-image", image="{static}/media/2020/01/nowhere.png")
    with pytest.raises(BuildFailed, match="Image /media/2020/01/nowhere.png is not a static file"):
        publish_build(content, tmp_path / "output", **PUBLISH)


def attachment(number, url, file="", parent="0"):
    from tools.wordpress.media import Attachment

    return Attachment(post_id=number, url=url, file=file, parent=parent)


def test_uploads_folder_comes_from_wordpress_own_record_or_its_year_month_layout():
    from tools.wordpress.media import uploads_bases, uploads_relative

    bases, outside, completed = uploads_bases({
        "1": attachment("1", "https://old.example/wp-content/uploads/sites/3/2019/03/a.png",
                        "2019/03/a.png"),
        # No _wp_attached_file (WordPress.com exports): under a known folder...
        "2": attachment("2", "https://old.example/wp-content/uploads/sites/3/flat.pdf"),
        # ...or in WordPress's YYYY/MM layout.
        "3": attachment("3", "https://blog.files.wordpress.com/2020/05/b.png"),
        # Not where the record says: that URL names that file, nothing else.
        "4": attachment("4", "https://cdn.example/x/y.png", "2012/02/y.png"),
    })  # fmt: skip
    assert bases == {"old.example/wp-content/uploads/sites/3/", "blog.files.wordpress.com/"}
    assert outside == {"cdn.example/x/y.png": "2012/02/y.png"}
    assert [completed[number].file for number in "1234"] == [
        "2019/03/a.png", "flat.pdf", "2020/05/b.png", "2012/02/y.png"
    ]  # fmt: skip
    # WordPress before 2.7 recorded the server's absolute path.
    assert uploads_relative("/home/site/public/wp-content/uploads/2007/01/c.jpg") == "2007/01/c.jpg"


def test_a_gallery_shows_the_attachments_whose_files_are_pictures():
    # One rule (tools/wordpress/filetypes.py) for what is a picture: .tif and .tiff alike.
    from tools.wordpress.gallery import gallery_images

    files = {"1": "a.tif", "2": "b.TIFF", "3": "c.jpe", "4": "d.svg", "5": "e.pdf"}
    attachments = {number: attachment(number, f"https://old.example/wp-content/uploads/{name}",
                                      name) for number, name in files.items()}
    images, missing = gallery_images({"ids": "1,2,3,4,5,6"}, "9", attachments, {})
    assert [image.file for image in images] == ["a.tif", "b.TIFF", "c.jpe", "d.svg"]
    assert missing == ["5", "6"]


def test_a_gallery_image_without_alt_text_takes_its_captions_text():
    # The caption is HTML: its entities decoded once (no "&amp;amp;"), its inline tags gone.
    from tools.wordpress.gallery import gallery_html
    from tools.wordpress.media import Attachment

    image = Attachment(post_id="1", url="https://old.example/wp-content/uploads/a.png",
                       file="a.png", caption="Tom &amp; Jerry drink H<sub>2</sub>O")
    figure = BeautifulSoup(gallery_html([image], "3", "file", "medium"), "html.parser")
    assert figure.img["alt"] == "Tom & Jerry drink H2O"
    assert figure.figcaption.decode_contents() == "Tom &amp; Jerry drink H<sub>2</sub>O"


def test_a_path_climbing_out_of_the_uploads_folder_is_never_read(tmp_path):
    (tmp_path / "uploads").mkdir()
    (tmp_path / "secret.txt").write_text("not media")
    export = tmp_path / "export.xml"
    export.write_text(
        MULTISITE.read_text(encoding="utf-8").replace(
            "sites/2/2019/03/gone.png", "sites/2/2019/../../../../secret.txt"
        ),
        encoding="utf-8",
    )
    report = import_wordpress(export, tmp_path / "content", media=tmp_path / "uploads")
    assert not list((tmp_path / "content").rglob("secret.txt"))
    reasons = {reason for reason, _files in report.media.missing.values()}
    assert "not a safe file name" in reasons


def test_imported_media_pages_are_valid_html(multisite):
    _report, _root, output, _sources = multisite
    pages = [f"{path}/index.html"
             for path in ("2019/03/meeting-photos", "2019/04/follow-up", "about")]  # fmt: skip
    errors = nu_html_errors(output, *pages)
    assert errors == []


def test_file_names_with_spaces_and_accents_are_copied_and_linked(tmp_path):
    names = {"2019/03/a b.png": "a%20b.png", "2019/03/café.png": "caf%C3%A9.png"}
    sources = make_uploads(tmp_path / "uploads", list(names))
    images = "".join(
        f'<img src="https://network.example/wp-content/uploads/sites/2/2019/03/{quoted}" '
        f'alt="{name}" />'
        for name, quoted in names.items()
    )
    export = tmp_path / "export.xml"
    export.write_text(
        MULTISITE.read_text(encoding="utf-8").replace("We met in March.", images), "utf-8"
    )
    import_wordpress(export, tmp_path / "content", media=tmp_path / "uploads")
    output = publish_build(tmp_path / "content", tmp_path / "output", **PUBLISH).root
    content = page(output, "2019/03/meeting-photos").select_one(".post-content")
    for name in names:
        image = content.find("img", alt=name)
        assert media_file(output, image["src"]).read_bytes() == sources[name]


def test_a_srcset_url_holding_a_comma_stays_one_candidate():
    # Photon and other resizers put commas in URLs ("?resize=300,200"); the HTML spec splits
    # candidates at a comma only after a URL's end, and so does the srcset plugin.
    from tools.wordpress.links import rewrite_srcset

    def moved(url):
        return None if "gone" in url else "{static}/media/" + url.rsplit("/", 1)[-1]

    srcset = "https://old.example/a.jpg?resize=300,200 300w, https://old.example/gone.jpg 2x,b.jpg"
    assert rewrite_srcset(srcset, moved) == (
        "{static}/media/a.jpg?resize=300,200 300w, {static}/media/b.jpg")
