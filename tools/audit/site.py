"""Read a built site: every file once for the scans, article pages parsed on demand.

Reading a few thousand pages with a full HTML parser takes long, so one quick
pass reads each file's text and, for HTML, only its first <h1>, its redirect
target and its canonical link (regular expressions); a page is parsed (with
lxml: BeautifulSoup took 75 s of CPU at 2,000 posts) only when an item of the
export is looked for there.
"""

import gzip
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from .export import host_of
from .text import html_to_text, words

PROGRESS_EVERY = 1000
FIRST_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.DOTALL | re.IGNORECASE)
META_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*>", re.IGNORECASE)
REFRESH_URL = re.compile(r"content\s*=\s*[\"'][^\"']*?url\s*=\s*([^\"']+)", re.IGNORECASE)
CANONICAL = re.compile(r"<link\b[^>]*rel\s*=\s*[\"']?canonical[^>]*>", re.IGNORECASE)
HREF = re.compile(r"href\s*=\s*[\"']([^\"']+)", re.IGNORECASE)
HEADING_COUNT = re.compile(r"^\s*(\d[\d,]*|one|no)\s+(?:responses?|comments?)\b", re.IGNORECASE)
MAX_REDIRECTS = 5


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
    _pages: dict[str, Page] = field(default_factory=dict)

    def note(self, relative, text):
        """Index one file from the quick pass (text is None for binary files)."""
        self.files.add(relative)
        if text is None or not relative.endswith((".html", ".htm")):
            return
        refresh = META_REFRESH.search(text)
        if refresh and (target := REFRESH_URL.search(refresh[0])):
            self.redirects[relative] = html.unescape(target[1].strip())
            self.own_hosts.add(host_of(self.redirects[relative]))
        for link in CANONICAL.findall(text):
            if href := HREF.search(link):
                self.own_hosts.add(host_of(html.unescape(href[1])))
        heading = FIRST_H1.search(text)
        if heading and relative not in self.redirects:
            title = tuple(words(html_to_text(heading[1])))
            self.titles[relative] = title
            self.by_title.setdefault(title, []).append(relative)

    def resolve(self, url, base="/"):
        """The file that answers `url` (a path or URL, relative to `base`), or None."""
        parts = urlsplit(urljoin(base, url))
        if parts.query:
            return None
        segments = [part for part in unquote(parts.path).split("/") if part]
        # A site published under a sub-folder (user.github.io/blog/) has one more segment.
        for skip in range(min(len(segments), 2) + 1):
            relative = "/".join(segments[skip:])
            candidates = [f"{relative}/index.html".lstrip("/")]
            if relative and not parts.path.endswith("/"):
                candidates.insert(0, relative)
            for candidate in candidates:
                if candidate in self.files:
                    return candidate
        return None

    def follow(self, url):
        """(final file or None, [files passed through]) for a visitor arriving at `url`."""
        passed = []
        relative = self.resolve(url)
        while relative in self.redirects and len(passed) < MAX_REDIRECTS:
            passed.append(relative)
            relative = self.resolve(self.redirects[relative], base="/" + relative)
        return relative, passed

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


def _own_text(element, pieces):
    """The text of `element` without the replies nested in it (iterative: threads run deep)."""
    stack = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            pieces.append(node)
            continue
        if isinstance(node.tag, str):
            pieces.append(node.text or "")
        for child in reversed(node):
            if child.tail:
                stack.append(child.tail)
            if isinstance(child.tag, str) and not _is_response(child):
                stack.append(child)
    return pieces


def parse_page(relative, text):
    """Body words and responses of an article or page (lxml: thousands a second); its title
    is read by Site, from the first <h1>."""
    root = lxml_html.document_fromstring(text or "<html></html>")
    heading = root.find(".//h1")
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
            words=words(" ".join(_own_text(item, []))),
        )
    for heading_element in root.iter("h2", "h3"):
        if match := HEADING_COUNT.match(" ".join(heading_element.itertext()).strip()):
            count = match[1].lower().replace(",", "")
            page.heading_count = {"one": 1, "no": 0}.get(count) or int(count)
            break
    threads = container.xpath(
        './/*[@id="responses" or contains(concat(" ", normalize-space(@class), " "), '
        '" commentlist ")] | .//li[starts-with(@id, "comment-")] | .//script | .//style')
    for thread in threads:
        if thread.getparent() is not None:
            thread.drop_tree()
    page.words = words(" ".join(container.itertext(tag=etree.Element)))
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
