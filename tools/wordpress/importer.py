"""Import a WordPress export into content/: the one entry point, import_wordpress().

Stages: wxr.read_wxr (parse) -> convert (bodies) -> comments (responses)
-> writer.write_files (all or nothing). Nothing is written until every item
has been converted, so a bad export leaves the content folder untouched.
"""

import html
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican.utils import slugify

from . import convert
from .comments import CommentResult, comments_json, drop_reason, select_responses
from .dates import wordpress_datetime
from .media import MediaSourceError, bring_media_along, open_source
from .site import read_settings, site_page_pattern
from .writer import ImportConflictError, write_files
from .wxr import PROGRESS_EVERY, WxrError, read_wxr

__all__ = ["ImportConflictError", "MediaSourceError", "Report", "WxrError", "import_wordpress"]

logger = logging.getLogger(__name__)

DRAFT_STATUSES = {"draft", "pending", "future"}
UNTITLED = "(no title)"


@dataclass
class Report:
    """What an import did, for people: counts, and every case worth a look."""

    source: Path
    content_dir: Path
    wxr_version: str = ""
    posts: int = 0
    pages: int = 0
    drafts: int = 0
    skipped: Counter = field(default_factory=Counter)
    responses_kept: Counter = field(default_factory=Counter)
    responses_dropped: Counter = field(default_factory=Counter)
    reparented: list = field(default_factory=list)
    redirects: int = 0
    unreachable_links: list = field(default_factory=list)  # (file, old link)
    colliding_links: list = field(default_factory=list)  # (file, old link)
    renamed_slugs: list = field(default_factory=list)  # (post id, wanted, given)
    renamed_terms: list = field(default_factory=list)  # (wanted, given)
    without_author: list = field(default_factory=list)  # post ids
    untitled: list = field(default_factory=list)  # post ids
    shortcodes_left: Counter = field(default_factory=Counter)  # name -> posts
    files_written: list = field(default_factory=list)
    files_unchanged: list = field(default_factory=list)
    files_overwritten: list = field(default_factory=list)
    seconds: float = 0.0
    media: object = None  # media.MediaReport (issue 14)

    def __str__(self):
        def counts(counter):
            listed = ", ".join(f"{key}: {value}" for key, value in sorted(counter.items()))
            return f"{sum(counter.values())} ({listed or 'none'})"

        lines = [
            f"WordPress import of {self.source} (WXR {self.wxr_version or '?'}) "
            f"into {self.content_dir}",
            f"  posts published: {self.posts}, pages: {self.pages}, drafts: {self.drafts}",
            f"  skipped: {counts(self.skipped)}",
            f"  responses kept: {counts(self.responses_kept)}",
            f"  responses dropped: {counts(self.responses_dropped)}",
            f"  old links redirected: {self.redirects}",
        ]
        for moved in self.reparented:
            where = f"reply to {moved.new_parent}" if moved.new_parent else "top level"
            lines.append(
                f"  re-parented reply {moved.comment_id} on {moved.post_slug}: "
                f"parent {moved.old_parent} not kept, now {where}"
            )
        for file, link in self.unreachable_links:
            lines.append(
                f"  old link {link} cannot be redirected by a static site (query string): {file}"
            )
        for file, link in self.colliding_links:
            lines.append(
                f"  old link {link} is now one of the site's own pages, not redirected: {file}"
            )
        for post_id, wanted, given in self.renamed_slugs:
            lines.append(f"  post {post_id}: slug {wanted!r} taken or empty, used {given!r}")
        for wanted, given in self.renamed_terms:
            lines.append(
                f"  category/tag {wanted!r} written as {given!r} "
                "(commas and semicolons separate terms)"
            )
        if self.without_author:
            lines.append(
                "  no public author name, site default used: posts "
                + ", ".join(self.without_author)
            )
        if self.untitled:
            lines.append(f"  no title, written as {UNTITLED!r}: posts {', '.join(self.untitled)}")
        if self.shortcodes_left:
            lines.append(f"  posts with shortcodes left as text: {counts(self.shortcodes_left)}")
        if self.media is not None:
            lines += self.media.lines()
        lines.append(
            f"  files written: {len(self.files_written)}, unchanged: {len(self.files_unchanged)}, "
            f"overwritten: {len(self.files_overwritten)}; {self.seconds:.2f} s"
        )
        return "\n".join(lines)


