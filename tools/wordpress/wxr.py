"""Read a WordPress export (WXR 1.1 or 1.2) into plain dataclasses.

The reader is a streaming SAX handler, so exports of thousands of posts do not
have to fit in memory twice, and every error can name the line it happened on.

Privacy by construction: commenters' e-mail addresses and IP addresses,
authors' e-mail addresses, post passwords and every ``wp:commentmeta`` (whose
``akismet_as_submitted`` holds e-mails, IPs, user agents and the web server's
environment) are never stored in these objects, so no later stage can leak them.
"""

import logging
import re
import xml.sax
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 500

WXR_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/$")
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
RSS_START = re.compile(rb"<rss\b[^>]*>")
# The root element is within the first bytes of any export.
HEAD_BYTES = 64 * 1024

# The only fields kept; everything else in an item, author or comment is dropped unread.
ITEM_FIELDS = {
    "title",
    "guid",
    "link",
    "pubDate",
    "creator",
    "encoded",
    "post_id",
    "post_date",
    "post_date_gmt",
    "post_name",
    "status",
    "post_parent",
    "post_type",
    "post_password",
    # Media: attachments' files and gallery order.
    "attachment_url",
    "menu_order",
}
# The only postmeta kept (for media); other postmeta may hold anything.
POSTMETA_KEYS = {
    "_wp_attached_file",
    "_wp_attachment_image_alt",
    "_wp_attachment_metadata",
    "_thumbnail_id",
}
# The old site's own addresses, read from <channel> (for media and links).
CHANNEL_ADDRESSES = {("", "link"), ("wp", "base_site_url"), ("wp", "base_blog_url")}
AUTHOR_FIELDS = {"author_login", "author_display_name", "author_first_name", "author_last_name"}
COMMENT_FIELDS = {
    "comment_id",
    "comment_author",
    "comment_author_url",
    "comment_date",
    "comment_date_gmt",
    "comment_content",
    "comment_approved",
    "comment_type",
    "comment_parent",
}


class WxrError(Exception):
    """The file is not a readable WordPress export; the message names file and line."""

    def __init__(self, path, line, problem):
        self.path = Path(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}, line {line}" if line else str(self.path)
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Author:
    login: str
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Comment:
    comment_id: str
    parent_id: str
    author: str
    author_url: str
    date_gmt: str
    date_local: str
    content: str
    approved: str
    comment_type: str
    line: int


