"""Turn a WordPress post body into HTML that renders as WordPress rendered it.

WordPress stores post bodies as "HTML with line breaks" and adds paragraphs
when it displays them (``wpautop``), after turning ``[caption]`` shortcodes into
figures. We do the same once, at import time, and write the resulting HTML into
the Markdown file: Markdown passes raw block HTML through untouched as long as
each top-level block starts a line and blocks are separated by blank lines.
"""

import hashlib
import html
import re
import unicodedata
from collections import Counter

# One port of wpautop serves the importer and the responses plugin.
from responses.wpautop import BLOCK_ELEMENTS
from responses.wpautop import wpautop as wordpress_autop

MORE_TAG = re.compile(r"<!--more(.*?)?-->")
CAPTION = re.compile(r"\[(wp_caption|caption)([^\]]*)\](.*?)\[/\1\]", re.DOTALL)
SHORTCODE_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
IMAGE_THEN_TEXT = re.compile(
    r"^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)$", re.DOTALL | re.IGNORECASE
)
OTHER_SHORTCODE = re.compile(r"\[([a-zA-Z][\w-]*)(?=[\s\]/])[^\]]*\]")
# The shortcodes the import turns into HTML (here, in embeds.py and gallery.py).
CONVERTED_SHORTCODES = {"caption", "wp_caption", "gallery", "audio", "video", "embed",
                        "youtube", "vimeo", "sourcecode", "source", "code"}
# Block attributes are JSON, which may hold ">"; "--" inside it WordPress writes as \u002d.
GUTENBERG_BLOCK_COMMENT = re.compile(r"<!-- /?wp:.*?-->\n?", re.DOTALL)
# A block saved with no HTML of its own ("<!-- wp:latest-posts /-->"): WordPress drew it
# each time the page was shown (a list of posts, a search box, a reusable block...).
# A block's attributes: JSON up to the end of its own comment, never into the next one.
BLOCK_ATTRIBUTES = r"\{(?:(?!-->).)*?\}"
SELF_CLOSING_BLOCK = re.compile(r"<!-- wp:([a-z][\w/-]*)(?:\s+" + BLOCK_ATTRIBUTES + r")?\s*/-->",
                                re.DOTALL)
EMPTY_WHEN_SELF_CLOSING = {"column", "columns", "group", "row", "stack", "buttons", "shortcode",
                           "paragraph", "heading", "spacer", "separator", "html"}
# WordPress's syntax highlighter: [sourcecode language="python"]...[/sourcecode].
SOURCECODE = re.compile(r"\[(sourcecode|source|code)\b(?P<attributes>[^\]]*)\](?P<code>.*?)"
                        r"\[/\1\]", re.DOTALL | re.IGNORECASE)
# WP-Syntax's code block; escaped="true" says the code is stored escaped already.
RAW_PRE = re.compile(r"<pre\b(?P<attributes>[^>]*\blang\s*=[^>]*)>(?P<code>.*?)</pre>",
                     re.DOTALL | re.IGNORECASE)
