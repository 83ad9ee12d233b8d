"""Read a WordPress export (WXR) with ElementTree's iterparse, for the audit only.

Deliberately separate from tools/wordpress: the audit must work the facts out a
second way. Commenters' e-mail addresses, IP addresses and browser strings are
read too, because the privacy check needs them, and are kept only in
``Export.private`` (value -> kind), which nothing prints.
"""

import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

PROGRESS_EVERY = 1000
WXR_NAMESPACE = re.compile(r"^\{https?://wordpress\.org/export/1\.\d+/\}")
EXCERPT_NAMESPACE = re.compile(r"^\{https?://wordpress\.org/export/1\.\d+/excerpt/\}")
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
RESPONSE_TYPES = {"": "comment", "comment": "comment", "pingback": "pingback",
                  "trackback": "trackback"}
# Akismet keeps what the commenter's browser sent as a PHP-serialised array:
# s:10:"user_agent";s:42:"Mozilla/5.0 ...";
SERIALISED_FIELD = re.compile(r's:\d+:"(comment_author_email|user_ip|user_agent|REMOTE_ADDR|'
                              r'HTTP_USER_AGENT|HTTP_X_FORWARDED_FOR)";s:(\d+):"')
PRIVATE_KINDS = {
    "comment_author_email": "a commenter's e-mail address",
    "author_email": "an author's e-mail address",
    "comment_author_IP": "a commenter's IP address",
    "user_ip": "a commenter's IP address",
    "REMOTE_ADDR": "a commenter's IP address",
    "HTTP_X_FORWARDED_FOR": "a commenter's IP address",
    "comment_agent": "a commenter's browser string",
    "user_agent": "a commenter's browser string",
    "HTTP_USER_AGENT": "a commenter's browser string",
}


class ExportError(Exception):
    """The export cannot be read; the message names the file and line."""


@dataclass
class Comment:
    comment_id: str
    parent_id: str
    approved: str
    kind: str  # comment, pingback, trackback, or WordPress's own type name
    author: str
    author_url: str
    content: str

    @property
    def is_response(self):
        """Approved and of a type that WordPress shows in a thread."""
        return self.approved == "1" and self.kind in RESPONSE_TYPES.values()


@dataclass
class Item:
    number: int  # position in the export: post ids are not always unique
    post_id: str
    post_type: str
    status: str
    has_password: bool
    title: str
    link: str
    guid: str
    content: str
    excerpt: str
    post_name: str
    post_date: str
    attachment_url: str = ""
    attached_file: str = ""  # _wp_attached_file: the path inside the uploads folder
    comments: list[Comment] = field(default_factory=list)
    terms: list[tuple[str, str]] = field(default_factory=list)  # (category|post_tag, nicename)
    due: bool = False  # scheduled ("future") for a moment that has come

    @property
    def is_published(self):
        """A post or page the public can read: published on the old site, or a post it had
        scheduled for a moment that has come (the site publishes it on its date, and a
        WordPress that missed the schedule left it scheduled). A scheduled page is not: the
        site holds back posts only, so the import makes it a draft."""
        if self.post_type not in {"post", "page"} or self.has_password:
            return False
        return self.status == "publish" or (self.status == "future" and self.due
                                            and self.post_type == "post")

    @property
    def is_hidden(self):
        """A post or page the public could not read: it must appear nowhere."""
        return self.post_type in {"post", "page"} and not self.is_published

    @property
    def why_hidden(self):
        if self.has_password and self.status == "publish":
            return "password-protected"
        return {"future": "scheduled", "pending": "pending review"}.get(self.status, self.status)


@dataclass
class Export:
    path: Path
    items: list[Item]
    old_hosts: set[str]
    private: dict[str, str]  # value -> kind of data; never printed
    notes: list[str] = field(default_factory=list)  # how the export was read, if unusually

    @property
    def published(self):
        return [item for item in self.items if item.is_published]

    @property
    def attachments(self):
        return [item for item in self.items
                if item.post_type == "attachment" and item.attachment_url]


def host_of(url):
    """A URL's host, lower case, without "www." (the same site either way)."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.")


def _local(tag):
    """("wp" | "" | "content" | "excerpt" | "other", local name) of a namespaced tag."""
    if WXR_NAMESPACE.match(tag):
        return "wp", WXR_NAMESPACE.sub("", tag)
    if EXCERPT_NAMESPACE.match(tag):
        return "excerpt", EXCERPT_NAMESPACE.sub("", tag)
    if tag == CONTENT_ENCODED:
        return "content", "encoded"
    if tag.startswith("{"):
        return "other", tag.split("}", 1)[1]
    return "", tag


def _serialised_values(text):
    """(field, value) pairs of the interesting fields of a PHP-serialised array."""
    encoded = text.encode("utf-8")
    for match in SERIALISED_FIELD.finditer(text):
        # s:N: counts bytes, not characters.
        start = len(text[: match.end()].encode("utf-8"))
        length = int(match[2])
        yield match[1], encoded[start : start + length].decode("utf-8", "replace")


def _add_private(private, kind_key, value):
    value = value.strip()
    if not value:
        return
    if kind_key in {"comment_author_email", "author_email"}:
        value = value.lower()
    if "@" not in value and kind_key in {"comment_author_email", "author_email"}:
        return
    # A forwarded-for header lists every proxy's address: each one is personal data.
    kind = PRIVATE_KINDS[kind_key]
    for part in value.split(",") if "IP address" in kind else [value]:
        if part.strip():
            private.setdefault(part.strip(), kind)


def _comment(element, private):
    fields = {}
    for child in element:
        kind, name = _local(child.tag)
        if kind != "wp":
            continue
        if name == "commentmeta":
            key = child.findtext("./*[1]") or ""
            value = "".join(child[1].itertext()) if len(child) > 1 else ""
            if key == "akismet_as_submitted":
                for field_name, field_value in _serialised_values(value):
                    _add_private(private, field_name, field_value)
            continue
        fields[name] = "".join(child.itertext())
    for name in ("comment_author_email", "comment_author_IP", "comment_agent"):
        _add_private(private, name, fields.get(name, ""))
    comment_type = fields.get("comment_type", "").strip()
    return Comment(
        comment_id=fields.get("comment_id", "").strip(),
        parent_id=fields.get("comment_parent", "").strip().lstrip("0") or "",
        approved=fields.get("comment_approved", "").strip(),
        kind=RESPONSE_TYPES.get(comment_type, comment_type),
        author=fields.get("comment_author", ""),
        author_url=fields.get("comment_author_url", "").strip(),
        content=fields.get("comment_content", ""),
    )


def _has_come(date_gmt, date_local):
    """True when WordPress's date (GMT; else the local one, read as GMT) is not later than now."""
    for text in (date_gmt, date_local):
        try:
            moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError:  # "0000-00-00 00:00:00" (never set), or none
            continue
        return moment <= datetime.now(UTC)
    return False


