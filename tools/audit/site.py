"""Read a built site: every file once for the scans, article pages parsed again on demand.

Every HTML file is parsed once (lxml: BeautifulSoup took 75 s of CPU at 2,000 posts) for
its first <h1>, its redirect target and its canonical link, and handed to the privacy
scan; a page is parsed again, for its text and responses, only when an item of the export
is looked for there. Old addresses resolve exactly as a static host answers them
(GitHub Pages: ``/a/`` is ``a/index.html``, ``/a`` is ``a``, ``a.html`` or ``a/index.html``).
"""

import gzip
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from .export import host_of
from .text import CONTROL, element_text, words

PROGRESS_EVERY = 1000
REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]?\s*url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
HEADING_COUNT = re.compile(r"^\s*(\d[\d,]*|one|no)\s+(?:responses?|comments?)\b", re.IGNORECASE)
MAX_REDIRECTS = 5
SELF = "site.invalid"  # stands for the site's own host when a relative link is resolved
HTML_SUFFIXES = (".html", ".htm")


def parse_document(text):
    """An HTML document as lxml parses it (as a browser would)."""
    try:
        return lxml_html.document_fromstring(CONTROL.sub(" ", text) or "<html></html>")
    except (etree.ParserError, ValueError):
        return lxml_html.document_fromstring("<html></html>")


def old_path(url):
    """The path of an old address, or None for a query address no static site answers."""
    parts = urlsplit(url.strip())
    return None if parts.query else (parts.path or "/")


def _has_token(element, attribute, token):
    return token in (element.get(attribute) or "").lower().split()


@dataclass
class Response:
    """One ``li#comment-<id>`` of a page, where it sits and what it says."""

    comment_id: str
    parent_id: str | None  # the enclosing response's id, None at the top level
    container: str  # where the list it is in sits in the page (an XPath)
    depth: int
    order: int
    words: list[str]


@dataclass
class Page:
    path: str  # relative file path, e.g. "2011/07/slug/index.html"
    words: list[str]
    responses: dict[str, Response] = field(default_factory=dict)
    heading_count: int | None = None


