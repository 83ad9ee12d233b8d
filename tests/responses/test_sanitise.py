"""Sanitising: WordPress paragraphs first, then nh3's allow-list; hostile input never survives."""

import random

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from responses.sanitise import ALLOWED_TAGS, LINK_REL, safe_url, sanitise
from responses.wpautop import _full_autop, _inline_autop
from responses.wpautop import wpautop as autop

REL = f'rel="{LINK_REL}"'
DEAD_LINK = f"<a {REL}>x</a>"

# Input → exact output. Grouped after OWASP's XSS filter evasion cheat sheet.
HOSTILE = {
    # script tags
    "script tag": ("<script>alert(1)</script>Hello", "<p>Hello</p>"),
    "script mixed case": ("<ScRiPt>alert(1)</sCrIpT>Hi", "<p>Hi</p>"),
    "script src": ('<script src="http://evil.example/x.js"></script>Hi', "<p>Hi</p>"),
    "unclosed script": ("Hi<script>alert(1)", "<p>Hi</p>"),
    "textarea breakout": ("<textarea><script>alert(1)</script></textarea>after", "<p>after</p>"),
    "noscript breakout": ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">'
                          "</noscript>after", '<p>"&gt;after</p>'),
    # event handlers
    "event handler": ('<b onmouseover="alert(1)">bold</b>', "<p><b>bold</b></p>"),
    "img onerror": ("<img src=x onerror=alert(1)>text", "<p>text</p>"),
    "attribute glued to quote": ('<a href="http://example.org/" title="a"onclick="alert(1)">x</a>',
                                 f'<p><a href="http://example.org/" {REL}>x</a></p>'),
    # javascript: URLs, encoded and split
    "javascript href": ('<a href="javascript:alert(1)">x</a>', f"<p>{DEAD_LINK}</p>"),
    "javascript upper": ('<a href="JaVaScRiPt:alert(1)">x</a>', f"<p>{DEAD_LINK}</p>"),
    "javascript decimal entities": (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
        f"<p>{DEAD_LINK}</p>"),
    "javascript hex entities without semicolons": (
        '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
        f"<p>{DEAD_LINK}</p>"),
    "javascript split by tab": ('<a href="jav\tascript:alert(1)">x</a>', f"<p>{DEAD_LINK}</p>"),
    "javascript split by newline": ('<a href="jav\nascript:alert(1)">x</a>',
                                    f"<p>{DEAD_LINK}</p>"),
    "javascript split by encoded tab": ('<a href="jav&#x09;ascript:alert(1)">x</a>',
                                        f"<p>{DEAD_LINK}</p>"),
    "javascript after spaces": ('<a href="  javascript:alert(1)">x</a>', f"<p>{DEAD_LINK}</p>"),
    # other schemes
    "data URL": ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
                 f"<p>{DEAD_LINK}</p>"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', f"<p>{DEAD_LINK}</p>"),
    "mailto": ('<a href="mailto:rick@example.org">x</a>', f"<p>{DEAD_LINK}</p>"),
    # svg and math namespaces
    "svg onload": ("<svg onload=alert(1)><circle r=5></circle></svg>after", "<p>after</p>"),
    "svg script": ("<svg><script>alert(1)</script></svg>after", "<p>after</p>"),
    "math xlink": ('<math><a xlink:href="javascript:alert(1)">x</a></math>after', "<p>after</p>"),
    "math mglyph style": ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"
                          "</style></mglyph></table></mtext></math>after", ""),
    # styles
    "style element": ("<style>body{background:url(javascript:alert(1))}</style>text",
                      "<p>text</p>"),
    "style expression": ('<p style="width: expression(alert(1))">text</p>', "<p>text</p>"),
    # broken markup and comments
    "broken nesting": ("<b><i>both</b> italic</i>", "<p><b><i>both</i></b><i> italic</i></p>"),
    "unclosed tags": ("<b>bold <i>and italic", "<p><b>bold <i>and italic</i></b></p>"),
    "html comment": ("before<!-- <script>alert(1)</script> -->after", "<p>beforeafter</p>"),
    "conditional comment": ("<!--[if IE]><script>alert(1)</script><![endif]-->after",
                            "<p>after</p>"),
    "quote breakout": ('<a href="http://example.org/\\" onclick=\\"alert(1)">x</a>',
                       f'<p><a href="http://example.org/\\" {REL}>x</a></p>'),
    # embedded content
    "iframe": ('<iframe src="http://evil.example/"></iframe>after', "<p>after</p>"),
    "object": ('<object data="http://evil.example/x.swf"><param name=a value=b>fallback</object>'
               "after", "<p>after</p>"),
    "embed": ('<embed src="http://evil.example/x.swf">after', "<p>after</p>"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">after',
                     "<p>after</p>"),
    "base": ('<base href="http://evil.example/">after', "<p>after</p>"),
    # relative URLs: they would resolve against our site
    "root-relative": ('<a href="/wp-admin/">x</a>', f"<p>{DEAD_LINK}</p>"),
    "protocol-relative": ('<a href="//evil.example/">x</a>', f"<p>{DEAD_LINK}</p>"),
    "path-relative": ('<a href="../secret">x</a>', f"<p>{DEAD_LINK}</p>"),
    "fragment": ('<a href="#comment-1">x</a>', f"<p>{DEAD_LINK}</p>"),
    # attributes that are not on the list
    "class id title lang": ('<p class="x" id="y" title="t" lang="en">t</p>', "<p>t</p>"),
    "list attributes": ('<ol start=3 reversed><li value="9">x</li></ol>',
                        "<ol>\n<li>x</li>\n</ol>"),
    "form": ('<form action="http://evil.example/"><input name=x><button>go</button></form>after',
             "go\n<p>after</p>"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_is_cleaned_exactly(name):
    hostile, expected = HOSTILE[name]
    assert str(sanitise(hostile)) == expected


@pytest.mark.parametrize("name", HOSTILE)
def test_what_survives_is_on_the_allow_list(name):
    cleaned = str(sanitise(HOSTILE[name][0]))
    assert "alert" not in cleaned and "msgbox" not in cleaned
    body = BeautifulSoup(cleaned, "html5lib").body
    for element in body.find_all(True):
        assert element.name in ALLOWED_TAGS
        allowed = {"href", "rel"} if element.name == "a" else set()
        assert set(element.attrs) <= allowed
        if element.name == "a":
            assert element["rel"] == LINK_REL.split()
            assert element.get("href", "http://").startswith(("http://", "https://"))


def test_a_good_link_keeps_its_address_and_gets_our_rel():
    html = '<a href="https://example.org/p?a=1&amp;b=2" rel="dofollow" target="_blank">ok</a>'
    assert str(sanitise(html)) == f'<p><a href="https://example.org/p?a=1&amp;b=2" {REL}>ok</a></p>'


def test_every_allowed_tag_survives():
    html = ("<em>e</em> <strong>s</strong> <b>b</b> <i>i</i> <code>c</code> <a "
            'href="http://example.org/">a</a>\n<blockquote>q</blockquote>\n<pre>p</pre>\n'
            "<ul>\n<li>u</li>\n</ul>\n<ol>\n<li>o</li>\n</ol>")
    assert str(sanitise(html)) == (
        f'<p><em>e</em> <strong>s</strong> <b>b</b> <i>i</i> <code>c</code> <a href="http://'
        f'example.org/" {REL}>a</a></p>\n<blockquote><p>q</p></blockquote>\n<pre>p</pre>\n'
        "<ul>\n<li>u</li>\n</ul>\n<ol>\n<li>o</li>\n</ol>")


def test_text_is_escaped_and_template_syntax_stays_literal():
    assert str(sanitise("1 < 2 & 3 > 2")) == "<p>1 &lt; 2 &amp; 3 &gt; 2</p>"
    assert str(sanitise("{{ 7*7 }} {% if true %}x{% endif %}")) == (
        "<p>{{ 7*7 }} {% if true %}x{% endif %}</p>")


def test_result_is_markup():
    assert isinstance(sanitise("x"), Markup)


# --- paragraphs, as wpautop makes them ---------------------------------------------------

PARAGRAPHS = {
    "blank lines separate paragraphs": ("One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>"),
    "single newline is a line break": ("Line one\nline two", "<p>Line one<br>\nline two</p>"),
    "windows newlines": ("One.\r\n\r\nTwo\r\nthree", "<p>One.</p>\n<p>Two<br>\nthree</p>"),
    "several blank lines": ("One.\n\n\n\n  \nTwo.", "<p>One.</p>\n<p>Two.</p>"),
    "two br make a paragraph": ("One.<br><br />Two.", "<p>One.</p>\n<p>Two.</p>"),
    "pre keeps its newlines": ("<pre>a\n\nb</pre>\nafter", "<pre>a\n\nb</pre>\n<p>after</p>"),
    "list is not broken up": ("<ul>\n<li>a</li>\n<li>b</li>\n</ul>",
                              "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    "blockquote gets paragraphs inside": ("<blockquote>q\n\nr</blockquote>\nhi",
                                          "<blockquote><p>q</p>\n<p>r</p></blockquote>\n<p>hi</p>"),
    "newline inside a tag": ('<a\nhref="http://example.org/">x</a>',
                             f'<p><a href="http://example.org/" {REL}>x</a></p>'),
    "blank": ("  \n\n ", ""),
}


@pytest.mark.parametrize("name", PARAGRAPHS)
def test_paragraphs(name):
    text, expected = PARAGRAPHS[name]
    assert str(sanitise(text)) == expected


def test_autop_matches_wordpress_for_the_common_case():
    # wpautop("a\n\nb\nc") in WordPress 6 gives exactly this.
    assert autop("a\n\nb\nc") == "<p>a</p>\n<p>b<br />\nc</p>\n"


def test_the_fast_path_for_inline_text_matches_full_wpautop():
    # Most comments take the fast path; it must make exactly what the full port makes.
    pieces = ["word", " ", "\n", "\n\n", "\n \n", " \n", "\t", "<em>", "</em>", "&amp;",
              "<a\nhref='http://x.org'>", "</a>", "x<y", "> z", "<!-- c\n -->", "\n\n\n", "<i\n>"]
    generator = random.Random(3)
    checked = 0
    for _ in range(5000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 15)))
        if text.strip():
            assert _inline_autop(text).strip() == _full_autop(text).strip(), repr(text)
            checked += 1
    assert checked > 4000


# --- commenters' URLs --------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://example.org/", "https://example.org/a?b=c#d",
                                 "HTTPS://EXAMPLE.ORG/", "  https://example.org/  "])
def test_http_urls_are_kept(url):
    assert safe_url(url) == url.strip()


@pytest.mark.parametrize("url", [
    None, "", "javascript:alert(1)", " javascript:alert(1)", "JAVASCRIPT:alert(1)",
    "data:text/html,x", "vbscript:x", "mailto:rick@example.org", "ftp://example.org/",
    "/relative", "//example.org/", "example.org", "http://", "https:///path",
    "http://exa mple.org/", "http://example.org/\nx", "http://[::1/", "jav\tascript:x"])
def test_other_urls_are_dropped(url):
    assert safe_url(url) is None
