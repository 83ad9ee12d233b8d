"""Privacy: nothing the public never saw is anywhere in the built site.

Commenters' e-mail addresses, IP addresses and browser strings are looked for
in every text file (pages, feeds, sitemap, JSON, search index fragments).
Spam, trashed and unapproved comments, and drafts, private and
password-protected items, are looked for by their anchors, titles and text:
a text of FEWEST_WORDS words or more anywhere in a file's words, and a text of
any length that is an element's whole text on a page (a three-word spam
comment pasted into a paragraph). A short text the export also publishes, or
that the theme itself writes (on the 404 page), is not looked for.
A finding names the file and the kind of data, never the value: CI logs are public.
"""

import html
import ipaddress
import re
from collections import Counter, defaultdict
from urllib.parse import unquote

from ..report import CheckResult
from ..text import file_words, parse_html, short_element_texts, wordpress_words, words
from .posts import title_forms

# Every pattern starts with a literal character, which Python's re finds twenty times
# faster than a character class (measured: 1.7 s against 0.08 s on a 20 MB site).
AT = re.compile(r"@")
EMAIL_AROUND = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]{1,64}@[\w-]+(?:\.[\w-]+)+")
IPV4_TAIL = re.compile(r"\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.])")
IPV4_HEAD = re.compile(r"(?<![\d.])\d{1,3}$")
IPV6_PART = re.compile(r":[0-9A-Fa-f]{0,4}:")
IPV6_RUN = re.compile(r"[0-9A-Fa-f:]+")
ANCHOR = re.compile(r"""id\s*=\s*["']comment-([^"']+)["']""")
# A text shorter than this many words is too common to look for among a file's words
# (a leak cannot be told from a coincidence); it is looked for as an element's whole text.
FEWEST_WORDS = 4
# Pages the theme writes with no content of the export: their short texts are its own.
THEME_PAGES = ("404.html",)
KEY_WORDS = 4


def _ip(value):
    try:
        return ipaddress.ip_address(value.strip().strip("[]")).compressed
    except ValueError:
        return None


class PrivateValues:
    """Finds the export's private values in a text, without ever returning them."""

    def __init__(self, private):
        self.kinds = {}
        self.agents = defaultdict(set)  # first 12 characters -> browser strings
        for value, kind in private.items():
            if "browser" in kind:
                if len(value) >= 12:
                    self.agents[value[:12]].add(value)
                    self.kinds[value] = kind
            elif "IP" in kind:
                address = _ip(value)
                # Loopback and unspecified addresses identify nobody.
                if address and not (ipaddress.ip_address(address).is_loopback
                                    or ipaddress.ip_address(address).is_unspecified):
                    self.kinds[address] = kind
            else:
                self.kinds[value.lower()] = kind

    def find(self, text):
        """The private values in `text` (for internal use: callers count kinds only)."""
        if "&" in text:
            text = html.unescape(text)
        if "%40" in text or "%3A" in text:
            text = unquote(text)
        found = Counter()
        for value in self._emails(text):
            if value in self.kinds:
                found[value] += 1
        for value in self._addresses(text):
            if value in self.kinds:
                found[value] += 1
        for prefix, agents in self.agents.items():
            start = text.find(prefix)
            while start != -1:
                for agent in agents:
                    if text.startswith(agent, start):
                        found[agent] += 1
                start = text.find(prefix, start + 1)
        return found


    @staticmethod
    def _emails(text):
        end = -1
        for at in AT.finditer(text):
            if at.start() < end:
                continue
            window = text[max(at.start() - 64, 0) : at.start() + 256]
            for match in EMAIL_AROUND.finditer(window):
                end = at.start() - min(at.start(), 64) + match.end()
                yield match[0].lower()

    @staticmethod
    def _addresses(text):
        for tail in IPV4_TAIL.finditer(text):
            if head := IPV4_HEAD.search(text, max(tail.start() - 3, 0), tail.start()):
                yield head[0] + tail[0]
        end = -1
        for part in IPV6_PART.finditer(text):
            if part.start() < end:
                continue
            start = part.start()
            while start > 0 and text[start - 1] in "0123456789abcdefABCDEF:":
                start -= 1
            run = IPV6_RUN.match(text, start)
            end = run.end()
            if (address := _ip(run[0])) and ":" in address:
                yield address


