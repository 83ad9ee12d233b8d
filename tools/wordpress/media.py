"""Bring the old site's media along: uploads files, featured images, galleries, links.

WordPress records where every file lives: an attachment's ``wp:attachment_url``
minus its ``_wp_attached_file`` (the path inside the uploads folder) is the
uploads folder's old address (``…/wp-content/uploads/``, a multisite's
``…/uploads/sites/2/``, ``name.files.wordpress.com/`` for a hosted blog). Any
address under it, resized copies (``name-300x200.jpg``) included, names a file
at the same path in a copy of that folder, or under its URL on the live site.

The files are copied byte for byte to ``content/media/<same path>`` (served by
``STATIC_PATHS``), downloads go through a cache so nothing is fetched twice,
and every reference is rewritten to a ``{static}`` or ``{filename}`` link.
Whatever cannot be supplied keeps its old address and is named in the report.
"""

import logging
import os
import posixpath
import re
import shutil
import sys
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.error import HTTPError, URLError
from urllib.parse import quote, unquote, urlsplit
from urllib.request import Request, urlopen

from . import embeds, gallery, links
from .convert import plain_text

logger = logging.getLogger(__name__)

MEDIA_FOLDER = "media"
DOWNLOAD_WORKERS = 4
LOG_EVERY = 25


class MediaSourceError(Exception):
    """The --media source cannot be used; nothing was imported."""


@dataclass(frozen=True)
class Attachment:
    post_id: str
    url: str  # wp:attachment_url
    file: str  # _wp_attached_file: the path inside the uploads folder, or ""
    alt: str = ""
    caption: str = ""
    title: str = ""
    parent: str = ""
    menu_order: str = ""
    link: str = ""  # the attachment's own page on the old site
    sizes: dict = field(default_factory=dict, hash=False)  # "medium" -> "name-300x200.jpg"

    def size_url(self, name):
        """The URL of WordPress's resized copy `name` ("medium"...), or of the original."""
        resized = self.sizes.get(name)
        return self.url.rsplit("/", 1)[0] + "/" + resized if resized and self.url else self.url

    @property
    def is_image(self):
        name = (self.file or urlsplit(self.url).path).lower()
        return name.endswith(gallery.IMAGE_SUFFIXES)


def uploads_relative(attached_file):
    """_wp_attached_file as a path inside the uploads folder.

    WordPress before 2.7 stored the server's absolute path instead.
    """
    path = attached_file.strip().replace("\\", "/")
    if path.startswith("/"):
        marker = "/wp-content/uploads/"
        path = path.split(marker, 1)[1] if marker in path else ""
    return path.strip("/")


def attachments_of(export):
    """{attachment id: Attachment} for every attachment in the export."""
    found = {}
    for item in export.items:
        if item.post_type != "attachment":
            continue
        found[item.post_id] = Attachment(
            post_id=item.post_id,
            url=item.attachment_url,
            file=uploads_relative(item.meta.get("_wp_attached_file", "")),
            alt=plain_text(item.meta.get("_wp_attachment_image_alt", "")),
            caption=item.excerpt.strip(),
            title=plain_text(item.title),
            parent=item.post_parent,
            menu_order=item.menu_order,
            link=item.link,
            sizes=resized_copies(item.meta.get("_wp_attachment_metadata", "")),
        )
    return found


# In _wp_attachment_metadata (PHP-serialized), each resized copy is
# s:6:"medium";a:4:{s:4:"file";s:16:"name-300x200.jpg";s:5:"width";i:300;...}.
RESIZED_COPY = re.compile(r's:\d+:"(?P<size>[\w-]+)";a:\d+:\{s:4:"file";s:\d+:"(?P<file>[^"/]+)";')


RESIZED_NAME = re.compile(r"^(?P<stem>.+)-\d+x\d+(?P<suffix>\.\w+)$")