def _kind(item):
    """What an item is: ("post"|"page", "publish"|"draft"), or (skip reason, None)."""
    post_type = item.post_type or "post"
    if post_type not in {"post", "page"}:
        return (
            post_type if post_type in {"attachment", "nav_menu_item"} else f"type {post_type}"
        ), None
    if item.status == "trash":
        return f"{post_type}: trash", None
    if item.status == "private":
        return f"{post_type}: private", None
    if item.has_password:
        return f"{post_type}: password-protected", None
    if item.status == "publish":
        return post_type, "publish"
    if item.status in DRAFT_STATUSES:
        return post_type, "draft"
    return f"{post_type}: status {item.status or '(empty)'}", None


def _clean_terms(names, report):
    """Decoded, de-duplicated term names that cannot split the comma-separated list."""
    cleaned = []
    for name in names:
        wanted = convert.plain_text(name)
        given = convert.one_line_text(wanted.replace(",", " ").replace(";", " "))
        if given != wanted:
            report.renamed_terms.append((wanted, given))
        if given and given not in cleaned:
            cleaned.append(given)
    return cleaned


def _title(item, report):
    title = convert.plain_text(item.title)
    if not title:
        report.untitled.append(item.post_id)
        return UNTITLED
    # Pelican treats titles as HTML; keep a literal "<html>" in a title visible as text.
    return title.replace("<", "&lt;").replace(">", "&gt;")


def _author(export, item, report):
    """The author's public display name; never the login or an e-mail address."""
    author = export.author(item.creator) if item.creator else None
    candidates = []
    if author is not None:
        candidates = [author.display_name, f"{author.first_name} {author.last_name}"]
    for candidate in candidates:
        name = convert.plain_text(candidate)
        if name and "@" not in name:
            return name
    report.without_author.append(item.post_id)
    return ""


def _slug_wanted(item, post_type, settings):
    # WordPress stores non-ASCII slugs percent-encoded; the site wants the text.
    slug = unquote(item.post_name).strip().replace("/", "-").strip(".")
    if not slug:
        slug = slugify(
            html.unescape(item.title), regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"]
        )
    return slug or f"{post_type}-{item.post_id}"


def _unique_slug(wanted, taken):
    slug, number = wanted, 2
    while slug in taken:
        slug, number = f"{wanted}-{number}", number + 1
    taken.add(slug)
    return slug


def _old_link(item, new_path, relative_file, report, site_page):
    """The old permalink path to redirect from, or "" when none is needed or possible."""
    parts = urlsplit(item.link)
    if not item.link or (not parts.path.strip("/") and not parts.query):
        return ""
    if parts.query:
        report.unreachable_links.append((relative_file, f"{parts.path or '/'}?{parts.query}"))
        return ""
    if unquote(parts.path).rstrip("/") == new_path.rstrip("/"):
        return ""
    # A file the site writes itself (a listing, a feed): a redirect there would replace
    # a real page, and the redirects plugin refuses to build it.
    if site_page.match(_redirect_file(parts.path)):
        report.colliding_links.append((relative_file, parts.path))
        return ""
    report.redirects += 1
    return parts.path


def _redirect_file(old_path):
    """The output file a redirect for `old_path` would be (as plugins/redirects names it)."""
    parts = [part for part in unquote(old_path).split("/") if part]
    if old_path.endswith("/") or "." not in parts[-1]:
        parts.append("index.html")
    return "/".join(parts)