@dataclass
class Item:
    line: int
    post_id: str = ""
    title: str = ""
    guid: str = ""  # <guid>, the id feed readers know the post by
    link: str = ""
    pub_date: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_name: str = ""
    status: str = ""
    post_parent: str = ""
    post_type: str = ""
    # Only whether a password is set: the password itself is never kept.
    has_password: bool = False
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # WordPress's own slug of each term ("nicename"), by (domain, name as in the export).
    nicenames: dict[tuple[str, str], str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    # For media: an attachment's file, a gallery's order.
    attachment_url: str = ""
    menu_order: str = ""
    meta: dict[str, str] = field(default_factory=dict)  # only POSTMETA_KEYS


@dataclass
class Export:
    path: Path
    wxr_version: str
    authors: dict[str, Author]
    items: list[Item]
    # The old site's addresses: channel <link>, wp:base_site_url, wp:base_blog_url.
    site_urls: list[str] = field(default_factory=list)
    # How the export was read when it was not quite well-formed, for the report.
    notes: list[str] = field(default_factory=list)

    def author(self, login):
        """The author with this login; WordPress logins are case-insensitive."""
        return self.authors.get(login.strip().lower())


class _WxrHandler(xml.sax.handler.ContentHandler):
    def __init__(self, path):
        super().__init__()
        self.path = path
        self.locator = None
        self.namespaces = set()
        self.stack = []  # local names of open elements
        self.text = None  # buffer of the field being read, or None when not wanted
        self.root_seen = False
        self.channel_seen = False
        self.wxr_version = ""
        self.authors = {}
        self.items = []
        self.item = None
        self.author = None
        self.comment = None
        self.category = None
        self.postmeta = None
        self.site_urls = []
        self.atom_declared_for_it = False
        self.atom_used_undeclared = False

    def setDocumentLocator(self, locator):  # noqa: N802 (SAX API name)
        self.locator = locator

    def _line(self):
        return self.locator.getLineNumber() if self.locator else 0

    def startPrefixMapping(self, prefix, uri):  # noqa: N802
        self.namespaces.add(uri)

    def _kind(self, uri):
        if uri and WXR_NAMESPACE.match(uri):
            return "wp"
        if uri and EXCERPT_NAMESPACE.match(uri):
            return "excerpt"
        return {CONTENT_NAMESPACE: "content", DC_NAMESPACE: "dc", None: ""}.get(uri, "other")

    def startElementNS(self, name, qname, attrs):  # noqa: N802
        uri, local = name
        kind = self._kind(uri)
        if uri == ATOM_NAMESPACE and self.atom_declared_for_it:
            self.atom_used_undeclared = True
        if not self.root_seen:
            self.root_seen = True
            if uri is not None or local != "rss":
                raise WxrError(
                    self.path,
                    self._line(),
                    "not a WordPress export (WXR): "
                    f"the root element is <{qname or local}>, not <rss>",
                )
            if not any(WXR_NAMESPACE.match(ns) for ns in self.namespaces):
                raise WxrError(
                    self.path,
                    self._line(),
                    "not a WordPress export (WXR): <rss> declares no wp: namespace "
                    "(http://wordpress.org/export/1.x/)",
                )
        parent = self.stack[-1] if self.stack else None
        self.stack.append((kind, local))
        self.text = None
        if (kind, local) == ("", "channel") and parent == ("", "rss"):
            self.channel_seen = True
        elif (kind, local) == ("", "item") and parent == ("", "channel"):
            self.item = Item(line=self._line())
        elif (kind, local) == ("wp", "author") and parent == ("", "channel"):
            self.author = {}
        elif (kind, local) == ("wp", "comment") and self.item is not None:
            self.comment = {"line": self._line()}
        elif self.comment is not None:
            # Only the comment's own fields; wp:commentmeta is skipped unread.
            if kind == "wp" and local in COMMENT_FIELDS and parent == ("wp", "comment"):
                self.text = []
        elif self.author is not None:
            if kind == "wp" and local in AUTHOR_FIELDS:
                self.text = []
        elif self.postmeta is not None and parent == ("wp", "postmeta"):
            if (kind, local) in {("wp", "meta_key"), ("wp", "meta_value")}:
                self.text = []
        elif self.item is not None and parent == ("", "item"):
            if (kind, local) == ("wp", "postmeta"):
                self.postmeta = {}
            elif (kind, local) == ("", "category"):
                self.category = (attrs.get((None, "domain"), ""), attrs.get((None, "nicename"), ""))
                self.text = []
            elif local in ITEM_FIELDS and kind in {"", "wp", "dc", "content", "excerpt"}:
                self.text = []
        elif (kind, local) == ("wp", "wxr_version") or (
            parent == ("", "channel") and (kind, local) in CHANNEL_ADDRESSES
        ):
            self.text = []

    def characters(self, content):
        if self.text is not None:
            self.text.append(content)

    def endElementNS(self, name, qname):  # noqa: N802
        kind, local = self.stack.pop()
        value = "".join(self.text) if self.text is not None else None
        self.text = None
        if (kind, local) == ("", "item") and self.item is not None:
            self.items.append(self.item)
            self.item = None
            if len(self.items) % PROGRESS_EVERY == 0:
                logger.info("wordpress: read %d items from %s", len(self.items), self.path)
        elif (kind, local) == ("wp", "author") and self.author is not None:
            login = self.author.get("author_login", "").strip()
            self.authors[login.lower()] = Author(
                login=login,
                display_name=self.author.get("author_display_name", ""),
                first_name=self.author.get("author_first_name", ""),
                last_name=self.author.get("author_last_name", ""),
            )
            self.author = None
        elif (kind, local) == ("wp", "comment") and self.comment is not None:
            fields = self.comment
            self.item.comments.append(
                Comment(
                    comment_id=fields.get("comment_id", "").strip(),
                    parent_id=fields.get("comment_parent", "").strip(),
                    author=fields.get("comment_author", ""),
                    author_url=fields.get("comment_author_url", "").strip(),
                    date_gmt=fields.get("comment_date_gmt", "").strip(),
                    date_local=fields.get("comment_date", "").strip(),
                    content=fields.get("comment_content", ""),
                    approved=fields.get("comment_approved", "").strip(),
                    comment_type=fields.get("comment_type", "").strip(),
                    line=fields["line"],
                )
            )
            self.comment = None
        elif (kind, local) == ("wp", "postmeta") and self.postmeta is not None:
            key = self.postmeta.get("meta_key", "").strip()
            if key in POSTMETA_KEYS:
                self.item.meta[key] = self.postmeta.get("meta_value", "").strip()
            self.postmeta = None
        elif value is None:
            return
        elif self.postmeta is not None:
            self.postmeta[local] = value
        elif self.comment is not None:
            self.comment[local] = value
        elif self.author is not None:
            self.author[local] = value
        elif (kind, local) == ("", "category") and self.item is not None:
            domain, nicename = self.category
            if domain == "category":
                self.item.categories.append(value)
            elif domain == "post_tag":
                self.item.tags.append(value)
            if domain in {"category", "post_tag"} and nicename.strip():
                self.item.nicenames[(domain, value)] = nicename.strip()
            self.category = None
        elif self.item is not None:
            self._set_item_field(kind, local, value)
        elif (kind, local) == ("wp", "wxr_version"):
            self.wxr_version = value.strip()
        elif (kind, local) in CHANNEL_ADDRESSES and value.strip():
            self.site_urls.append(value.strip())

    def _set_item_field(self, kind, local, value):
        item = self.item
        if (kind, local) == ("content", "encoded"):
            item.content = value
        elif (kind, local) == ("excerpt", "encoded"):
            item.excerpt = value
        elif (kind, local) == ("dc", "creator"):
            item.creator = value.strip()
        elif (kind, local) == ("", "title"):
            item.title = value
        elif (kind, local) == ("", "link"):
            item.link = value.strip()
        elif (kind, local) == ("", "guid"):
            item.guid = value.strip()
        elif (kind, local) == ("", "pubDate"):
            item.pub_date = value.strip()
        elif local == "post_password":
            item.has_password = bool(value.strip())
        elif kind == "wp" and local in ITEM_FIELDS:
            setattr(item, local, value.strip())


def _with_atom_declared(head):
    """`head` (the file's first bytes) with xmlns:atom added to <rss> when it is missing.

    WordPress.com's exports of 2011-2012 use <atom:link> without declaring the prefix, which
    no XML parser accepts; WordPress's own importer reads them (its fallback parsers ignore
    namespaces). Only this one prefix is supplied: any other unbound prefix stays an error.
    Nothing else changes, so every line number stays the file's own.
    """
    match = RSS_START.search(head)
    if match is None or b"xmlns:atom" in match[0]:
        return head, False
    end = match.end() - (2 if match[0].endswith(b"/>") else 1)
    declaration = f' xmlns:atom="{ATOM_NAMESPACE}"'.encode()
    return head[:end] + declaration + head[end:], True


class _HeadThenRest:
    """A byte stream of `head` (the file's first bytes, maybe changed), then the rest."""

    def __init__(self, head, stream):
        self.head, self.stream = head, stream

    def read(self, size=-1):
        if size == 0:
            return b""
        if self.head:
            data, self.head = self.head, b""
            return data
        return self.stream.read(size)

    def close(self):
        self.stream.close()


def read_wxr(path):
    """Parse the WXR file at `path` into an Export, or raise WxrError."""
    path = Path(path)
    handler = _WxrHandler(path)
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    # Never fetch external entities or DTDs named by the file.
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    parser.setContentHandler(handler)
    try:
        with path.open("rb") as stream:
            head, handler.atom_declared_for_it = _with_atom_declared(stream.read(HEAD_BYTES))
            parser.parse(_HeadThenRest(head, stream))
    except xml.sax.SAXParseException as error:
        raise WxrError(
            path,
            error.getLineNumber(),
            f"not well-formed XML (truncated or not XML at all): {error.getMessage()}",
        ) from None
    except OSError as error:
        raise WxrError(path, 0, f"cannot read the file: {error.strerror}") from None
    if not handler.root_seen:
        raise WxrError(path, 1, "empty file, not a WordPress export")
    if not handler.channel_seen:
        raise WxrError(path, 1, "not a WordPress export (WXR): <rss> has no <channel>")
    logger.info("wordpress: read %d items from %s", len(handler.items), path)
    notes = []
    if handler.atom_used_undeclared:
        notes.append("the export uses the atom: prefix without declaring it (as WordPress.com's "
                     "exports of 2011-2012 do); read with Atom's namespace")
    return Export(
        path=path,
        wxr_version=handler.wxr_version,
        authors=handler.authors,
        items=handler.items,
        site_urls=handler.site_urls,
        notes=notes,
    )
