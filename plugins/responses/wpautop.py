"""WordPress's wpautop (wp-includes/formatting.php), ported once for the whole project.

Blank lines become paragraphs and single newlines <br />; block elements are
never wrapped in <p>, and <pre> (and script, style, svg, math) keep their
newlines. The responses plugin runs it on comment text before sanitising; the
WordPress importer runs it on post bodies, as WordPress did when showing them.
"""

import re

BLOCK_ELEMENTS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    r"|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside"
    r"|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>")
_BEFORE_BLOCK_OPEN = re.compile(r"(<" + BLOCK_ELEMENTS + r"[\s/>])")
_AFTER_BLOCK_CLOSE = re.compile(r"(</" + BLOCK_ELEMENTS + r">)")
_AFTER_HR = re.compile(r"(<hr\s*?/?>)")
# Tags and comments, where a newline is not a line break (wp_replace_in_html_tags).
_TAG = re.compile(r"<!--.*?-->|<[^<>]*>", re.DOTALL)
_NEWLINE_IN_TAG = " <!-- wpnl --> "
_MANY_NEWLINES = re.compile(r"\n\n+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_EMPTY_P = re.compile(r"<p>\s*</p>")
_UNCLOSED_P_IN = re.compile(r"<p>([^<]+)</(div|address|form)>")
_P_AROUND_BLOCK = re.compile(r"<p>\s*(</?" + BLOCK_ELEMENTS + r"[^>]*>)\s*</p>")
_P_AROUND_LI = re.compile(r"<p>(<li.+?)</p>")
_P_AROUND_BLOCKQUOTE = re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE)
_P_BEFORE_BLOCK = re.compile(r"<p>\s*(</?" + BLOCK_ELEMENTS + r"[^>]*>)")
_P_AFTER_BLOCK = re.compile(r"(</?" + BLOCK_ELEMENTS + r"[^>]*>)\s*</p>")
_KEEP_NEWLINES = re.compile(r"<(script|style|svg|math).*?</\1>", re.DOTALL)
_LINE_BREAK = re.compile(r"(?<!<br />)\s*\n")
_BR_AFTER_BLOCK = re.compile(r"(</?" + BLOCK_ELEMENTS + r"[^>]*>)\s*<br />")
_BR_BEFORE_BLOCK = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)")
_PRE_PLACEHOLDER = "<pre wp-pre-tag-{}></pre>"


# Most comments are plain text with a few inline tags; for them the seventeen
# substitutions of wpautop reduce to splitting paragraphs, a fifth of the time.
_NEEDS_FULL_AUTOP = re.compile(
    r"<(?:/?" + BLOCK_ELEMENTS + r"[\s/>]|br\b|hr\b|pre|option|/?object|source|track)",
    re.IGNORECASE,
)
_SPACE_BEFORE_NEWLINE = re.compile(r"\s*\n")
_BR_AT_START = re.compile(r"^\s*<br />")
_BR_AT_END = re.compile(r"<br />(\s*)$")


def wpautop(text):
    """Blank lines become paragraphs, single newlines <br>; block elements are left unwrapped."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEEDS_FULL_AUTOP.search(text):
        return _full_autop(text)
    return _inline_autop(text)


def _inline_autop(text):
    """wpautop for text without block-level tags, <br> or <pre>: the same result, faster."""
    newline_in_tag = False
    if "<" in text and "\n" in text:
        text, newline_in_tag = _protect_newlines_in_tags(text)
    paragraphs = []
    for part in _PARAGRAPH_BREAK.split(text + "\n"):
        if not part.strip():
            continue
        part = part.strip("\n")
        if "\n" in part:
            part = _SPACE_BEFORE_NEWLINE.sub("<br />\n", part)
            # wpautop drops a <br /> that opens or closes a paragraph.
            part = _BR_AT_END.sub(r"\1", _BR_AT_START.sub("", part))
        paragraphs.append(f"<p>{part}</p>\n")
    text = "".join(paragraphs)
    if newline_in_tag:
        text = text.replace(_NEWLINE_IN_TAG, "\n").replace(_NEWLINE_IN_TAG.strip(), "\n")
    return text


def _full_autop(text):
    text += "\n"
    # <pre> keeps its newlines: set it aside and bring it back at the end.
    pre_blocks = {}
    if "<pre" in text:
        *parts, last = text.split("</pre>")
        text = ""
        for part in parts:
            start = part.find("<pre")
            if start == -1:  # a stray </pre>
                text += part
                continue
            name = _PRE_PLACEHOLDER.format(len(pre_blocks))
            pre_blocks[name] = part[start:] + "</pre>"
            text += part[:start] + name
        text += last
    text = _DOUBLE_BR.sub("\n\n", text)
    text = _BEFORE_BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _AFTER_BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _AFTER_HR.sub(r"\1\n\n", text)
    text, _ = _protect_newlines_in_tags(text)
    text = _tighten_embeds(text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    paragraphs = [part for part in _PARAGRAPH_BREAK.split(text) if part]
    text = "".join(f"<p>{paragraph.strip(chr(10))}</p>\n" for paragraph in paragraphs)
    text = _EMPTY_P.sub("", text)
    text = _UNCLOSED_P_IN.sub(r"<p>\1</p></\2>", text)
    text = _P_AROUND_BLOCK.sub(r"\1", text)
    text = _P_AROUND_LI.sub(r"\1", text)
    text = _P_AROUND_BLOCKQUOTE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _P_AFTER_BLOCK.sub(r"\1", text)
    text = _KEEP_NEWLINES.sub(lambda match: match.group(0).replace("\n", "<WPPreserveNewline />"),
                              text)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = _LINE_BREAK.sub("<br />\n", text)
    text = text.replace("<WPPreserveNewline />", "\n")
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    if text.endswith("\n</p>"):
        text = text[: -len("\n</p>")] + "</p>"
    for name, block in pre_blocks.items():
        text = text.replace(name, block)
    return text.replace(_NEWLINE_IN_TAG, "\n").replace(_NEWLINE_IN_TAG.strip(), "\n")


def _protect_newlines_in_tags(text):
    """A newline inside a tag (<a\nhref=...>) is not a line break: mark it for later.
    Returns (text, whether any tag had one)."""
    # findall runs in C; the substitution calls back into Python for every tag, and
    # almost no text has a tag that spans lines.
    if not any("\n" in tag for tag in _TAG.findall(text)):
        return text, False
    return _TAG.sub(lambda tag: tag.group(0).replace("\n", _NEWLINE_IN_TAG), text), True


def _tighten_embeds(text):
    """wpautop's special cases: no paragraphs or breaks inside selects, embeds and media."""
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
    return text
