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

import hashlib
import html
import logging
import os
import posixpath
import re
import sys
import threading
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from content_checks.content_checks import HTML_IMAGE_WITHOUT_ALT

from . import download, embeds, filetypes, gallery, links
from .convert import block_attachment_ids, fit_name, one_line_url, plain_text
from .writer import name_max

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
        return filetypes.is_picture(self.file or urlsplit(self.url).path)


def uploads_relative(attached_file):
    """_wp_attached_file as a path inside the uploads folder.

    WordPress before 2.7 stored the server's absolute path instead.
    """
    path = attached_file.strip().replace("\\", "/")
    if path.startswith("/"):
        marker = "/" + links.UPLOADS_FOLDER
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
            links.url_key(url).rstrip("/") + "/" + links.UPLOADS_FOLDER for url in export.site_urls
        }
    published = {id(item): file for item, _kind, status, file in documents if status == "publish"}
    pages = {}
    for item in export.items:
        if item.post_type not in {"post", "page"}:
            continue
        file = published.get(id(item))
        pages.setdefault(("id", item.post_id), file)
        if item.link and not urlsplit(item.link).query:
            pages.setdefault(("path", links.path_key(item.link)), file)
    attachment_pages = {}
    for attachment in attachments.values():
        attachment_pages[("id", attachment.post_id)] = attachment.file
        if attachment.link and not urlsplit(attachment.link).query:
            attachment_pages.setdefault(("path", links.path_key(attachment.link)), attachment.file)
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


def _symlink_on_the_way(root, relative):
    """The first symlink among `root`/`relative`'s parts below `root`, or None."""
    path = Path(root)
    for part in PurePosixPath(relative).parts:
        path = path / part
        if path.is_symlink():
            return path
        if not path.exists():
            return None
    return None


class FolderSource:
    """A copy of the old site's uploads folder."""

    def __init__(self, folder):
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise MediaSourceError(f"--media {folder}: no such folder")
        self.shown = str(self.folder)
        self.downloaded = self.from_cache = self.failed = 0

    def provide(self, relatives):
        """{relative path: Path of the file, or the reason it is missing}."""
        found = {}
        for relative in sorted(relatives):
            path = self.folder / relative
            link = _symlink_on_the_way(self.folder, relative)
            if link is not None:
                found[relative] = f"{link} is a symlink in the --media folder; not followed"
            elif not path.is_file():
                found[relative] = f"not in {self.folder}"
                continue
            else:
                found[relative] = _checked(path, relative)
            if not isinstance(found[relative], Path):
                self.failed += 1
                logger.warning("wordpress: media %s refused: %s", relative, found[relative])
        return found


def _checked(path, relative):
    """`path` when the file is what its name says, else why not."""
    problem = filetypes.problem_with(path, relative)
    return f"the file {problem}" if problem else path


def _cache_folder_name(text):
    return re.sub(r"[^A-Za-z0-9._-]", "_", text).strip(".") or "_"