@dataclass
class Site:
    root: Path
    files: set[str] = field(default_factory=set)
    titles: dict[str, tuple] = field(default_factory=dict)  # HTML file -> h1 words
    by_title: dict[tuple, list[str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # HTML file -> target URL
    own_hosts: set[str] = field(default_factory=set)
    _bases: Counter = field(default_factory=Counter)  # the site's path under SITEURL
    _pages: dict[str, "Page"] = field(default_factory=dict)

    def note(self, relative, text):
        """Index one file of the pass (text is None for binary files); an HTML file's
        parsed document is returned for the other scans."""
        self.files.add(relative)
        if text is None or not relative.endswith(HTML_SUFFIXES):
            return None
        document = parse_document(text)
        for meta in document.iter("meta"):
            if (meta.get("http-equiv") or "").strip().lower() == "refresh":
                if target := REFRESH_URL.match(meta.get("content") or ""):
                    self.redirects[relative] = target[1].strip()
                break
        for link in document.iter("link"):
            if _has_token(link, "rel", "canonical") and link.get("href"):
                canonical = urlsplit(link.get("href").strip())
                self.own_hosts.add(host_of(link.get("href")))
                own_path = self.url_of(relative)
                if unquote(canonical.path).endswith(own_path):
                    self._bases[unquote(canonical.path)[: -len(own_path)] + "/"] += 1
        heading = next(document.iter("h1"), None)
        if heading is not None and relative not in self.redirects:
            title = tuple(words(element_text(heading)))
            self.titles[relative] = title
            self.by_title.setdefault(title, []).append(relative)
        return document

    @property
    def base_path(self):
        """The path the site is published under ("/", or "/blog/" at user.github.io/blog)."""
        return self._bases.most_common(1)[0][0] if self._bases else "/"

    def resolve(self, url, base="/"):
        """The file that answers `url` (an old path, or a URL relative to `base`), or None.

        An absolute URL is the site's only on its own hosts and under its base path; a
        path is looked up from the site's root, as the old domain's paths will be."""
        absolute = urljoin(base, url.strip())
        parts = urlsplit(absolute)
        if parts.query:
            return None
        path = unquote(parts.path) or "/"
        if parts.netloc:
            if parts.netloc != SELF and host_of(absolute) not in self.own_hosts:
                return None
            prefix = self.base_path
            if not (path + "/").startswith(prefix):
                return None
            path = "/" + path[len(prefix):]
        segments = path.split("/")[1:]
        if any(segment in {".", ".."} for segment in segments):
            return None
        relative = "/".join(segments)
        if path.endswith("/"):
            candidates = [relative + "index.html"]
        else:
            candidates = [relative, relative + ".html", relative + "/index.html"]
        return next((candidate for candidate in candidates if candidate in self.files), None)

    def follow(self, url):
        """(final file or None, [files passed through]) for a visitor arriving at `url`
        (an old address: its path, on the site's domain once the domain is cut over)."""
        passed = []
        relative = self.resolve(old_path(url)) if old_path(url) is not None else None
        while relative in self.redirects and len(passed) < MAX_REDIRECTS:
            passed.append(relative)
            relative = self.resolve(self.redirects[relative], base=self.absolute(relative))
        return relative, passed

    def absolute(self, relative):
        """The address of a file of the site, under its base path (for relative links)."""
        return f"https://{SELF}" + self.base_path + self.url_of(relative).lstrip("/")

    def url_of(self, relative):
        return "/" + relative.removesuffix("index.html")

    def page(self, relative):
        """The parsed page at `relative` (cached)."""
        if relative not in self._pages:
            text = (self.root / relative).read_text(encoding="utf-8", errors="replace")
            self._pages[relative] = parse_page(relative, text)
        return self._pages[relative]


def _is_response(element):
    return element.tag == "li" and element.get("id", "").startswith("comment-")


def _is_thread(element):
    return (element.get("id") == "responses" or _is_response(element)
            or _has_token(element, "class", "commentlist"))


def parse_page(relative, text):
    """Body words and responses of an article or page (lxml: thousands a second); its title
    is read by Site, from the first <h1>."""
    root = parse_document(text)
    heading = next(root.iter("h1"), None)
    container = next(heading.iterancestors("article"), None) if heading is not None else None
    if container is None:
        container = root.find("body") if root.find("body") is not None else root
    page = Page(relative, [])
    tree = root.getroottree()
    for order, item in enumerate(container.iter("li")):
        if not _is_response(item):
            continue
        enclosing = [li for li in item.iterancestors("li") if _is_response(li)]
        comment_id = item.get("id")[len("comment-"):]
        page.responses[comment_id] = Response(
            comment_id=comment_id,
            parent_id=enclosing[0].get("id")[len("comment-"):] if enclosing else None,
            container=tree.getpath(item.getparent()), depth=1 + len(enclosing), order=order,
            words=words(element_text(item, skip=_is_response)),
        )
    for heading_element in root.iter("h2", "h3"):
        if match := HEADING_COUNT.match(element_text(heading_element)):
            count = match[1].lower().replace(",", "")
            page.heading_count = {"one": 1, "no": 0}.get(count) or int(count)
            break
    page.words = words(element_text(container, skip=_is_thread))
    return page


def read_text(path):
    """A file's text, gzip-compressed ones (search index fragments) included; None if binary."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None
    if b"\x00" in data[:4096]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def walk(root, progress=None):
    """(relative posix path, text or None) for every file under `root`, in name order."""
    root = Path(root)
    count = 0
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            yield path.relative_to(root).as_posix(), read_text(path)
            count += 1
            if progress and count % PROGRESS_EVERY == 0:
                progress(f"read {count} files of the site")
