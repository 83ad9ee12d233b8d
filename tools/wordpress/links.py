"""Find the old site's addresses in imported HTML and point them into the new site.

Every URL-valued attribute of the tags that can name a file or a page (``a``,
``img``, ``audio``, ``video``, ``source``, ...) is looked up: a file in the old
uploads folder becomes a Pelican ``{static}`` link, an old post or page (by
permalink, ``?p=ID`` or ``?page_id=ID``) a ``{filename}`` link, an attachment's
own page the attachment's file. The attribute is rewritten in place with the
same regular-expression approach Pelican uses for its own ``{static}`` links,
so the rest of the body stays byte for byte what the converter wrote.
"""

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, unquote, urljoin, urlsplit

from srcset.srcset import candidate_urls

TAG = re.compile(r"<(a|img|audio|video|source|track|embed|iframe|object|link)\b[^>]*>", re.I)
# WordPress marks an image it inserted with its attachment's id: class="wp-image-761".
ATTACHMENT_CLASS = re.compile(r"""\bclass\s*=\s*["'][^"']*\bwp-image-(\d+)\b""", re.I)
ATTRIBUTE = re.compile(
    r"""(?P<lead>\s)(?P<name>href|src|srcset|sizes|poster|data)(?P<eq>\s*=\s*)"""
    r"""(?P<value>"[^"]*"|'[^']*'|[^\s"'>]+)""",
    re.I,
)
# WordPress's uploads folder under the site's address (the default, and the older addresses).
UPLOADS_FOLDER = "wp-content/uploads/"
# A path ending like this is a page, not a file, when it lies outside the uploads folder.
PAGE_SUFFIXES = {"", ".html", ".htm", ".php", ".asp", ".aspx"}


def host_key(host):
    """A host as the old site used it: case and a leading www. do not matter."""
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def url_key(url):
    """A URL without scheme, www. and query: how the uploads map matches files."""
    parts = urlsplit(url)
    return host_key(parts.hostname) + unquote(parts.path)


def path_key(url):
    """A URL's path as an old page is known by: decoded, one leading "/", no trailing one."""
    return "/" + unquote(urlsplit(url).path).strip("/")


@dataclass(frozen=True)
class Target:
    """Where an old address points now.

    `kind` is "media" (`file` is a path in the uploads folder), "document"
    (`file` is a content file such as posts/2011/slug.md, or "" for the home
    page), "missing" (a file that cannot be had) or "unresolved" (a page the
    export does not have); `reason` says why.
    """

    kind: str
    file: str = ""
    reason: str = ""
    fragment: str = ""


class OldSite:
    """The old site's addresses, as the export records them."""

    def __init__(self, site_urls, uploads_bases, attachment_files, documents, attachment_pages):
        """
        site_urls: the site's own addresses (channel link, base_site_url, ...);
        uploads_bases: url_key prefixes of uploads folders ("host/wp-content/uploads/");
        attachment_files: {url_key of an attachment URL outside every base: its file};
        documents: {("path", path_key) | ("id", post id): content file, or None
            when it is not published};
        attachment_pages: {("path", path_key) | ("id", post id): its file or ""}.
        """
        self.site_url = next((url for url in site_urls if url.startswith("http")), "")
        self.hosts = {host_key(urlsplit(url).hostname) for url in site_urls if url}
        self.hosts.discard("")
        self.uploads_bases = sorted(set(uploads_bases), key=len, reverse=True)
        self.hosts.update(base.split("/", 1)[0] for base in self.uploads_bases)
        self.attachment_files = attachment_files
        self.documents = documents
        self.attachment_pages = attachment_pages

    def absolute(self, value):
        """`value` as an absolute URL when it is one of the old site's; else None."""
        value = value.strip()
        if value.startswith("//") or (value.startswith("/") and self.site_url):
            value = urljoin(self.site_url or "http:", value)
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or host_key(parts.hostname) not in self.hosts:
            return None
        return value

    def resolve(self, url):
        """The Target of an absolute old-site URL."""
        parts = urlsplit(url)
        key = url_key(url)
        fragment = parts.fragment
        for base in self.uploads_bases:
            if key.startswith(base) and len(key) > len(base):
                return Target("media", key[len(base) :], fragment=fragment)
        if key in self.attachment_files:
            return Target("media", self.attachment_files[key], fragment=fragment)
        moved = self._under_older_address(key)
        if moved:
            return Target("media", moved, fragment=fragment)
        query = parse_qs(parts.query)
        path = path_key(url)
        page = self._page(query, path)
        if page is not None:
            kind, value = page
            if kind == "attachment":
                if value:
                    return Target("media", value, fragment=fragment)
                return Target("unresolved", reason="attachment page without a file")
            if value is None:
                return Target("unresolved", reason="not published (draft or skipped)")
            return Target("document", value, fragment=fragment)
        if posixpath.splitext(path)[1].lower() not in PAGE_SUFFIXES:
            return Target("missing", reason="a file outside the uploads folder")
        if path == "/" and not parts.query:
            return Target("document", "", fragment=fragment)
        return Target("unresolved", reason="matches no post or page in the export")

    def _under_older_address(self, key):
        """The file of a URL under an older address of an uploads folder, or "".

        A blog that moved (``/mike/blog/`` to ``/``, or to another of its hosts) kept its
        uploads folder: ``…/mike/blog/wp-content/uploads/2009/01/a.gif`` is the file
        ``2009/01/a.gif`` of the folder now at ``/wp-content/uploads/``.
        """
        if key.split("/", 1)[0] not in self.hosts:
            return ""
        for base in self.uploads_bases:
            marker = base.find("/" + UPLOADS_FOLDER)
            if marker < 0:
                continue
            tail = base[marker:]  # "/wp-content/uploads/" or ".../uploads/sites/2/"
            if tail in key and not key.endswith(tail):
                return key.split(tail, 1)[1]
        return ""

    def _page(self, query, path):
        """("document", file or None) or ("attachment", file or "") or None."""
        # WordPress numbers posts, pages and attachments in one sequence.
        for name in ("attachment_id", "p", "page_id"):
            if name not in query:
                continue
            number = query[name][0].strip()
            found = [
                ("document", self.documents.get(("id", number), False)),
                ("attachment", self.attachment_pages.get(("id", number), False)),
            ]
            if name == "attachment_id":
                found.reverse()
            return next(((kind, file) for kind, file in found if file is not False), None)
        if ("path", path) in self.documents:
            return "document", self.documents[("path", path)]
        if ("path", path) in self.attachment_pages:
            return "attachment", self.attachment_pages[("path", path)]
        return None


