"""Turn a WordPress post body into HTML that renders as WordPress rendered it.

WordPress stores post bodies as "HTML with line breaks" and adds paragraphs
when it displays them (``wpautop``), after turning ``[caption]`` shortcodes into
figures. We do the same once, at import time, and write the resulting HTML into
the Markdown file: Markdown passes raw block HTML through untouched as long as
each top-level block starts a line and blocks are separated by blank lines.
"""

import html
import re

# wpautop's list of block elements (wp-includes/formatting.php).
ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
MORE_TAG = re.compile(r"<!--more(.*?)?-->")
NEWLINE_PLACEHOLDER = " <!-- wpnl --> "
# Tags and comments, where a newline is not a line break (wp_replace_in_html_tags).
HTML_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^<>]*>", re.DOTALL)
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
        {name.lower() for name in OTHER_SHORTCODE.findall(text)} - {"caption", "wp_caption"}
    )


def _protect_newlines(match):
    return match[0].replace("\n", NEWLINE_PLACEHOLDER)


def wpautop(text):
    """A port of WordPress's wpautop(): blank lines make paragraphs, single newlines <br>.

    Block elements are never wrapped in <p>, and <pre> (plus script, style, svg,
    math) keep their newlines, exactly as WordPress displayed the post.
    """
    if not text.strip():
        return ""
    text = text + "\n"
    pre_blocks = {}
    if "<pre" in text:
        parts = text.split("</pre>")
        last = parts.pop()
        text = ""
        for part in parts:
            start = part.find("<pre")
            if start == -1:
                text += part
                continue
            name = f"<pre wp-pre-tag-{len(pre_blocks)}></pre>"
            pre_blocks[name] = part[start:] + "</pre>"
            text += part[:start] + name
        text += last
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + ALL_BLOCKS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + ALL_BLOCKS + r">)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = HTML_TAG_OR_COMMENT.sub(_protect_newlines, text)
    if "<option" in text:
        text = re.sub(r"\s*<option", "<option", text)
        text = re.sub(r"</option>\s*", "</option>", text)
    if "</object>" in text:
        text = re.sub(r"(<object[^>]*>)\s*", r"\1", text)
        text = re.sub(r"\s*</object>", "</object>", text)
        text = re.sub(r"\s*(</?(?:param|embed)[^>]*>)\s*", r"\1", text)
    if "<source" in text or "<track" in text:
        text = re.sub(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", r"\1", text)
        text = re.sub(r"\s*([<\[]/(?:audio|video)[>\]])", r"\1", text)
        text = re.sub(r"\s*(<(?:source|track)[^>]*>)\s*", r"\1", text)
    if "<figcaption" in text:
        text = re.sub(r"\s*(<figcaption[^>]*>)", r"\1", text)
        text = re.sub(r"</figcaption>\s*", "</figcaption>", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part]
    text = "".join("<p>" + paragraph.strip("\n") + "</p>\n" for paragraph in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + ALL_BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + ALL_BLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + ALL_BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(
        r"<(script|style|svg|math).*?</\1>",
        lambda match: match[0].replace("\n", "<WPPreserveNewline />"),
        text,
        flags=re.DOTALL,
    )
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = text.replace("<WPPreserveNewline />", "\n")
    text = re.sub(r"(</?" + ALL_BLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    text = separate_top_level_blocks(text)
    for name, block in pre_blocks.items():
        text = text.replace(name, block)
    return text.replace(NEWLINE_PLACEHOLDER, "\n").replace("<!-- wpnl -->", "\n")


BLOCK_TAG = re.compile(r"<(/?)(" + ALL_BLOCKS + r")\b[^>]*?(/?)>", re.IGNORECASE)
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


def markdown_document(metadata, body):
    """A Markdown file: `Key: value` header lines, a blank line, then the body.

    `metadata` is a list of (key, value) pairs; empty values are left out.
    """
    header = "".join(f"{key}: {value}\n" for key, value in metadata if value)
    return header + "\n" + body if body else header
