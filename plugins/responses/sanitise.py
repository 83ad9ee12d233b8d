"""Sanitise stage: WordPress comment text to safe HTML, and commenters' links to safe URLs.

The allow-list lives here and only here. Paragraphs are made first (a port of
WordPress's wpautop) and the result is then cleaned by nh3, so nothing the
paragraph step does can let markup through that the allow-list refuses.
"""

import logging
import re
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup

from .wpautop import wpautop

logger = logging.getLogger(__name__)

ALLOWED_TAGS = frozenset(
    {"p", "br", "a", "em", "strong", "b", "i", "blockquote", "code", "pre", "ul", "ol", "li"}
)
ALLOWED_ATTRIBUTES = {"a": frozenset({"href"})}
ALLOWED_URL_SCHEMES = frozenset({"http", "https"})
LINK_REL = "nofollow ugc noopener"
# Dropped with everything inside them, not just unwrapped: their text is code,
# styles or fallback content, never part of what the commenter wrote to readers.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "svg", "math", "noscript", "template",
     "textarea", "title", "xmp", "noembed", "noframes", "select"}
)

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    # "*" replaces ammonia's default generic attributes (title, lang) with none.
    attributes={"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)

# Deeper nesting is refused by the validate stage: html5ever's cost grows with the depth
# of open tags (1.9 s for a 64 KB comment of "<ul><li>"), and no comment nests 100 deep.
MAX_NESTING = 100
# Tags that hold nothing, and tags a parser closes itself when the next one starts (a
# second <li> or <p>), neither of which nests.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_CLOSED_BY_NEXT = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
                             "thead", "tbody", "tfoot", "caption", "colgroup", "rb", "rt", "rp"})
# The start of a tag, never its end: "[^>]*>" would scan on from each of "<a <a <a ...".
_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")

# Browsers strip these from URLs, so "jav\tascript:" would run; a real address has none.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
# What is left of a paragraph that held only refused markup, such as <img>.
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\s*")


def sanitise_all(responses):
    """Make every response's text safe HTML and its URL a safe link or None."""
    dropped_urls = 0
    for response in responses:
        response.content = sanitise(response.content)
        url = safe_url(response.url)
        dropped_urls += response.url not in (None, "") and url is None
        response.url = url
    if dropped_urls:
        logger.info("responses: %d URLs were not http(s) and are shown unlinked", dropped_urls)


def sanitise(text):
    """WordPress comment text as Markup that is safe to put in a page."""
    # Without the final newline, an unclosed <b> is not reopened around it after </p>.
    cleaned = _cleaner.clean(wpautop(text).rstrip())
    return Markup(_EMPTY_PARAGRAPH.sub("", cleaned).strip())


def nesting_depth(text, limit=MAX_NESTING):
    """How deep the tags of `text` nest, counted up to limit + 1 (enough to refuse it), in
    one pass over its tags."""
    if "<" not in text:
        return 0
    open_tags, deepest = [], 0
    for match in _TAG_START.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or name in _CLOSED_BY_NEXT:
            continue
        if not closing:
            open_tags.append(name)
            deepest = max(deepest, len(open_tags))
            if deepest > limit:
                return deepest
        elif name in open_tags:  # a stray closing tag closes nothing
            while open_tags.pop() != name:
                pass
    return deepest


def safe_url(url):
    """The commenter's URL if it is an absolute http(s) address, else None (never a link)."""
    if not url:
        return None
    url = url.strip()
    if _SPACE_OR_CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_URL_SCHEMES or not host:
        return None
    return url