def static_link(relative_file):
    """The {static} link to an uploads file copied to media/.

    Only spaces are encoded: Pelican finds the files a page links to (to copy
    them) by the path as written, decoding nothing but %20.
    """
    return "{static}/media/" + relative_file.replace(" ", "%20")


def new_address(target):
    """The Pelican link for a resolved Target."""
    if target.kind == "media":
        link = static_link(target.file)
    elif target.file:
        link = "{filename}/" + quote(target.file, safe="/")
    else:
        link = "{index}"
    return link + (f"#{target.fragment}" if target.fragment else "")


def rewrite_attributes(text, replace, replace_candidate):
    """Rewrite every URL in a linking attribute of `text`.

    `replace(tag, attribute, url, attachment_id)` returns the new URL, or None to keep the
    attribute as it is; `attachment_id` is the id of WordPress's ``wp-image-N`` class on
    the tag, or "". Each candidate of a srcset goes to
    `replace_candidate(url)`, which returns the URL to keep (rewritten or not)
    or None to drop that candidate; a srcset left with no candidate goes, with
    its sizes, and the src (the size WordPress chose for the page) remains.
    plugins/srcset resolves the {static} links this leaves in srcset.
    """

    def one_tag(tag_match):
        tag_name = tag_match[1].lower()
        marked = ATTACHMENT_CLASS.search(tag_match[0])
        attachment_id = marked[1] if marked else ""
        srcset = next((m for m in ATTRIBUTE.finditer(tag_match[0])
                       if m["name"].lower() == "srcset"), None)
        old_srcset = unquoted(srcset["value"]) if srcset else ""
        new_srcset = rewrite_srcset(old_srcset, replace_candidate) if srcset else ""

        def one_attribute(match):
            name = match["name"].lower()
            if name == "srcset" and new_srcset == old_srcset:
                return match[0]
            if name == "srcset":
                return (f'{match["lead"]}{match["name"]}{match["eq"]}"{html.escape(new_srcset)}"'
                        if new_srcset else "")
            if name == "sizes":
                return match[0] if new_srcset or not srcset else ""
            value = unquoted(match["value"])
            new = replace(tag_name, name, value, attachment_id)
            if new is None:
                return match[0]
            return f'{match["lead"]}{match["name"]}{match["eq"]}"{html.escape(new)}"'

        return ATTRIBUTE.sub(one_attribute, tag_match[0])

    return TAG.sub(one_tag, text)


def unquoted(raw):
    return html.unescape(raw[1:-1] if raw[0] in "\"'" else raw)


def rewrite_srcset(value, replace_candidate):
    """A srcset with each candidate's URL replaced, descriptors kept; "" if none is left.
    Split as the srcset plugin splits it (the HTML spec's way: a URL may hold commas)."""
    spans = list(candidate_urls(value))
    # A candidate's descriptors run to where the next candidate's URL starts.
    followings = [start for start, _ in spans[1:]] + [len(value)] if spans else []
    kept = []
    for (start, end), following in zip(spans, followings, strict=True):
        url = replace_candidate(value[start:end])
        if url is not None:
            descriptors = value[end:following].strip().rstrip(",").split()
            kept.append(" ".join([url, *descriptors]))
    return ", ".join(kept)