class HttpSource:
    """The uploads folder on the live old site, downloaded through a cache.

    Files are kept under `cache_dir`/host_port/path-of-the-folder/, each part a plain name:
    nothing in the URL or the export can make the cache write anywhere else, and a
    symlink inside the cache is never written through or read.
    """

    def __init__(self, url, cache_dir, timeout=download.DEFAULT_SECONDS, console=None,
                 max_bytes=download.DEFAULT_MAX_BYTES):
        parts = urlsplit(url)
        self.shown = download.without_credentials(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise MediaSourceError(f"--media {self.shown}: not an http(s) URL")
        if parts.query or parts.fragment:
            raise MediaSourceError(f"--media {self.shown}: the uploads folder's URL has no "
                                   "query or fragment")
        self.url = download.without_credentials(url).rstrip("/") + "/"
        self.origin = download.origin(url)
        self.auth = download.authorization(url)
        self.limits = download.Limits(timeout, max_bytes)
        self.cache_root = Path(cache_dir)
        folders = [f"{self.origin[1]}_{self.origin[2]}"]
        folders += [part for part in unquote(parts.path).split("/") if part not in {"", ".", ".."}]
        self.limit = name_max(self.cache_root)
        self.cache = self.cache_root.joinpath(*(fit_name(_cache_folder_name(folder), self.limit)
                                                for folder in folders))
        self.console = console
        self.downloaded = self.from_cache = self.failed = 0

    def _cached(self, relative):
        """Where `relative` is cached, or None when a symlink is in the way."""
        relative_in_cache = self.cache.relative_to(self.cache_root) / fit_path(relative,
                                                                                self.limit)
        if _symlink_on_the_way(self.cache_root, relative_in_cache.as_posix()) is not None:
            return None
        return self.cache_root / relative_in_cache

    def provide(self, relatives):
        """Download what the cache lacks; {relative: cached Path, or why it is missing}."""
        found, wanted = {}, []
        for relative in sorted(relatives):
            cached = self._cached(relative)
            if cached is None:
                found[relative] = "a symlink is in its way in the download cache; not used"
            elif cached.is_file():
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
            done = sum(isinstance(found[relative], Path) for relative in wanted)
            self.downloaded += done
            self.failed += len(wanted) - done
        return found

    def _fetch(self, relative):
        target = self.cache / fit_path(relative, self.limit)
        url = self.url + quote(relative, safe="/")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return f"cannot be cached: {error.strerror} ({url})"
        # Written beside the target and renamed when complete and checked: an interrupted
        # or refused download never looks like a cached file.
        name = hashlib.sha256(target.name.encode("utf-8")).hexdigest()[:16]
        partial = target.with_name(f".{name}.{os.getpid()}.{threading.get_ident()}.part")
        try:
            with partial.open("xb") as out:
                download.fetch(url, out, self.limits, self.origin, self.auth)
            checked = _checked(partial, relative)
            if not isinstance(checked, Path):
                return f"{checked} ({url})"
            os.replace(partial, target)
            return target
        except download.DownloadError as error:
            return f"{error} ({url})"
        except OSError as error:
            return f"cannot be cached: {error.strerror} ({url})"
        finally:
            partial.unlink(missing_ok=True)


class _Progress:
    """A progress bar on a terminal; otherwise a log line every LOG_EVERY files."""

    def __init__(self, total, console):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.total, self.done, self.failed = total, 0, 0
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
            self.failed += 1
            logger.warning("wordpress: media %s not downloaded: %s", relative, result)
        if self.bar:
            self.bar.update(self.task, advance=1, description=relative)
        elif self.done % LOG_EVERY == 0 or self.done == self.total:
            logger.info("wordpress: media downloads: %d of %d tried, %d failed", self.done,
                        self.total, self.failed)


def open_source(spec, cache_dir, timeout=download.DEFAULT_SECONDS, console=None,
                max_bytes=None):
    """The media source named by --media: a folder, or an http(s) URL."""
    if spec is None:
        return None
    if "://" in str(spec):
        return HttpSource(str(spec), cache_dir, timeout, console,
                          max_bytes or download.DEFAULT_MAX_BYTES)
    return FolderSource(spec)


@dataclass
class MediaReport:
    """What became of the media and the old site's links."""

    source: str = ""
    files: int = 0
    downloaded: int = 0
    from_cache: int = 0
    failed: int = 0  # files asked of the source that could not be had or were refused
    media_rewritten: int = 0
    srcset_rewritten: int = 0  # srcset candidates pointed at the copied files
    srcset_dropped: dict = field(default_factory=dict)  # old URL -> (reason, set of files)
    originals_for_resized: set = field(default_factory=set)  # resized copies not in the source
    through_attachments: int = 0  # references found through their attachment's id
    links_rewritten: int = 0
    featured_images: int = 0
    galleries: int = 0
    embeds: Counter = field(default_factory=Counter)  # provider -> embeds made links
    alt_texts: Counter = field(default_factory=Counter)  # where an image's missing alt came from
    decorative: dict = field(default_factory=dict)  # content file -> images given alt=""
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
            f" (downloaded now: {self.downloaded}, from the download cache: {self.from_cache},"
            f" failed or refused: {self.failed}); references rewritten: {self.media_rewritten},"
            f" missing: {len(self.missing)}",
            f"  internal links rewritten: {self.links_rewritten},"
            f" unresolved: {len(self.unresolved)}",
            f"  featured images: {self.featured_images}, galleries: {self.galleries}",
        ]
        if self.through_attachments:
            lines.append(f"  references found through their attachment's id (wp-image-N, "
                         f"block attributes): {self.through_attachments}")
        if self.embeds:
            listed = ", ".join(f"{name}: {count}" for name, count in sorted(self.embeds.items()))
            lines.append(f"  embeds shown as links (nothing loads from the provider until a "
                         f"reader follows one): {sum(self.embeds.values())} ({listed})")
        if self.alt_texts:
            listed = ", ".join(f"{name}: {count}" for name, count in sorted(self.alt_texts.items()))
            lines.append(f"  images that had no alt text, given one: {listed}")
        for file, count in sorted(self.decorative.items()):
            lines.append(f'  {file}: {count} image(s) had no alt text and no attachment to take '
                         'one from; written with alt="" (decorative): describe them if they '
                         "are not")
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