CODE_OR_PRE = re.compile(r"<(pre|code)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
# A background picture in a style attribute (Cover and Media & Text blocks, hand-made boxes).
STYLED_TAG = re.compile(r"""<(?P<name>[a-zA-Z][\w-]*)\b(?P<before>[^>]*?\sstyle\s*=\s*)"""
                        r"""(?:"(?P<double>[^"]*url\([^"]*)"|'(?P<single>[^']*url\([^']*)')"""
                        r"""(?P<after>[^>]*)>""")
STYLE_URL = re.compile(r"url\(\s*[\"']?(?P<url>.*?)[\"']?\s*\)")
STYLE_ATTRIBUTE_END = re.compile(r"\s+style\s*=\s*$")
NEXT_IMAGE = re.compile(r"<img\b[^>]*?\ssrc\s*=\s*[\"']([^\"']*)", re.IGNORECASE)


def _shortcode_attributes(text):
    return {
        match[1].lower(): match[2] or match[3] or match[4] or ""
        for match in SHORTCODE_ATTRIBUTE.finditer(text)
    }


def _caption_to_figure(match):
    """[caption id=".." align=".." caption=".."]<img ..> text[/caption] -> <figure>."""
    attributes = _shortcode_attributes(match[2])
    inner = match[3]
    caption = attributes.get("caption", "")
    image_and_text = IMAGE_THEN_TEXT.match(inner)
    if image_and_text:
        inner = image_and_text[1]
        caption = caption or image_and_text[2].strip()
    classes = " ".join(filter(None, ["wp-caption", attributes.get("align", "")]))
    element_id = attributes.get("id", "")
    id_attribute = f' id="{html.escape(element_id)}"' if element_id else ""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return (
        f'<figure{id_attribute} class="{html.escape(classes)}">{inner.strip()}{figcaption}</figure>'
    )


def captions_to_figures(text):
    return CAPTION.sub(_caption_to_figure, text)


def other_shortcodes(text):
    """{name: count} of the shortcodes left as text, so the report can list them. Brackets
    in code (``a[i]``, ``[string]``) are not shortcodes."""
    text = CODE_OR_PRE.sub("", code_blocks(text))
    names = Counter(name.lower() for name in OTHER_SHORTCODE.findall(text))
    return Counter({name: count for name, count in names.items()
                    if name not in CONVERTED_SHORTCODES})


BLOCK_WITH_ID = re.compile(r"<!-- wp:[a-z][\w/-]* (" + BLOCK_ATTRIBUTES + r") -->(.*?)(?=<!--|$)",
                           re.DOTALL)
MEDIA_ADDRESS = re.compile(r"""\s(?:src|href|poster)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def block_attachment_ids(text):
    """{address: attachment id} named by blocks' attributes: wp:image {"id":761},
    wp:video {"id":1690}, wp:media-text {"mediaId":757}..., for each address in the
    block's own HTML, so a file can be found through its attachment."""
    found = {}
    for match in BLOCK_WITH_ID.finditer(text):
        number = re.search(r'"(?:id|mediaId)"\s*:\s*(\d+)', match[1])
        if number:
            for address in MEDIA_ADDRESS.findall(match[2]):
                found.setdefault(html.unescape(address).strip(), number[1])
    return found


def left_out_blocks(text):
    """{block name: count} of blocks WordPress drew when the page was shown, which no
    static copy can (they are saved with no HTML). An empty column or group loses nothing."""
    return Counter(name for name in SELF_CLOSING_BLOCK.findall(text)
                   if name not in EMPTY_WHEN_SELF_CLOSING)


def _code_block(match):
    attributes = _shortcode_attributes(match["attributes"])
    language = re.sub(r"[^\w+#-]", "", attributes.get("language") or attributes.get("lang", ""))
    # WordPress.com stored the code with its markup escaped; a raw "<" is escaped too.
    code = match["code"].strip("\n").replace("<", "&lt;").replace(">", "&gt;")
    css_class = f' class="language-{language}"' if language else ""
    return f"<pre><code{css_class}>{code}</code></pre>"


def _raw_pre(match):
    attributes = _shortcode_attributes(match["attributes"])
    code = match["code"].strip("\n")
    if attributes.get("escaped", "").lower() != "true":
        code = html.escape(code, quote=False)
    language = re.sub(r"[^\w+#-]", "", attributes.get("lang", ""))
    return f'<pre><code class="language-{language}">{code}</code></pre>'


def code_blocks(text):
    """Code as the syntax highlighters showed it: [sourcecode]/[source]/[code], and WP-Syntax's
    <pre lang="java">, whose code is stored raw (``List<String>``, ``<unwar src=…>``), as
    <pre><code> with its markup escaped (browsers would hide the code's tags as HTML)."""
    return RAW_PRE.sub(_raw_pre, SOURCECODE.sub(_code_block, text))


def _styled_tag(match, pictures):
    style = html.unescape(match["double"] if match["double"] is not None else match["single"])
    urls = [url["url"].strip() for url in STYLE_URL.finditer(style)]
    kept = "; ".join(declaration.strip() for declaration in style.split(";")
                     if declaration.strip() and "url(" not in declaration)
    if kept:
        before = f'{match["before"]}"{html.escape(kept)}"'
    else:
        before = STYLE_ATTRIBUTE_END.sub("", match["before"])
    images = "".join(f'<img src="{html.escape(url)}" alt="" class="background-image">'
                     for url in urls if url and url not in pictures(match.end()))
    # A void element has no inside: the picture comes right after it.
    return f'<{match["name"]}{before}{match["after"]}>' + images


def background_images(text):
    """`text` with every picture in a style's url() shown as an <img alt=""> at the start
    of its element (a decorative picture, as a background is), and the url() taken out.

    Pelican resolves {static} links in src, never inside a style, and a theme without
    WordPress's block styles shows a Cover's background as a strip behind its text. A
    Media & Text block that fills its box with the picture already holds it as an <img>
    right after: then only the url() goes.
    """

    def pictures(position):
        following = NEXT_IMAGE.search(text, position)
        return {html.unescape(following[1]).strip()} if following else set()

    return STYLED_TAG.sub(lambda match: _styled_tag(match, pictures), text)


def wpautop(text):
    """WordPress's paragraphs, then a blank line after each top-level block for Markdown."""
    return separate_top_level_blocks(wordpress_autop(text))


BLOCK_TAG = re.compile(r"<(/?)(" + BLOCK_ELEMENTS + r")\b[^>]*?(/?)>", re.IGNORECASE)
VOID_BLOCKS = {"hr", "col", "area"}


def separate_top_level_blocks(text):
    """Put a blank line after every top-level block element, for the Markdown reader.

    Only newlines outside every block are touched; wpautop calls this while <pre>
    is still a placeholder, so preformatted text is never changed.
    """
    pieces = []
    depth = 0
    position = 0
    for match in BLOCK_TAG.finditer(text):
        closing, name, self_closing = match[1], match[2].lower(), match[3]
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name not in VOID_BLOCKS:
            depth += 1
        if depth == 0:
            end = match.end()
            pieces.append(text[position:end])
            position = end
            rest = text[end:]
            stripped = rest.lstrip("\n")
            if len(rest) != len(stripped) and stripped:
                pieces.append("\n\n")
                position = end + (len(rest) - len(stripped))
    pieces.append(text[position:])
    return "".join(pieces)


def strip_gutenberg_comments(text):
    return GUTENBERG_BLOCK_COMMENT.sub("", text)


# A start tag read as browsers read it: a ">" inside a quoted attribute value does not end it.
START_TAG = re.compile(r"""<[a-zA-Z][\w:-]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|"""
                       r"""[^\s"'<>=`]+))?)*\s*/?>""")
QUOTED_VALUE = re.compile(r"""(=\s*)("[^"]*"|'[^']*')""")


def escape_brackets_in_attributes(text):
    """`<` and `>` inside attribute values as `&lt;` and `&gt;`.

    WordPress keeps what the author typed (``title="The <cite> element"``), which browsers
    read as text; Markdown and typogrify read the "<cite>" as a tag and lose the link's text.
    Escaped, every reader agrees, and the browser shows the same title.
    """

    def escape_values(tag):
        return QUOTED_VALUE.sub(
            lambda value: value[1] + value[2].replace("<", "&lt;").replace(">", "&gt;"), tag[0])

    return START_TAG.sub(lambda tag: escape_values(tag) if "<" in tag[0][1:] or ">" in tag[0][:-1]
                         else tag[0], text)


def body_to_html(text, post_id=""):
    """A post body as WordPress showed it on the post's own page."""
    text = escape_brackets_in_attributes(code_blocks(text))
    if "<!-- wp:" in text:
        # Block-editor content is already HTML; WordPress skips wpautop for it too.
        text = strip_gutenberg_comments(text)
        text = MORE_TAG.sub(f'<span id="more-{post_id}"></span>', text)
        text = separate_top_level_blocks(captions_to_figures(text).strip() + "\n").strip()
        return background_images(text) + ("\n" if text else "")
    # WordPress leaves an anchor where the "more" break was, so #more-NNN links still land.
    text = MORE_TAG.sub(f'<span id="more-{post_id}"></span>', text)
    text = wpautop(captions_to_figures(text)).strip()
    return background_images(text) + ("\n" if text else "")


def teaser(text):
    """The part of a body before <!--more-->, or None when there is no break."""
    parts = MORE_TAG.split(text, maxsplit=1)
    return parts[0] if len(parts) > 1 else None


def one_line_html(text):
    """HTML for a one-line metadata value (Summary); newlines between tags are just spaces."""
    html_text = wpautop(captions_to_figures(strip_gutenberg_comments(
        escape_brackets_in_attributes(text))))
    html_text = re.sub(r"(<br />)\n", r"\1", html_text)
    return re.sub(r"\s*\n\s*", " ", html_text).strip()


# Every character some reader takes for the end of a line (str.splitlines: \n \r \v \f
# \x1c-\x1e \x85 U+2028 U+2029) and every other control character. None of them may reach
# a `Key: value` header line, where a line break would start a header of its own.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line_text(text):
    """Plain text on one line, for metadata such as Title: line breaks and other control
    characters become spaces."""
    return re.sub(r"\s+", " ", CONTROL.sub(" ", text)).strip()


def one_line_url(url):
    """`url` for a header line, or None when it holds a space, line break or control
    character (no real address does; such a value is refused, never "repaired")."""
    url = url.strip()
    return None if not url or CONTROL.search(url) or re.search(r"\s", url) else url


def safe_slug(text):
    """`text` as one path segment of letters, marks, digits, "-" and "_".

    WordPress's own slugs (sanitize_title) hold nothing else; anything else in an export
    (a "/", "..", a line break, "?" or "#") would leave the folder, add a header line or
    break the address, so each run of it becomes one "-".
    """
    kept = [char if char in "-_" or unicodedata.category(char)[0] in "LMN" else " "
            for char in unicodedata.normalize("NFC", text)]
    return re.sub(r"[\s-]+", "-", "".join(kept).strip()).strip("-")


def fit_name(name, limit, suffix=""):
    """`name` + `suffix` within `limit` bytes of UTF-8 (a file system's longest file name).

    A longer name is cut at a character boundary and ends with a hash of the whole name,
    so two long names that differ only past the cut stay distinct.
    """
    if len((name + suffix).encode("utf-8")) <= limit:
        return name + suffix
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    room = limit - len(suffix.encode("utf-8")) - len(digest) - 1
    cut = name.encode("utf-8")[:max(room, 1)].decode("utf-8", "ignore").rstrip("-_. ")
    return f"{cut}-{digest}{suffix}"


def plain_text(value):
    """WordPress's stored text (titles, names, alt texts) on one line, entities decoded."""
    return one_line_text(html.unescape(value))


def markdown_document(metadata, body):
    """A Markdown file: `Key: value` header lines, a blank line, then the body.

    `metadata` is a list of (key, value) pairs; empty values are left out. A value that
    could end its line is a bug upstream (every value is made one line first): refused.
    """
    for key, value in metadata:
        if CONTROL.search(value or ""):
            raise ValueError(f"the {key} value holds a line break or control character")
    header = "".join(f"{key}: {value}\n" for key, value in metadata if value)
    return header + "\n" + body if body else header
