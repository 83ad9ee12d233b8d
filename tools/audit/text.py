"""Text as words, read with an HTML parser, so that typography and markup never decide a
comparison.

WordPress stored "it's -- fine..." where the site shows "it’s – fine…" with a
no-break space, and wpautop and Markdown place paragraphs and line breaks
differently. Comparing the sequence of words (letters and digits only, lower
case) ignores all of that and still notices a lost sentence.

Markup is parsed (lxml's HTML parser, as browsers do: entities, comments,
attributes holding ``<`` or ``>``), never taken apart with regular expressions.
Inline elements join the text around them as a browser shows it ("H<sub>2</sub>O"
is one word, "H2O"); every other element, and <br>, separates words.
"""

import json
import re

from lxml import etree
from lxml import html as lxml_html

SHORTCODE = re.compile(r"\[/?[a-zA-Z][\w-]*(?:\s[^\]]*)?/?\]")
WORD = re.compile(r"[^\W_]+")
# Characters an XML-based parser refuses; a browser shows nothing for them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Elements a browser lays out inside a line of text: they never separate two words.
INLINE = frozenset({
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
    "em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
})
# Elements whose content a reader never sees as text.
UNSEEN = frozenset({"script", "style", "template", "head", "title"})


def parse_html(markup):
    """A document or fragment as an lxml element; a fragment gets a <div> around it."""
    if not markup or not markup.strip():
        return lxml_html.fragment_fromstring("<div></div>")
    try:
        return lxml_html.fragment_fromstring(CONTROL.sub(" ", markup), create_parent="div")
    except (etree.ParserError, ValueError):
        return lxml_html.fragment_fromstring("<div></div>")


def element_text(element, skip=None):
    """The text of `element` as a reader sees it (its tail excluded); `skip(node)` True
    leaves a descendant out. Iterative: comment threads nest deep."""
    pieces = []
    stack = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            pieces.append(node)
            continue
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None or tag in UNSEEN or (skip is not None and node is not element
                                            and skip(node)):
            continue  # a comment or processing instruction, or left out; its tail is kept
        separate = tag not in INLINE
        if separate:
            pieces.append(" ")
            stack.append(" ")
        for child in reversed(node):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
        pieces.append(node.text or "")
    return "".join(pieces)


def words(text):
    """The words of plain text, lower case; punctuation and typography ignored."""
    return WORD.findall(text.lower())


def html_words(markup):
    """The words a reader sees in an HTML fragment or document."""
    return words(element_text(parse_html(markup)))


def html_to_text(markup):
    """The visible text of an HTML fragment (entities read, tags and comments gone)."""
    return element_text(parse_html(markup))


def wordpress_words(markup):
    """The words a reader saw of a WordPress body or comment (shortcodes are not text)."""
    return words(SHORTCODE.sub(" ", html_to_text(markup)))


def missing_from(expected, actual):
    """Index of the first word of `expected` not found, in order, in `actual`; None if all are."""
    position = 0
    for index, word in enumerate(expected):
        try:
            position = actual.index(word, position) + 1
        except ValueError:
            return index
    return None


def excerpt(words_list, index, width=8):
    """A few words around `index`, to show a reader where a text differs."""
    start = max(index - 2, 0)
    return " ".join(words_list[start : start + width])


def short_element_texts(root, most):
    """The words of every element under `root` whose whole text is 1 to `most` words, as
    tuples (one pass, children before parents: linear in the size of the page)."""
    found = set()
    texts = {}  # element -> its text, or None when it has more than `most` words
    for element in reversed(list(root.iter())):
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None or tag in UNSEEN:
            texts[element] = ""
            continue
        pieces = [element.text or ""]
        for child in element:
            text = texts.get(child, "")
            if text is None:
                pieces = None
                break
            separator = "" if child.tag in INLINE else " "
            pieces += [separator, text, separator, child.tail or ""]
        text = "".join(pieces) if pieces is not None else None
        element_words = words(text) if text is not None else []
        if text is None or len(element_words) > most:
            texts[element] = None
            continue
        texts[element] = text
        if element_words:
            found.add(tuple(element_words))
    return found


def _json_strings(value):
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


def _markup_words(text):
    return html_words(text) if "<" in text or "&" in text else words(text)


def file_words(relative, text, document=None):
    """The words a reader could see in one file of the site: an HTML page's text, a feed's
    or sitemap's texts (escaped HTML read as HTML), the strings of a JSON file or of a
    search index fragment; other text files as they are."""
    if document is not None:
        body = document.find("body")
        return words(element_text(body if body is not None else document))
    if relative.endswith(".xml"):
        try:
            root = etree.fromstring(CONTROL.sub(" ", text).encode("utf-8"),
                                    etree.XMLParser(recover=True, resolve_entities=False))
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            found = []
            for node in root.iter():
                for piece in (node.text, node.tail):
                    if piece and piece.strip():
                        found += _markup_words(piece)
            return found
    if relative.endswith((".json", ".pf_fragment", ".pf_meta", ".pf_index")):
        try:
            value = json.loads(text.removeprefix("pagefind_dcd"))
        except ValueError:
            value = None
        if value is not None:
            return [word for piece in _json_strings(value) for word in _markup_words(piece)]
    return words(text)