def fit_path(relative, limit):
    """`relative` with each part within `limit` bytes (fit_name), the extension kept."""
    parts = relative.split("/")
    stem, suffix = posixpath.splitext(parts[-1])
    fitted = [fit_name(part, limit) for part in parts[:-1]]
    return "/".join([*fitted, fit_name(stem, limit, suffix) if len(suffix) < 16
                     else fit_name(parts[-1], limit)])


# The tags and attributes that show a file, where WordPress's attachment id can find it.
SHOWING = {("img", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"),
           ("source", "src")}
IMAGE_SOURCE = re.compile(r"""\ssrc\s*=\s*["']\{static\}/media/([^"']+)["']""")


class _References:
    """Every reference to a file in the imported documents, and where its file is."""

    def __init__(self, old_site, attachments, hints):
        self.old_site, self.attachments, self.hints = old_site, attachments, hints
        self.found = {}  # (value, tag, attribute, attachment id, file) -> (target, [files])

    def of(self, file, value, tag, attribute, attachment_id):
        """(Target or None, the uploads files that can stand for it, best first)."""
        key = (value, tag, attribute, attachment_id, file)
        if key not in self.found:
            url = self.old_site.absolute(value)
            target = self.old_site.resolve(url) if url else None
            files = []
            if target is not None and target.kind == "media" and safe_relative(target.file):
                files.append(target.file)
                if original := original_of(target.file):
                    files.append(original)
            if (tag, attribute) in SHOWING:
                number = attachment_id or self.hints.get(file, {}).get(value.strip(), "")
                attachment = self.attachments.get(number)
                if attachment and attachment.file and safe_relative(attachment.file):
                    files.append(attachment.file)
            self.found[key] = (target, list(dict.fromkeys(files)))
        return self.found[key]


def bring_media_along(export, documents, files, source, fragments=None, limit=255):
    """Rewrite the imported `files` in place and add the media files to them.

    `documents` is [(item, kind, status, content file)] for every imported post
    and page; `source` a FolderSource, an HttpSource or None; `fragments` maps
    (content file, "comment-N") to the fragment a link there now needs. File names
    longer than `limit` bytes are shortened (fit_path). Returns (MediaReport, OldSite).
    """
    report = MediaReport(source=getattr(source, "shown", ""))
    bases, outside, attachments = uploads_bases(attachments_of(export))
    children = defaultdict(list)
    for attachment in attachments.values():
        children[attachment.parent].append(attachment)
    old_site = old_site_of(export, bases, outside, attachments, documents)
    # The attachment ids the block editor recorded, by address, read from the bodies as
    # exported (the converted files hold no block comments).
    hints = {file: block_attachment_ids(item.content) for item, _kind, _status, file in documents}
    references = _References(old_site, attachments, hints)

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
            elif attachment.url and not one_line_url(attachment.url):
                report.problems.append((file, f"featured image {thumbnail}: its address holds "
                                              "a space or control character; left out"))
            else:
                featured[file] = attachment

    # Which uploads files are referenced, first as named, then what can stand for the
    # ones the source lacks (a resized copy's original, the attachment's own file).
    firsts, seconds = set(), set()

    def collect(file, tag, attribute, value, attachment_id=""):
        _target, candidates = references.of(file, value, tag, attribute, attachment_id)
        if candidates:
            firsts.add(candidates[0])
            seconds.update(candidates[1:])
        return None

    for _item, _kind, _status, file in documents:
        links.rewrite_attributes(files[file], partial(collect, file),
                                 lambda value, file=file: collect(file, None, "srcset", value))
    for attachment in featured.values():
        if attachment.file and safe_relative(attachment.file):
            firsts.add(attachment.file)
    provided = source.provide(firsts) if source else {}
    available = {relative for relative, result in provided.items() if isinstance(result, Path)}
    needed = {relative for relative in seconds - set(provided)
              if any(candidates and candidates[0] not in available and relative in candidates
                     for _target, candidates in references.found.values())}
    if source and needed:
        provided.update(source.provide(needed))
        available = {relative for relative, result in provided.items()
                     if isinstance(result, Path)}
    if source:
        report.downloaded, report.from_cache = source.downloaded, source.from_cache
        report.failed = source.failed
    stored = {relative: fit_path(relative, limit) for relative in available}

    def reason_missing(relative):
        if not relative:
            return "the export does not say where it is in the uploads folder"
        if not safe_relative(relative):
            return "not a safe file name"
        return provided.get(relative, "no --media source given")

    by_file = {attachment.file: attachment for attachment in attachments.values()
               if attachment.file}
    for _item, _kind, _status, file in documents:
        files[file] = _rewrite_document(files[file], file, references, (available, stored),
                                        reason_missing, report, fragments or {})
        files[file] = _add_missing_alt(files[file], file, by_file, attachments, stored, report)
        attachment = featured.get(file)
        if attachment is not None:
            if attachment.file in available:
                image = links.static_link(stored[attachment.file])
            else:
                image = attachment.url
                report.note("missing", attachment.url, reason_missing(attachment.file), file)
            files[file] = add_metadata(
                files[file], [("Image", image), ("Image_alt", attachment.alt)]
            )
            report.featured_images += 1

    for relative in sorted(available):
        files[posixpath.join(MEDIA_FOLDER, stored[relative])] = provided[relative]
    report.files = len(available)
    return report, old_site


def _rewrite_document(text, file, references, supply, reason_missing, report, fragments):
    available, stored = supply
    counts = Counter()

    def rewrite(tag, attribute, value, attachment_id=""):
        target, candidates = references.of(file, value, tag, attribute, attachment_id)
        url = references.old_site.absolute(value)
        chosen = next((relative for relative in candidates if relative in available), None)
        if chosen is not None:
            counts["media"] += 1
            named = target.file if target is not None and target.kind == "media" else None
            if chosen != named:
                if named and chosen == original_of(named):
                    report.originals_for_resized.add(named)
                else:
                    report.through_attachments += 1
            fragment = target.fragment if target is not None else ""
            return links.new_address(links.Target("media", stored[chosen], fragment=fragment))
        if url is None:
            if candidates:  # shown from elsewhere (a CDN), and its attachment's file is lost
                report.note("missing", value, reason_missing(candidates[0]), file)
            return None
        if target.kind == "media":
            report.note("missing", url, reason_missing(target.file), file)
        elif target.kind == "missing":
            report.note("missing", url, target.reason, file)
        elif target.kind == "document":
            counts["links"] += 1
            fragment = fragments.get((target.file, target.fragment), target.fragment)
            return links.new_address(replace(target, fragment=fragment))
        else:
            report.note("unresolved", url, target.reason, file)
        # Kept, but made absolute: a root-relative address would point into the new site.
        return url if url != value else None

    def rewrite_candidate(value):
        """A srcset candidate names one size of an image: the file itself or nothing (a
        substitute of another size would carry the wrong width descriptor)."""
        url = references.old_site.absolute(value)
        if url is None:
            return value
        target = references.old_site.resolve(url)
        if target.kind == "media" and target.file in available:
            counts["srcset"] += 1
            return links.new_address(replace(target, file=stored[target.file]))
        reason = (reason_missing(target.file) if target.kind == "media"
                  else target.reason or "not a file in the uploads folder")
        report.note("srcset_dropped", url, reason, file)
        return None

    text = links.rewrite_attributes(text, rewrite, rewrite_candidate)
    report.media_rewritten += counts["media"]
    report.links_rewritten += counts["links"]
    report.srcset_rewritten += counts["srcset"]
    return text


def _add_missing_alt(text, file, by_file, attachments, stored, report):
    """Every <img> without alt gets its attachment's alt text (or title), else alt=""."""
    original_of_stored = {fitted: relative for relative, fitted in stored.items()}

    def add(match):
        tag = match[0]
        source = IMAGE_SOURCE.search(tag)
        relative = original_of_stored.get(unquote(source[1])) if source else None
        attachment = by_file.get(relative) or by_file.get(original_of(relative or "") or "")
        marked = links.ATTACHMENT_CLASS.search(tag)
        attachment = attachment or (attachments.get(marked[1]) if marked else None)
        alt, origin = "", ""
        if attachment is not None:
            alt, origin = (attachment.alt, "its attachment's alt text") if attachment.alt else (
                attachment.title, "its attachment's title")
        if alt:
            report.alt_texts[origin] += 1
        else:
            report.decorative[file] = report.decorative.get(file, 0) + 1
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        return f'{tag[:end].rstrip()} alt="{html.escape(alt)}"{tag[end:]}'

    return HTML_IMAGE_WITHOUT_ALT.sub(add, text)