def original_of(relative):
    """The original of a resized copy's path ("a/b-300x200.jpg" -> "a/b.jpg"), or None."""
    match = RESIZED_NAME.match(relative)
    return match["stem"] + match["suffix"] if match else None


def resized_copies(metadata):
    """{size name: file name} of the resized copies WordPress made of an image."""
    return {match["size"]: match["file"] for match in RESIZED_COPY.finditer(metadata)}


def _path_key(url):
    return "/" + unquote(urlsplit(url).path).strip("/")


UNSAFE_CHARACTERS = re.compile(r"[#?\\\x00-\x1f\x7f]")
YEAR_MONTH_FILE = re.compile(r"^(?P<base>.*/)(?P<file>\d{4}/\d{2}/[^/]+)$")


def uploads_bases(attachments):
    """The uploads folders' old addresses (url_keys), and the attachments' files completed.

    Exports from WordPress.com may lack _wp_attached_file: an attachment URL under
    a known uploads folder, or ending in WordPress's YYYY/MM/name layout, still
    says where the file is. Returns (bases, {url_key: file} outside every base,
    {attachment id: Attachment} with `file` filled in where it can be).
    """
    bases, outside = set(), {}
    for attachment in attachments.values():
        key = links.url_key(attachment.url) if attachment.url else ""
        if key and attachment.file and key.endswith("/" + attachment.file):
            bases.add(key[: -len(attachment.file)])
    completed = {}
    for number, attachment in attachments.items():
        key = links.url_key(attachment.url) if attachment.url else ""
        if key and not attachment.file:
            base = next((base for base in bases if key.startswith(base)), None)
            if base is not None:
                attachment = replace(attachment, file=key[len(base) :])
            elif match := YEAR_MONTH_FILE.match(key):
                bases.add(match["base"])
                attachment = replace(attachment, file=match["file"])
        elif key and not key.endswith("/" + attachment.file):
            outside[key] = attachment.file
        completed[number] = attachment
    return bases, outside, completed


def old_site_of(export, bases, outside, attachments, documents):
    """The OldSite: uploads folders and pages of the export.

    `bases`, `outside` and `attachments` are what uploads_bases() returned; `documents`
    is the import's [(item, kind, status, content file)]; posts and pages that were
    not imported or are drafts are known but not linkable.
    """
    if not bases:
        # No attachment says where the uploads folder was: WordPress's default.
        bases = {
            links.url_key(url).rstrip("/") + "/wp-content/uploads/" for url in export.site_urls
        }
    published = {id(item): file for item, _kind, status, file in documents if status == "publish"}
    pages = {}
    for item in export.items:
        if item.post_type not in {"post", "page"}:
            continue
        file = published.get(id(item))
        pages.setdefault(("id", item.post_id), file)
        if item.link and not urlsplit(item.link).query:
            pages.setdefault(("path", _path_key(item.link)), file)
    attachment_pages = {}
    for attachment in attachments.values():
        attachment_pages[("id", attachment.post_id)] = attachment.file
        if attachment.link and not urlsplit(attachment.link).query:
            attachment_pages.setdefault(("path", _path_key(attachment.link)), attachment.file)
    site_urls = list(export.site_urls) + [
        item.link for item in export.items if item.link.startswith("http")
    ]
    return links.OldSite(site_urls, bases, outside, pages, attachment_pages)


def safe_relative(relative):
    """True when `relative` stays inside the folder it is looked up in and can be linked.

    WordPress's own file names never hold "#", "?", backslashes or control
    characters; a path with them, or climbing out with "..", is not read.
    """
    path = PurePosixPath(relative)
    return (
        bool(relative)
        and not path.is_absolute()
        and ".." not in path.parts
        and not UNSAFE_CHARACTERS.search(relative)
    )


