"""Turn a WordPress post body into HTML that renders as WordPress rendered it.

WordPress stores post bodies as "HTML with line breaks" and adds paragraphs
when it displays them (``wpautop``), after turning ``[caption]`` shortcodes into
figures. We do the same once, at import time, and write the resulting HTML into
the Markdown file: Markdown passes raw block HTML through untouched as long as
each top-level block starts a line and blocks are separated by blank lines.
"""

import html
import re

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
GUTENBERG_BLOCK_COMMENT = re.compile(r"<!-- /?wp:[^>]*-->\n?")


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
    """Names of shortcodes we leave as text, so the report can list them."""
    return sorted(
        {name.lower() for name in OTHER_SHORTCODE.findall(text)}
        - {"caption", "wp_caption", "gallery", "audio", "video"}
    )


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


def body_to_html(text, post_id=""):
    """A post body as WordPress showed it on the post's own page."""
    if "<!-- wp:" in text:
        # Block-editor content is already HTML; WordPress skips wpautop for it too.
        text = strip_gutenberg_comments(text)
        text = MORE_TAG.sub(f'<span id="more-{post_id}"></span>', text)
        return separate_top_level_blocks(captions_to_figures(text).strip() + "\n").strip() + "\n"
    # WordPress leaves an anchor where the "more" break was, so #more-NNN links still land.
    text = MORE_TAG.sub(f'<span id="more-{post_id}"></span>', text)
    return wpautop(captions_to_figures(text)).strip() + ("\n" if text.strip() else "")


def teaser(text):
    """The part of a body before <!--more-->, or None when there is no break."""
    parts = MORE_TAG.split(text, maxsplit=1)
    return parts[0] if len(parts) > 1 else None


def one_line_html(text):
    """HTML for a one-line metadata value (Summary); newlines between tags are just spaces."""
    html_text = wpautop(captions_to_figures(strip_gutenberg_comments(text)))
    html_text = re.sub(r"(<br />)\n", r"\1", html_text)
    return re.sub(r"\s*\n\s*", " ", html_text).strip()


def one_line_text(text):
    """Plain text on one line, for metadata such as Title."""
    return re.sub(r"\s+", " ", text).strip()


def plain_text(value):
    """WordPress's stored text (titles, names, alt texts) on one line, entities decoded."""
    return one_line_text(html.unescape(value))


def markdown_document(metadata, body):
    """A Markdown file: `Key: value` header lines, a blank line, then the body.

    `metadata` is a list of (key, value) pairs; empty values are left out.
    """
    header = "".join(f"{key}: {value}\n" for key, value in metadata if value)
    return header + "\n" + body if body else header
