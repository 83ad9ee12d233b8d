"""Post bodies: wpautop, [caption], <!--more-->, and what Pelican's Markdown reader reads."""

from bs4 import BeautifulSoup
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

# The site's own Markdown settings, so the reader behaves as in a build.
from pelicanconf import MARKDOWN as SITE_MARKDOWN
from tools.wordpress import convert


def read_with_pelican(path):
    settings = {**DEFAULT_CONFIG, "MARKDOWN": SITE_MARKDOWN}
    return MarkdownReader(settings).read(str(path))


def test_wpautop_paragraphs_and_line_breaks():
    assert convert.wpautop("One\ntwo\n\nThree") == "<p>One<br />\ntwo</p>\n\n<p>Three</p>\n"


def test_wpautop_leaves_block_elements_and_pre_alone():
    text = "<ul>\n<li>a\nb</li>\n</ul>\n<pre>x\n\ny</pre>\nafter"
    assert (
        convert.wpautop(text)
        == "<ul>\n<li>a<br />\nb</li>\n</ul>\n\n<pre>x\n\ny</pre>\n\n<p>after</p>\n"
    )


def test_wpautop_keeps_newlines_inside_tags():
    assert convert.wpautop('<a\nhref="/x">link</a> text') == '<p><a\nhref="/x">link</a> text</p>\n'


def test_wpautop_of_blank_text_is_empty():
    assert convert.wpautop(" \n\n ") == ""


def test_caption_with_attribute_and_with_trailing_text():
    assert convert.captions_to_figures(
        '[caption id="attachment_1" align="alignleft" caption="Hi"]<img src="a.png" />[/caption]'
    ) == (
        '<figure id="attachment_1" class="wp-caption alignleft"><img src="a.png" />'
        "<figcaption>Hi</figcaption></figure>"
    )
    assert convert.captions_to_figures(
        '[caption width="3"]<a href="/b"><img src="b.png"/></a> The <em>bird</em>[/caption]'
    ) == (
        '<figure class="wp-caption"><a href="/b"><img src="b.png"/></a>'
        "<figcaption>The <em>bird</em></figcaption></figure>"
    )


def test_more_tag_is_summary_break_and_anchor():
    assert convert.teaser("Intro\n<!--more Read on-->\nRest") == "Intro\n"
    assert convert.teaser("No break") is None
    assert (
        convert.body_to_html("Intro<!--more-->Rest", "9")
        == '<p>Intro<span id="more-9"></span>Rest</p>\n'
    )


def test_block_editor_content_is_not_autop_ed():
    text = (
        "<!-- wp:paragraph -->\n<p>One\ntwo</p>\n<!-- /wp:paragraph -->\n"
        "<!-- wp:list -->\n<ul><li>x</li></ul>\n<!-- /wp:list -->"
    )
    assert convert.body_to_html(text, "1") == "<p>One\ntwo</p>\n\n<ul><li>x</li></ul>\n"


def test_pelican_renders_the_imported_body_as_written(imported):
    """Markdown must pass every block through untouched: the rendered HTML is the body."""
    _report, content = imported
    for path in sorted((content / "posts").rglob("*.md")) + sorted(
        (content / "pages").glob("*.md")
    ):
        html, _metadata = read_with_pelican(path)
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        assert html.strip() == body.strip(), path


def test_pelican_reads_metadata_and_summary(imported):
    _report, content = imported
    html, metadata = read_with_pelican(content / "posts/2011/ethics-and-the-net.md")
    assert metadata["title"] == "Ethics & the \u201cNet\u201d: a sticky wicket"
    assert metadata["slug"] == "ethics-and-the-net"
    assert metadata["category"] == "ethics, found on the net, JoPM, Health Wellness & You"
    assert [str(tag) for tag in metadata["tags"]] == ["Facebook", "AMA"]
    assert metadata["redirect_from"] == "/archives/2011/07/ethics-and-the-net.html"
    assert (
        metadata["summary"]
        == "<p>Social media shows much promise.<br />It is also a sticky wicket.</p>"
    )
    soup = BeautifulSoup(html, "html5lib")
    assert soup.find("figure").find("figcaption").get_text() == "The wicket, sticky."
    assert soup.find("figure").find("img")["alt"] == "A cricket wicket"
    assert soup.find("pre").get_text() == 'def hello():\n\n    print("caf\u00e9")'
    assert soup.find(id="more-101") is not None
    assert (
        soup.find("blockquote").get_text()
        == "Why can't we protect doctors\nwho put patients first?"
    )