class FolderSource:
    """A copy of the old site's uploads folder."""

    def __init__(self, folder):
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise MediaSourceError(f"--media {folder}: no such folder")
        self.downloaded = self.from_cache = 0

    def provide(self, relatives):
        """{relative path: Path of the file, or the reason it is missing}."""
        found = {}
        for relative in relatives:
            path = self.folder / relative
            found[relative] = path if path.is_file() else f"not in {self.folder}"
        return found


class HttpSource:
    """The uploads folder on the live old site, downloaded through a cache."""

    def __init__(self, url, cache_dir, timeout=30.0, console=None):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise MediaSourceError(f"--media {url}: not an http(s) URL")
        self.url = url.rstrip("/") + "/"
        self.cache = Path(cache_dir) / parts.netloc.replace(":", "_") / parts.path.strip("/")
        self.timeout = timeout
        self.console = console
        self.downloaded = self.from_cache = 0

    def provide(self, relatives):
        """Download what the cache lacks; {relative: cached Path, or why it is missing}."""
        found, wanted = {}, []
        for relative in sorted(relatives):
            cached = self.cache / relative
            if cached.is_file():
                found[relative] = cached
                self.from_cache += 1
            else:
                wanted.append(relative)
        if wanted:
            logger.info("wordpress: downloading %d media files from %s", len(wanted), self.url)
            with (
                _Progress(len(wanted), self.console) as progress,
                ThreadPoolExecutor(DOWNLOAD_WORKERS) as pool,
            ):
                for relative, result in zip(wanted, pool.map(self._fetch, wanted), strict=True):
                    found[relative] = result
                    progress.advance(relative, result)
            self.downloaded += sum(isinstance(found[relative], Path) for relative in wanted)
        return found

    def _fetch(self, relative):
        target = self.cache / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed when complete: an interrupted
        # download never looks like a cached file.
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        url = self.url + quote(relative, safe="/")
        request = Request(url, headers={"User-Agent": "spm-blog-wordpress-import"})
        try:
            with urlopen(request, timeout=self.timeout) as response, partial.open("wb") as out:
                shutil.copyfileobj(response, out)
                expected = response.headers.get("Content-Length")
            if expected and expected.isdigit() and partial.stat().st_size != int(expected):
                return f"incomplete download from {url}"
            os.replace(partial, target)
            return target
        except HTTPError as error:
            return f"HTTP {error.code} {error.reason} from {url}"
        except TimeoutError:
            return f"timed out after {self.timeout:g} s: {url}"
        except URLError as error:
            if isinstance(error.reason, TimeoutError):
                return f"timed out after {self.timeout:g} s: {url}"
            return f"{error.reason} ({url})"
        except OSError as error:
            return f"{error} ({url})"
        finally:
            partial.unlink(missing_ok=True)


class _Progress:
    """A progress bar on a terminal; otherwise a log line every LOG_EVERY files."""

    def __init__(self, total, console):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.total, self.done = total, 0
        self.console = console or Console(file=sys.stderr)
        self.bar = None
        if self.console.is_terminal:
            self.bar = Progress(
                TextColumn("downloading media"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.description}"), console=self.console,
            )  # fmt: skip
            self.task = self.bar.add_task("", total=total)

    def __enter__(self):
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *_exc):
        if self.bar:
            self.bar.stop()

    def advance(self, relative, result):
        self.done += 1
        if not isinstance(result, Path):
            logger.warning("wordpress: media %s not downloaded: %s", relative, result)
        if self.bar:
            self.bar.update(self.task, advance=1, description=relative)
        elif self.done % LOG_EVERY == 0 or self.done == self.total:
            logger.info("wordpress: downloaded %d of %d media files", self.done, self.total)


def open_source(spec, cache_dir, timeout=30.0, console=None):
    """The media source named by --media: a folder, or an http(s) URL."""
    if spec is None:
        return None
    if str(spec).startswith(("http://", "https://")):
        return HttpSource(str(spec), cache_dir, timeout, console)
    return FolderSource(spec)