class HiddenTexts:
    """Texts that must appear nowhere, found by their words (typography ignored).

    Texts are looked up by their first KEY_WORDS words (one set intersection per
    file); a file that lacks every text's rarest word is not searched at all.
    """

    def __init__(self, texts, public_words):
        self.by_key = defaultdict(list)  # first KEY_WORDS words -> [(words, label)]
        for text_words, label in texts:
            if len(text_words) >= FEWEST_WORDS:
                self.by_key[tuple(text_words[:KEY_WORDS])].append((text_words, label))
        public = self._find(public_words)
        for key, entries in list(self.by_key.items()):
            self.by_key[key] = [entry for entry in entries if entry[1] not in public]
            if not self.by_key[key]:
                del self.by_key[key]
        frequency = Counter(public_words)
        self.anchors = {min(text_words, key=frequency.__getitem__)
                        for entries in self.by_key.values() for text_words, _ in entries}

    def find(self, text_words):
        """Labels of hidden texts that appear whole in `text_words`."""
        if self.anchors.isdisjoint(text_words):
            return set()
        return self._find(text_words)

    def _find(self, text_words):
        keys = zip(*(text_words[offset:] for offset in range(KEY_WORDS)), strict=False)
        hits = set(keys) & self.by_key.keys()
        labels = set()
        for position in range(len(text_words) - KEY_WORDS + 1) if hits else ():
            key = tuple(text_words[position : position + KEY_WORDS])
            for needle, label in self.by_key[key] if key in hits else ():
                if text_words[position : position + len(needle)] == needle:
                    labels.add(label)
        return labels


def _hidden_label(comment, item):
    if not comment.is_response:
        status = {"0": "unapproved", "1": "approved"}.get(comment.approved, comment.approved)
        return f"{status} {comment.kind} {comment.comment_id}"
    return f"{comment.kind} {comment.comment_id} on {item.why_hidden} {item.post_type} " \
           f"{item.post_id}"