def _item(element, number, private):
    fields = {"": {}, "wp": {}}
    comments, meta, terms = [], {}, []
    for child in element:
        kind, name = _local(child.tag)
        if kind == "wp" and name == "comment":
            comments.append(_comment(child, private))
        elif kind == "" and name == "category" and child.get("nicename"):
            terms.append((child.get("domain", "category"), child.get("nicename").strip()))
        elif kind == "wp" and name == "postmeta":
            key = "".join(child[0].itertext()).strip() if len(child) else ""
            meta[key] = "".join(child[1].itertext()) if len(child) > 1 else ""
        elif kind in fields:
            fields[kind][name] = "".join(child.itertext())
        elif kind == "content":
            fields[""]["content"] = "".join(child.itertext())
        elif kind == "excerpt":
            fields[""]["excerpt"] = "".join(child.itertext())
    plain, wp = fields[""], fields["wp"]
    return Item(
        number=number,
        post_id=wp.get("post_id", "").strip(),
        post_type=wp.get("post_type", "post").strip() or "post",
        status=wp.get("status", "").strip(),
        has_password=bool(wp.get("post_password", "").strip()),
        title=plain.get("title", ""),
        link=plain.get("link", "").strip(),
        guid=plain.get("guid", "").strip(),
        content=plain.get("content", ""),
        excerpt=plain.get("excerpt", ""),
        post_name=wp.get("post_name", "").strip(),
        post_date=(wp.get("post_date", "") or wp.get("post_date_gmt", "")).strip(),
        attachment_url=wp.get("attachment_url", "").strip(),
        attached_file=meta.get("_wp_attached_file", "").strip(),
        comments=comments,
        terms=terms,
        due=wp.get("status", "").strip() == "future" and _has_come(
            wp.get("post_date_gmt", ""), wp.get("post_date", "")),
    )


def _with_atom_declared(path):
    """The export with the Atom namespace declared on <rss>, or None if it uses no atom:.

    WordPress.com's exports of 2011-2012 write <atom:link> without declaring atom:, which
    makes them not well-formed; WordPress's own importer falls back to a lenient parser.
    Only this one prefix is supplied: any other unbound prefix stays an error."""
    data = path.read_bytes()
    if b"<atom:" not in data or b"xmlns:atom=" in data:
        return None
    start = data.find(b"<rss")
    if start == -1:
        return None
    end = start + len(b"<rss")
    return io.BytesIO(data[:end] + b' xmlns:atom="http://www.w3.org/2005/Atom"' + data[end:])


def read_export(path, progress=None):
    """Read the WXR file at `path`; raise ExportError naming the file and line."""
    path = Path(path)
    try:
        return _read(path, path, progress)
    except ExportError as error:
        if "unbound prefix" not in str(error) or (source := _with_atom_declared(path)) is None:
            raise
    export = _read(path, source, progress)
    # In the import report's words (tools/wordpress/wxr.py): one quirk, one sentence.
    export.notes.append("the export uses the atom: prefix without declaring it (as "
                        "WordPress.com's exports of 2011-2012 do); read with Atom's namespace")
    return export


def _read(path, source, progress):
    items, hosts, private = [], set(), {}
    depth = 0
    saw_wxr = False
    try:
        for event, element in ElementTree.iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                saw_wxr = saw_wxr or bool(WXR_NAMESPACE.match(element.tag))
                continue
            depth -= 1
            kind, name = _local(element.tag)
            if kind == "" and name == "item":
                item = _item(element, len(items) + 1, private)
                items.append(item)
                for url in (item.link, item.attachment_url):
                    if url.startswith("http"):
                        hosts.add(host_of(url))
                element.clear()
                if progress and len(items) % PROGRESS_EVERY == 0:
                    progress(f"read {len(items)} items from the export")
            elif kind == "wp" and name in {"base_site_url", "base_blog_url"}:
                hosts.add(host_of(element.text or ""))
            elif kind == "wp" and name == "author":
                _add_private(private, "author_email", element.findtext(
                    "./{*}author_email") or "")
                element.clear()
            elif kind == "" and name == "link" and depth == 2:
                hosts.add(host_of(element.text or ""))
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else "?"
        raise ExportError(f"{path}, line {line}: not well-formed XML: {error}") from None
    except OSError as error:
        raise ExportError(f"{path}: cannot read the export: {error.strerror}") from None
    if not saw_wxr:
        raise ExportError(f"{path}: not a WordPress export (no wp: elements)")
    hosts.discard("")
    return Export(path=path, items=items, old_hosts=hosts, private=private)