def _convert_item(export, item, post_type, status, slug, date, report, settings, site_page):
    """The Markdown text of one post or page."""
    body = convert.body_to_html(item.content, item.post_id)
    if item.excerpt.strip():
        summary = convert.one_line_html(item.excerpt)
    else:
        teaser = convert.teaser(item.content)
        summary = convert.one_line_html(teaser) if teaser and teaser.strip() else ""
    for name in convert.other_shortcodes(item.content):
        report.shortcodes_left[name] += 1
    if post_type == "post":
        relative_file = f"posts/{date:%Y}/{slug}.md"
        new_path = "/" + settings["ARTICLE_URL"].format(date=date, slug=slug)
    else:
        relative_file = f"pages/{slug}.md"
        new_path = "/" + settings["PAGE_URL"].format(slug=slug)
    # An old link that already equals the new URL needs no redirect.
    redirect_from = (_old_link(item, new_path, relative_file, report, site_page)
                     if status == "publish" else "")
    metadata = [
        ("Title", _title(item, report)),
        ("Date", f"{date:%Y-%m-%d %H:%M}"),
        ("Author", _author(export, item, report)),
    ]
    if post_type == "post":
        metadata += [
            ("Category", ", ".join(_clean_terms(item.categories, report))),
            ("Tags", ", ".join(_clean_terms(item.tags, report))),
        ]
    metadata += [
        ("Slug", slug),
        ("Summary", summary),
        ("Status", "draft" if status == "draft" else ""),
        ("Redirect_from", redirect_from),
    ]
    return relative_file, convert.markdown_document(metadata, body)


def import_wordpress(
    wxr_path,
    content_dir,
    *,
    force=False,
    timezone=None,
    settings=None,
    media=None,
    media_cache=None,
    media_timeout=30.0,
    console=None,
):
    """Import the WXR export at `wxr_path` into `content_dir`; return a Report.

    URLs and the timezone come from `settings` (default: the site's publishconf.py).
    `media` is a copy of the old uploads folder or its http(s) URL; downloads
    are kept in `media_cache` (default: wordpress-media/ in the site's CACHE_PATH;
    see media.py).

    Raises WxrError for a file that is not a readable WordPress export and
    ImportConflictError when a file to write was edited since the last import
    (unless `force`), MediaSourceError for an unusable `media`; in every case
    nothing is written.
    """
    started = time.monotonic()
    settings = settings or read_settings()
    timezone = timezone or settings["TIMEZONE"]
    site_page = site_page_pattern(settings)
    media_cache = media_cache or Path(settings["CACHE_PATH"]) / "wordpress-media"
    wxr_path, content_dir = Path(wxr_path), Path(content_dir)
    report = Report(source=wxr_path, content_dir=content_dir)
    media_source = open_source(media, media_cache, media_timeout, console)
    documents = []  # (item, kind, status, content file), for the media stage
    export = read_wxr(wxr_path)
    report.wxr_version = export.wxr_version
    files = {}
    # One namespace for posts and pages: a response names either by its slug alone.
    taken_slugs = set()
    commented = []
    for number, item in enumerate(export.items, start=1):
        if number % PROGRESS_EVERY == 0:
            logger.info("wordpress: converted %d of %d items", number, len(export.items))
        kind, status = _kind(item)
        if status is None:
            report.skipped[kind] += 1
            _drop_comments(item.comments, f"approved, on a skipped item ({kind})", report)
            continue
        date = wordpress_datetime(item.post_date_gmt, item.post_date, timezone, item.pub_date)
        if date is None:
            raise WxrError(wxr_path, item.line, f"{kind} {item.post_id} has no usable date")
        wanted = _slug_wanted(item, kind, settings)
        slug = _unique_slug(wanted, taken_slugs)
        if slug != unquote(item.post_name).strip():
            report.renamed_slugs.append((item.post_id, item.post_name, slug))
        relative_file, text = _convert_item(export, item, kind, status, slug, date, report,
                                            settings, site_page)
        files[relative_file] = text
        documents.append((item, kind, status, relative_file))
        if status == "draft":
            report.drafts += 1
        elif kind == "post":
            report.posts += 1
        else:
            report.pages += 1
        commented.append((slug, date, item.comments))
    report.media = bring_media_along(export, documents, files, media_source)
    result = select_responses(commented, timezone, CommentResult())
    report.responses_kept.update(result.kept)
    report.responses_dropped.update(result.dropped)
    report.reparented = result.reparented
    files["comments.json"] = comments_json(result.responses)
    written = write_files(content_dir, files, force=force)
    report.files_written = written.written
    report.files_unchanged = written.unchanged
    report.files_overwritten = written.overwritten
    report.seconds = time.monotonic() - started
    logger.info("wordpress: import finished in %.2f s", report.seconds)
    return report


def _drop_comments(comments, reason_if_approved, report):
    for comment in comments:
        report.responses_dropped[drop_reason(comment) or reason_if_approved] += 1