@dataclass
class MediaReport:
    """What became of the media and the old site's links."""

    source: str = ""
    files: int = 0
    downloaded: int = 0
    from_cache: int = 0
    media_rewritten: int = 0
    srcset_rewritten: int = 0  # srcset candidates pointed at the copied files
    srcset_dropped: dict = field(default_factory=dict)  # old URL -> (reason, set of files)
    originals_for_resized: set = field(default_factory=set)  # resized copies not in the source
    links_rewritten: int = 0
    featured_images: int = 0
    galleries: int = 0
    missing: dict = field(default_factory=dict)  # old URL -> (reason, set of files)
    unresolved: dict = field(default_factory=dict)  # old URL -> (reason, set of files)
    problems: list = field(default_factory=list)  # (content file, text)

    def note(self, table, url, reason, file):
        """Record an old address in `file`: table is "missing" or "unresolved" (kept), or
        "srcset_dropped" (a srcset candidate removed)."""
        getattr(self, table).setdefault(url, (reason, set()))[1].add(file)

    def lines(self):
        lines = [
            f"  media: {self.files} files brought along from {self.source or '(no --media)'}"
            f" (downloaded now: {self.downloaded}, from the download cache: {self.from_cache});"
            f" references rewritten: {self.media_rewritten}, missing: {len(self.missing)}",
            f"  internal links rewritten: {self.links_rewritten},"
            f" unresolved: {len(self.unresolved)}",
            f"  featured images: {self.featured_images}, galleries: {self.galleries}",
        ]
        if self.srcset_rewritten or self.srcset_dropped:
            lines.append(
                f"  srcset candidates rewritten: {self.srcset_rewritten}, dropped (their file "
                f"could not be had, the other sizes are kept): {len(self.srcset_dropped)}"
            )
        if self.originals_for_resized:
            lines.append(
                f"  resized copies not in the source, their originals shown instead "
                f"({len(self.originals_for_resized)}): "
                + ", ".join(sorted(self.originals_for_resized))
            )
        for url, (reason, files) in sorted(self.missing.items()):
            lines.append(
                f"  missing media {url} ({reason}), old address kept: {', '.join(sorted(files))}"
            )
        for url, (reason, files) in sorted(self.srcset_dropped.items()):
            lines.append(f"  srcset candidate dropped {url} ({reason}): {', '.join(sorted(files))}")
        for url, (reason, files) in sorted(self.unresolved.items()):
            lines.append(f"  unresolved old link {url} ({reason}): {', '.join(sorted(files))}")
        for file, text in self.problems:
            lines.append(f"  {file}: {text}")
        return lines


def add_metadata(text, pairs):
    """A Markdown document with `Key: value` lines added at the end of its header."""
    extra = "".join(f"{key}: {value}\n" for key, value in pairs if value)
    header, separator, body = text.partition("\n\n")
    return header + "\n" + extra.rstrip("\n") + separator + body if extra else text


