"""WordPress's wpautop (wp-includes/formatting.php), ported once for the whole project.

Blank lines become paragraphs and single newlines <br />; block elements are
never wrapped in <p>, and <pre> (and script, style, svg, math) keep their
newlines. The responses plugin runs it on comment text before sanitising; the
WordPress importer runs it on post bodies, as WordPress did when showing them.

Every step runs in time linear in the text's length, whatever the text (a comment of
64 KB of ``<!--``, or of spaces before a newline, took seconds with WordPress's own
expressions: each of thousands of starts scanned on to the end). Where a pattern
starts at every character of a run, it is anchored at the run's start; where matches
need a closing string, the text after the last one is not searched; the rest are
short loops of str.find. The output is WordPress's, character for character.
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
_TAG_NO_COMMENT = re.compile(r"<[^<>]*>")
_NEWLINE_IN_TAG = " <!-- wpnl --> "
_MANY_NEWLINES = re.compile(r"\n\n+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_EMPTY_P = re.compile(r"<p>\s*</p>")
_UNCLOSED_P_IN = re.compile(r"<p>([^<]+)</(div|address|form)>")
_P_AROUND_BLOCK = re.compile(r"<p>\s*(</?" + BLOCK_ELEMENTS + r"[^>]*>)\s*</p>")
_P_AROUND_BLOCKQUOTE = re.compile(r"<p><blockquote([^>]*)>", re.IGNORECASE)
_P_BEFORE_BLOCK = re.compile(r"<p>\s*(</?" + BLOCK_ELEMENTS + r"[^>]*>)")
# "(</?BLOCK[^>]*>)\s*</p>" tried at every block tag would scan on to the same ">" from
# each one in "<pre<pre<pre...>": only the first block tag after a ">" is tried (the rest
# share its ">" and so its fate), atomically.
_AFTER_GT = r"(?:^|(?<=>))(?>([^>]*?)(</?" + BLOCK_ELEMENTS + r"[^>]*>))"
_P_AFTER_BLOCK = re.compile(_AFTER_GT + r"\s*</p>")
_KEEP_NEWLINES_OPEN = re.compile(r"<(script|style|svg|math)")
# A run of white space that holds a newline, from its start (see _break_lines).
_SPACE_WITH_NEWLINE = re.compile(r"(?<!\s)\s*\n\s*")
_BR_AFTER_BLOCK = re.compile(_AFTER_GT + r"\s*<br />")
_BR_BEFORE_BLOCK = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)")
_PRE_PLACEHOLDER = "<pre wp-pre-tag-{}></pre>"
# "\s*X", tried at every character of a long run of white space, scans on to the run's end
# each time: this tries the run from its start only, or X itself with nothing before it.
_LEADING_SPACE = r"(?:(?<!\s)\s*)?"
_SPACE = re.compile(r"\s*")
_OPTION_BEFORE = re.compile(_LEADING_SPACE + "<option")
_OPTION_AFTER = re.compile(r"</option>\s*")
_OBJECT_OPEN = re.compile(r"(<object[^>]*>)\s*")
_OBJECT_CLOSE = re.compile(_LEADING_SPACE + "</object>")
_PARAM_OR_EMBED = re.compile(_LEADING_SPACE + r"(</?(?:param|embed)[^>]*>)\s*")
_MEDIA_OPEN = re.compile(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*")
_MEDIA_CLOSE = re.compile(_LEADING_SPACE + r"([<\[]/(?:audio|video)[>\]])")
_SOURCE_OR_TRACK = re.compile(_LEADING_SPACE + r"(<(?:source|track)[^>]*>)\s*")
_FIGCAPTION_OPEN = re.compile(_LEADING_SPACE + r"(<figcaption[^>]*>)")
_FIGCAPTION_CLOSE = re.compile(r"</figcaption>\s*")


# Most comments are plain text with a few inline tags; for them the seventeen
# substitutions of wpautop reduce to splitting paragraphs, a fifth of the time.
_NEEDS_FULL_AUTOP = re.compile(
    r"<(?:/?" + BLOCK_ELEMENTS + r"[\s/>]|br\b|hr\b|pre|option|/?object|source|track)",
    re.IGNORECASE,
)
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
            part = _break_lines(part)
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
    text = _unwrap_list_items(text)
    text = _P_AROUND_BLOCKQUOTE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _P_AFTER_BLOCK.sub(r"\1\2", text)
    text = _keep_newlines(text)
    text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
    text = _break_lines(text, after_br=True)
    text = text.replace("<WPPreserveNewline />", "\n")
    text = _BR_AFTER_BLOCK.sub(r"\1\2", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    if text.endswith("\n</p>"):
        text = text[: -len("\n</p>")] + "</p>"
    for name, block in pre_blocks.items():
        text = text.replace(name, block)
    return text.replace(_NEWLINE_IN_TAG, "\n").replace(_NEWLINE_IN_TAG.strip(), "\n")


def _break_lines(text, after_br=False):
    r"""Each run of white space holding a newline, up to its last newline, becomes
    "<br />\n": WordPress's "\s*\n", or with `after_br` its "(?<!<br />)\s*\n", which
    leaves a run's first character alone right after a <br />."""

    def replace(match):
        run, start = match.group(0), 0
        if after_br and text.endswith("<br />", 0, match.start()):
            start = 1
        last = run.rfind("\n")
        return run if last < start else run[:start] + "<br />\n" + run[last + 1:]

    return _SPACE_WITH_NEWLINE.sub(replace, text)


