"""Every way a WordPress post points at media, imported from a copy of the uploads folder and
built with the publish settings: each reference is rewritten (and its file brought along)
or reported; embeds become links; what WordPress drew itself is listed."""

import pytest
from media_helpers import make_uploads
from wxr_export import UPLOADS, attachment, post, write_export

from sitebuild import PUBLISH_SETTINGS, build, normalise
from tools.wordpress import import_wordpress

SITEURL = "https://blog.example.org"
# The importer on its own: the images plugin would publish copies made from the imported
# files instead of the files themselves (tests/images/test_imported_media.py has it on).
PUBLISH = {"settings_file": PUBLISH_SETTINGS, "fatal": "warnings", "SITEURL": SITEURL,
           "FEED_DOMAIN": SITEURL, "IMAGES_PUBLISH": False}
FILES = ["2020/05/cover.png", "2020/05/side.png", "2020/05/cdn.png", "2020/05/clip.mp4",
         "2020/05/photo.png", "2020/05/titled.png", "2020/05/moved.png"]

BLOCKS = f"""<!-- wp:cover {{"url":"{UPLOADS}/2020/05/cover.png","id":20,"dimRatio":50}} -->
<div class="wp-block-cover has-background-dim" style="background-image:url({UPLOADS}/2020/05/cover.png);min-height:300px"><div class="wp-block-cover__inner-container"><!-- wp:paragraph {{"align":"center"}} -->
<p class="has-text-align-center">Over the cover</p>
<!-- /wp:paragraph --></div></div>
<!-- /wp:cover -->

<!-- wp:media-text {{"mediaId":21,"mediaType":"image","imageFill":true}} -->
<div class="wp-block-media-text"><figure class="wp-block-media-text__media" style="background-image:url(&quot;{UPLOADS}/2020/05/side.png&quot;);background-position:50% 50%"><img src="{UPLOADS}/2020/05/side.png" alt="The side picture" class="wp-image-21 size-full"/></figure><div class="wp-block-media-text__content"><!-- wp:paragraph -->
<p>Beside the picture.</p>
<!-- /wp:paragraph --></div></div>
<!-- /wp:media-text -->

<!-- wp:image {{"id":22}} -->
<figure class="wp-block-image"><img src="https://i0.wp.com/old.example/wp-content/uploads/2020/05/cdn.png?w=300&amp;ssl=1" alt="From the CDN" class="wp-image-22"/></figure>
<!-- /wp:image -->

<!-- wp:video {{"id":23}} -->
<figure class="wp-block-video"><video controls src="https://videos.files.wordpress.com/AbCd/clip.mp4"></video></figure>
<!-- /wp:video -->

<!-- wp:embed {{"url":"https://www.youtube.com/watch?v=abcdefghijk","type":"video","providerNameSlug":"youtube"}} -->
<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abcdefghijk
</div><figcaption>Our talk</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:latest-posts {{"postsToShow":3}} /-->

<!-- wp:search {{"label":"Search"}} /-->

<!-- wp:group /-->
"""  # noqa: E501 (WordPress writes a block's HTML on one line)

CLASSIC = f"""A paragraph first.

https://vimeo.com/123456

https://example.org/not-a-provider

[embed]https://youtu.be/zyxwvutsrqp[/embed]

[youtube=https://www.youtube.com/watch?v=AAAAAAAAAAA]

<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/BBBBBBBBBBB" frameborder="0"></iframe>

<iframe src="https://player.vimeo.com/video/654321" width="640"></iframe>

<img src="{UPLOADS}/2020/05/photo.png" class="alignnone wp-image-24" />
<img src="{UPLOADS}/2020/05/titled.png" />
<img src="https://elsewhere.example/badge.png">
<img src="https://old.example/blog/wp-content/uploads/2020/05/moved.png" alt="Moved">

[sourcecode language="python"]total = a &lt; b[i][/sourcecode]

<code>items[index]</code> and [contact-form] and [contact-form to="x"] and [poll id=3]
"""  # noqa: E501


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("media-forms")
    sources = make_uploads(root / "uploads", FILES)
    export = write_export(root / "export.xml", [
        post(1, "Blocks", BLOCKS, post_name="blocks"),
        post(2, "Classic", CLASSIC, post_name="classic"),
        attachment(20, "2020/05/cover.png", parent="1"),
        attachment(21, "2020/05/side.png", alt="The side picture", parent="1"),
        attachment(22, "2020/05/cdn.png", alt="From the CDN"),
        attachment(23, "2020/05/clip.mp4",
                   url="https://videos.files.wordpress.com/AbCd/clip.mp4"),
        attachment(24, "2020/05/photo.png", alt="A photo of the hall"),
        attachment(25, "2020/05/titled.png", title="The titled picture"),
    ])
    report = import_wordpress(export, root / "content", media=root / "uploads")
    site = build(root / "content", root / "output", **PUBLISH)
    return report, root, site, sources


def content_of(site, path):
    return site.soup(path).select_one(".post-content")


def static_file(site, url):
    assert url.startswith(f"{SITEURL}/media/"), url
    return site.root / url.removeprefix(f"{SITEURL}/")