class PrivacyScan:
    """Collects findings file by file during the one pass over the site."""

    def __init__(self, export):
        self.values = PrivateValues(export.private)
        hidden_texts = []
        self.hidden_ids = {}
        public_ids, public_words, public_short = set(), [], set()

        def public(markup, text_words):
            nonlocal public_words
            public_words += text_words + ["\x00"]
            if len(text_words) < FEWEST_WORDS:
                public_short.add(tuple(text_words))
            elif "<" in markup:
                public_short.update(short_element_texts(parse_html(markup), FEWEST_WORDS - 1))

        for item in export.items:
            if item.is_published:
                for markup in (item.title, item.content, item.excerpt):
                    public(markup, wordpress_words(markup))
            for comment in item.comments:
                if comment.is_response and item.is_published:
                    public_ids.add(comment.comment_id)
                    public(comment.author, words(html.unescape(comment.author)))
                    public(comment.content, wordpress_words(comment.content))
                elif item.post_type in {"post", "page"}:
                    label = _hidden_label(comment, item)
                    self.hidden_ids[comment.comment_id] = label
                    hidden_texts.append((wordpress_words(comment.content), f"the text of {label}"))
            if item.is_hidden:
                hidden_texts.append((wordpress_words(item.content), f"the text of "
                                     f"{item.why_hidden} {item.post_type} {item.post_id}"))
        for comment_id in public_ids:
            self.hidden_ids.pop(comment_id, None)
        # A hidden text that the export also publishes (a spam copy of a real comment) is public.
        self.texts = HiddenTexts(hidden_texts, public_words)
        self.short = defaultdict(set)  # a short hidden text's words -> its labels
        for text_words, label in hidden_texts:
            if 0 < len(text_words) < FEWEST_WORDS and tuple(text_words) not in public_short:
                self.short[tuple(text_words)].add(label)
        self.short_public = sum(0 < len(text_words) < FEWEST_WORDS
                                and tuple(text_words) in public_short
                                for text_words, _label in hidden_texts)
        self.short_found = defaultdict(set)  # file -> short hidden texts found in it
        self.theme_texts = set()
        public_text = " ".join(public_words)
        self.public_values = set(self.values.find(public_text))
        self.findings = defaultdict(Counter)  # file -> {kind of data: occurrences}
        self.files = 0

    def scan(self, relative, text, document=None):
        """Look at one file's text; `document` is an HTML file's parsed page."""
        self.files += 1
        for value, count in self.values.find(text).items():
            if value not in self.public_values:
                self.findings[relative][self.values.kinds[value]] += count
        if relative.endswith((".html", ".htm")):
            for comment_id in ANCHOR.findall(text):
                if comment_id in self.hidden_ids:
                    self.findings[relative][f"#comment-{comment_id}, the anchor of "
                                            f"{self.hidden_ids[comment_id]}"] += 1
        for label in self.texts.find(file_words(relative, text, document)):
            self.findings[relative][label] += 1
        if document is not None and self.short:
            body = document.find("body")
            shown = short_element_texts(body if body is not None else document,
                                        FEWEST_WORDS - 1)
            if relative in THEME_PAGES:
                self.theme_texts |= shown
            self.short_found[relative] |= shown & self.short.keys()

    def finish(self):
        """Add the short texts found, less those the theme writes itself."""
        for relative, found in self.short_found.items():
            for text_words in found - self.theme_texts:
                for label in self.short[text_words]:
                    self.findings[relative][label] += 1
        self.short_found.clear()


def _kind(label):
    """The distinct problem a privacy finding is, for the report."""
    if label.startswith("#comment-"):
        return "the anchor of a hidden response is in the site"
    if label.startswith("the text of "):
        return "the text of a hidden response or item is in the site"
    return f"{label} is in the site"


def check_privacy(export, site, scan):
    result = CheckResult("privacy")
    scan.finish()
    for relative, kinds in sorted(scan.findings.items()):
        for kind, count in sorted(kinds.items()):
            times = f" ({count} times)" if count > 1 else ""
            result.fail(_kind(kind), f"/{relative}: {kind}{times}")
    published_titles = {title for item in export.published for title in title_forms(item)}
    published_links = {item.link for item in export.published}
    for item in export.items:
        if not item.is_hidden:
            continue
        label = f"{item.why_hidden} {item.post_type} {item.post_id}"
        shown = {relative for title in title_forms(item) - published_titles - {()}
                 for relative in site.by_title.get(title, ())}
        for relative in sorted(shown):
            result.fail("the title of a hidden item is in the site",
                        f"/{relative}: the title of {label}")
        if item.link and item.link not in published_links:
            final, _ = site.follow(item.link)
            if final is not None:
                result.fail("the old address of a hidden item answers",
                            f"/{final}: the old address of {label} answers there")
    hidden = sum(item.is_hidden for item in export.items)
    result.summary = (f"{len(scan.values.kinds)} private values, {len(scan.hidden_ids)} hidden "
                      f"responses and {hidden} hidden items looked for in {scan.files} files")
    if skipped := scan.short_public:
        result.notes.append(f"{skipped} short hidden texts not looked for: the export publishes "
                            "the same words as a whole text")
    if scan.public_values:
        result.notes.append(f"{len(scan.public_values)} private values skipped: the export "
                            "publishes them itself (in a post, page or approved comment)")
    return result