def _unwrap_list_items(text):
    """WordPress's "<p>(<li.+?)</p>" → "\1" (a paragraph around list items), in one pass: a
    start with no "</p>" after it on its line means none later on that line has one."""
    if "<p><li" not in text:
        return text
    parts, position, line_end = [], 0, -1
    while (start := text.find("<p><li", position)) >= 0:
        if start > line_end:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end < 0 else line_end
        close = text.find("</p>", start + 7, line_end)  # ".+?": one character at least
        if close < 0:
            parts.append(text[position:line_end])
            position = line_end
            continue
        parts += [text[position:start], text[start + 3:close]]
        position = close + 4
    parts.append(text[position:])
    return "".join(parts)


def _keep_newlines(text):
    """Mark the newlines of <script>, <style>, <svg> and <math> (WordPress's
    "<(script|style|svg|math).*?</\1>"), each closing tag looked for once."""
    parts, position, unclosed = [], 0, set()
    for match in _KEEP_NEWLINES_OPEN.finditer(text):
        name = match.group(1)
        if match.start() < position or name in unclosed:
            continue
        close = text.find(f"</{name}>", match.end())
        if close < 0:
            unclosed.add(name)  # no later <name> closes either
            continue
        end = close + len(name) + 3
        parts += [text[position:match.start()],
                  text[match.start():end].replace("\n", "<WPPreserveNewline />")]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _tags(text):
    """The tags and comments of `text`, as _TAG finds them. A comment can only end at the
    last "-->": after it, "<!--" is looked for without scanning on to the end each time."""
    cut = text.rfind("-->") + 3 if "-->" in text else 0
    return [*_TAG.finditer(text, 0, cut), *_TAG_NO_COMMENT.finditer(text, cut)]


def _protect_newlines_in_tags(text):
    """A newline inside a tag (<a\nhref=...>) is not a line break: mark it for later.
    Returns (text, whether any tag had one)."""
    tags = [tag for tag in _tags(text) if "\n" in tag.group(0)]
    if not tags:
        return text, False
    parts, position = [], 0
    for tag in tags:
        parts += [text[position:tag.start()], tag.group(0).replace("\n", _NEWLINE_IN_TAG)]
        position = tag.end()
    parts.append(text[position:])
    return "".join(parts), True


def _tighten_embeds(text):
    """wpautop's special cases: no paragraphs or breaks inside selects, embeds and media."""
    if "<option" in text:
        text = _OPTION_BEFORE.sub("<option", text)
        text = _OPTION_AFTER.sub("</option>", text)
    if "</object>" in text:
        text = _sub_before_last(_OBJECT_OPEN, r"\1", text)
        text = _OBJECT_CLOSE.sub("</object>", text)
        text = _sub_before_last(_PARAM_OR_EMBED, r"\1", text)
    if "<source" in text or "<track" in text:
        text = _sub_before_last(_MEDIA_OPEN, r"\1", text, ">]")
        text = _MEDIA_CLOSE.sub(r"\1", text)
        text = _sub_before_last(_SOURCE_OR_TRACK, r"\1", text)
    if "<figcaption" in text:
        text = _sub_before_last(_FIGCAPTION_OPEN, r"\1", text)
        text = _FIGCAPTION_CLOSE.sub("</figcaption>", text)
    return text


def _sub_before_last(pattern, replacement, text, closers=">"):
    """pattern.sub(replacement, text) for a pattern whose matches end at one of `closers`
    (and the white space after it): after the last closer nothing can match, so it is not
    searched, where each start would scan on to the end."""
    cut = max(text.rfind(closer) for closer in closers) + 1
    if not cut:
        return text
    cut = _SPACE.match(text, cut).end()
    parts, position = [], 0
    for match in pattern.finditer(text, 0, cut):
        parts += [text[position:match.start()], match.expand(replacement)]
        position = match.end()
    parts.append(text[position:])
    return "".join(parts)