def test_cover_and_media_text_backgrounds_are_brought_along_as_images(imported):
    _report, _root, site, sources = imported
    blocks = content_of(site, "2020/05/blocks/")
    cover = blocks.select_one(".wp-block-cover")
    assert "url(" not in cover.get("style", "") and cover["style"] == "min-height:300px"
    background = cover.find("img", class_="background-image")
    assert background["alt"] == ""
    assert static_file(site, background["src"]).read_bytes() == sources["2020/05/cover.png"]
    # Media & Text already shows the picture it filled its box with: only the url() goes.
    figure = blocks.select_one(".wp-block-media-text__media")
    assert figure["style"] == "background-position:50% 50%"
    assert [img["src"] for img in figure.find_all("img")] == [
        f"{SITEURL}/media/2020/05/side.png"]


def test_block_and_class_ids_find_the_attachments_files(imported):
    report, _root, site, sources = imported
    blocks = content_of(site, "2020/05/blocks/")
    image = blocks.select_one(".wp-block-image img")
    assert image["src"] == f"{SITEURL}/media/2020/05/cdn.png"
    video = blocks.find("video")
    assert static_file(site, video["src"]).read_bytes() == sources["2020/05/clip.mp4"]
    assert report.media.through_attachments == 2


def test_images_without_alt_text_get_their_attachments_or_an_empty_one(imported):
    report, _root, site, _sources = imported
    images = {img["src"].rsplit("/", 1)[-1]: img["alt"]
              for img in content_of(site, "2020/05/classic/").find_all("img")}
    assert images == {"photo.png": "A photo of the hall", "titled.png": "The titled picture",
                      "badge.png": "", "moved.png": "Moved"}
    assert report.media.alt_texts == {"its attachment's alt text": 1,
                                      "its attachment's title": 1}
    assert ('  posts/2020/classic.md: 1 image(s) had no alt text and no attachment to take one '
            'from; written with alt="" (decorative): describe them if they are not') in str(
        report).splitlines()


def test_an_older_address_of_the_uploads_folder_names_its_file(imported):
    _report, _root, site, sources = imported
    moved = content_of(site, "2020/05/classic/").find("img", alt="Moved")
    assert static_file(site, moved["src"]).read_bytes() == sources["2020/05/moved.png"]


def test_embeds_are_links_and_nothing_loads_from_the_provider(imported):
    report, _root, site, _sources = imported
    links = []
    for path in ("2020/05/blocks/", "2020/05/classic/"):
        body = content_of(site, path)
        assert body.find("iframe") is None and body.find("object") is None
        links += [(normalise(embed.get_text(" ")), embed.a["href"])
                  for embed in body.select(".embed")]
    assert links == [
        ("YouTube: https://www.youtube.com/watch?v=abcdefghijk Our talk",
         "https://www.youtube.com/watch?v=abcdefghijk"),
        ("Vimeo: https://vimeo.com/123456", "https://vimeo.com/123456"),
        ("YouTube: https://youtu.be/zyxwvutsrqp", "https://youtu.be/zyxwvutsrqp"),
        ("YouTube: https://www.youtube.com/watch?v=AAAAAAAAAAA",
         "https://www.youtube.com/watch?v=AAAAAAAAAAA"),
        ("YouTube: https://www.youtube.com/watch?v=BBBBBBBBBBB",
         "https://www.youtube.com/watch?v=BBBBBBBBBBB"),
        ("Vimeo: https://vimeo.com/654321", "https://vimeo.com/654321"),
    ]
    assert content_of(site, "2020/05/blocks/").select_one("figure.embed figcaption").get_text(
        ) == "Our talk"
    # An address of no embed provider alone on a line stays text, as WordPress left it.
    assert "https://example.org/not-a-provider" in content_of(site, "2020/05/classic/").get_text()
    assert report.media.embeds == {"YouTube": 4, "Vimeo": 2}


def test_no_block_comment_is_left_and_what_wordpress_drew_is_listed(imported):
    report, root, _site, _sources = imported
    for file in (root / "content").rglob("*.md"):
        assert "<!-- wp:" not in file.read_text(encoding="utf-8"), file
    assert {name: count for name, (count, _files) in report.blocks_left_out.items()} == {
        "latest-posts": 1, "search": 1}
    assert ("  blocks left out, which WordPress drew each time a page was shown and a static "
            "page cannot (latest-posts: 1, search: 1): posts/2020/blocks.md") in str(
        report).splitlines()


def test_shortcodes_left_as_text_are_listed_by_name_and_count(imported):
    report, _root, site, _sources = imported
    assert report.shortcodes_left == {"contact-form": (2, {"posts/2020/classic.md"}),
                                      "poll": (1, {"posts/2020/classic.md"})}
    text = str(report).splitlines()
    assert "  shortcode [contact-form] left as text: 2 in posts/2020/classic.md" in text
    assert "  shortcode [poll] left as text: 1 in posts/2020/classic.md" in text
    code = content_of(site, "2020/05/classic/").select_one("pre code.language-python")
    assert code.get_text() == "total = a < b[i]"


def test_every_reference_came_and_the_import_says_so(imported):
    report, _root, _site, _sources = imported
    assert report.media.missing == {} and not report.failed
    assert report.media.files == len(FILES)
