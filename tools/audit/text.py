"""Text as words, so that typography and markup never decide a comparison.

WordPress stored "it's -- fine..." where the site shows "it’s – fine…" with a
no-break space, and wpautop and Markdown place paragraphs and line breaks
differently. Comparing the sequence of words (letters and digits only, lower
case) ignores all of that and still notices a lost sentence.
"""

import html
import re

TAG = re.compile(r"<[^>]*>")
HIDDEN_BLOCK = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
SHORTCODE = re.compile(r"\[/?[a-zA-Z][\w-]*(?:\s[^\]]*)?/?\]")
WORD = re.compile(r"[^\W_]+")


def html_to_text(markup):
    """The visible text of an HTML fragment: tags, comments and scripts removed, entities read."""
    return html.unescape(TAG.sub(" ", HIDDEN_BLOCK.sub(" ", markup)))


def words(text):
    """The words of plain text, lower case; punctuation and typography ignored."""
    return WORD.findall(text.lower())


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