def bring_media_along(export, documents, files, source):
    """Rewrite the imported `files` in place and add the media files to them.

    `documents` is [(item, kind, status, content file)] for every imported post
    and page; `source` a FolderSource, an HttpSource or None. Returns a MediaReport.
    """
    report = MediaReport(source=str(getattr(source, "url", getattr(source, "folder", ""))))
    bases, outside, attachments = uploads_bases(attachments_of(export))
    children = defaultdict(list)
    for attachment in attachments.values():
        children[attachment.parent].append(attachment)
    old_site = old_site_of(export, bases, outside, attachments, documents)

    featured = {}
    for item, _kind, _status, file in documents:
        body_problems = []
        text = embeds.expand_players(files[file], body_problems)
        text = gallery.expand_galleries(text, item.post_id, attachments, children, body_problems)
        report.galleries += files[file].count("[gallery") - text.count("[gallery")
        files[file] = text
        report.problems += [(file, problem) for problem in body_problems]
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        if thumbnail and thumbnail != "0":
            attachment = attachments.get(thumbnail)
            if attachment is None or not (attachment.file or attachment.url):
                report.problems.append((file, f"featured image {thumbnail} is not in the export"))
            else:
                featured[file] = attachment

    # First pass: which uploads files are referenced at all.
    wanted = set()

    def collect(_tag, _attribute, value):
        url = old_site.absolute(value)
        target = old_site.resolve(url) if url else None
        if target and target.kind == "media" and safe_relative(target.file):
            wanted.add(target.file)
        return value

    for _item, _kind, _status, file in documents:
        links.rewrite_attributes(files[file], collect, partial(collect, None, "srcset"))
    for attachment in featured.values():
        if attachment.file and safe_relative(attachment.file):
            wanted.add(attachment.file)
    provided = source.provide(wanted) if source else {}
    # A resized copy the source lacks is shown as its original, if that can be had.
    originals = {
        relative: original
        for relative in wanted
        if not isinstance(provided.get(relative), Path) and (original := original_of(relative))
    }
    if source and set(originals.values()) - set(provided):
        provided.update(source.provide(set(originals.values()) - set(provided)))
    available = {relative for relative, result in provided.items() if isinstance(result, Path)}
    substitutes = {
        relative: original for relative, original in originals.items() if original in available
    }
    if source:
        report.downloaded, report.from_cache = source.downloaded, source.from_cache

    def reason_missing(relative):
        if not relative:
            return "the export does not say where it is in the uploads folder"
        if not safe_relative(relative):
            return "not a safe file name"
        return provided.get(relative, "no --media source given")

    for _item, _kind, _status, file in documents:
        files[file] = _rewrite_document(
            files[file], file, old_site, (available, substitutes), reason_missing, report
        )
        attachment = featured.get(file)
        if attachment is not None:
            if attachment.file in available:
                image = links.static_link(attachment.file)
            else:
                image = attachment.url
                report.note("missing", attachment.url, reason_missing(attachment.file), file)
            files[file] = add_metadata(
                files[file], [("Image", image), ("Image_alt", attachment.alt)]
            )
            report.featured_images += 1

    for relative in sorted(available):
        files[posixpath.join(MEDIA_FOLDER, relative)] = provided[relative]
    report.files = len(available)
    return report


def _rewrite_document(text, file, old_site, supply, reason_missing, report):
    available, substitutes = supply
    counts = Counter()

    def rewrite(_tag, _attribute, value):
        url = old_site.absolute(value)
        if url is None:
            return None
        target = old_site.resolve(url)
        if target.kind == "media":
            if target.file in available:
                counts["media"] += 1
                return links.new_address(target)
            if target.file in substitutes:
                counts["media"] += 1
                report.originals_for_resized.add(target.file)
                return links.new_address(replace(target, file=substitutes[target.file]))
            report.note("missing", url, reason_missing(target.file), file)
        elif target.kind == "missing":
            report.note("missing", url, target.reason, file)
        elif target.kind == "document":
            counts["links"] += 1
            return links.new_address(target)
        else:
            report.note("unresolved", url, target.reason, file)
        # Kept, but made absolute: a root-relative address would point into the new site.
        return url if url != value else None

    def rewrite_candidate(value):
        """A srcset candidate names one size of an image: the file itself or nothing (a
        substitute of another size would carry the wrong width descriptor)."""
        url = old_site.absolute(value)
        if url is None:
            return value
        target = old_site.resolve(url)
        if target.kind == "media" and target.file in available:
            counts["srcset"] += 1
            return links.new_address(target)
        reason = (reason_missing(target.file) if target.kind == "media"
                  else target.reason or "not a file in the uploads folder")
        report.note("srcset_dropped", url, reason, file)
        return None

    text = links.rewrite_attributes(text, rewrite, rewrite_candidate)
    report.media_rewritten += counts["media"]
    report.links_rewritten += counts["links"]
    report.srcset_rewritten += counts["srcset"]
    return text
