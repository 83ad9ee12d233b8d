"""Import a WordPress export into content/: the one entry point, import_wordpress().

Stages: wxr.read_wxr (parse) -> plan (kind, date, slug and file of every item, merged
with the posts and pages content/ holds already: existing.py) -> convert (bodies; one bad
item is reported and the rest go on) -> media (files, links) -> writer.write_files (a file
that differs from the export is kept, or replaced with `force`, and named) -> responses,
added through the comments store with ids no other response has (comments.py).
Nothing is written until every item has been converted.
"""

import html
import json
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from content_checks.content_checks import is_empty
from pelican.utils import slugify

from redirects.redirects import DEFAULTS as REDIRECTS_DEFAULTS
from redirects.redirects import redirect_file
from responses.store import CommentsStore, StoreError

from . import convert, embeds, site
from .comments import CommentResult, assign_ids, drop_reason, id_namespace, select_responses
from .dates import wordpress_datetime
from .download import DEFAULT_SECONDS
from .existing import ExistingContent
from .media import MediaSourceError, bring_media_along, open_source
from .site import read_settings, site_page_pattern
from .writer import name_max, write_files
from .wxr import PROGRESS_EVERY, WxrError, read_wxr

__all__ = ["MediaSourceError", "Report", "StoreError", "WxrError", "import_wordpress"]

logger = logging.getLogger(__name__)

# WordPress's statuses the site keeps, and as what: a scheduled ("future") post is published
# with its future date, and the publish build holds it back until that day (plugins/scheduled).
STATUSES = {"publish": "publish", "future": "scheduled", "draft": "draft", "pending": "draft"}
UNTITLED = "(no title)"
# A Guid: the feed can use as an Atom id (an absolute URI; plugins/wordpress_feeds).
ABSOLUTE_URI = re.compile(r"^(?:https?://|tag:|urn:)\S+$", re.IGNORECASE)
# The old category and tag slugs, by name (WORDPRESS_FEEDS_TERMS of plugins/wordpress_feeds).
TERMS_FILE = "wordpress-terms.json"
# What an item that the old site published with no text shows (content_checks refuses a
# post with no text; this line says, in the post itself, why there is none).
EMPTY_NOTE = '<p class="imported-empty"><em>This {kind} had no text on the old site.</em></p>\n'


@dataclass
class Report:
    """What an import did, for people: counts, and every case worth a look."""

    source: Path
    content_dir: Path
    wxr_version: str = ""
    posts: int = 0
    pages: int = 0
    drafts: int = 0
    scheduled: list = field(default_factory=list)  # (content file, date)
    scheduled_pages: list = field(default_factory=list)  # (content file, date): drafts
    skipped: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)  # one line each: what could not be imported
    notes: list = field(default_factory=list)  # how the export was read
    responses_kept: Counter = field(default_factory=Counter)
    responses_dropped: Counter = field(default_factory=Counter)
    responses_file: str = ""  # where the comments store wrote them
    responses_added: int = 0
    responses_there: int = 0  # already in the comments file, unchanged
    responses_differing: list = field(default_factory=list)  # (id, post): kept as they are
    renamed_responses: list = field(default_factory=list)  # comments.Renamed
    pingbacks_moved: int = 0  # self-pingbacks pointed at the new addresses
    reparented: list = field(default_factory=list)
    redirects: int = 0
    unreachable_links: list = field(default_factory=list)  # (file, old link)
    colliding_links: list = field(default_factory=list)  # (file, old link, what is there)
    renamed_slugs: list = field(default_factory=list)  # (post id, wanted, given, why)
    renamed_terms: list = field(default_factory=list)  # (wanted, given)
    without_author: list = field(default_factory=list)  # post ids
    untitled: list = field(default_factory=list)  # post ids
    without_guid: list = field(default_factory=list)  # (post id, guid or "")
    shared_guid: list = field(default_factory=list)  # (Planned, the Planned keeping its guid)
    empty: list = field(default_factory=list)  # content files given EMPTY_NOTE
    shortcodes_left: dict = field(default_factory=dict)  # name -> (count, set of files)
    blocks_left_out: dict = field(default_factory=dict)  # block name -> (count, set of files)
    embeds: Counter = field(default_factory=Counter)  # provider -> embeds made links
    # {"category"|"post_tag": {name as written: WordPress's slugs}}, for plugins/wordpress_feeds.
    old_slugs: dict = field(default_factory=lambda: {"category": {}, "post_tag": {}})
    files_written: list = field(default_factory=list)
    files_unchanged: list = field(default_factory=list)
    files_replaced: list = field(default_factory=list)  # (file, why)
    files_kept: list = field(default_factory=list)  # (file, why the export's was not written)
    seconds: float = 0.0
    media: object = None  # media.MediaReport

    @property
    def failed(self):
        """True when something the old site published could not be brought along."""
        return bool(self.problems or (self.media and self.media.missing))

    def __str__(self):
        def counts(counter):
            listed = ", ".join(f"{key}: {value}" for key, value in sorted(counter.items()))
            return f"{sum(counter.values())} ({listed or 'none'})"

        lines = [
            f"WordPress import of {self.source} (WXR {self.wxr_version or '?'}) "
            f"into {self.content_dir}",
            *(f"  note: {note}" for note in self.notes),
            f"  posts published: {self.posts}, pages: {self.pages}, drafts: {self.drafts}, "
            f"scheduled: {len(self.scheduled)}",
            f"  skipped: {counts(self.skipped)}",
            f"  responses kept: {counts(self.responses_kept)}; added to "
            f"{self.responses_file or 'the comments file'}: {self.responses_added}, there "
            f"already: {self.responses_there}",
            f"  responses dropped: {counts(self.responses_dropped)}",
            f"  old links redirected: {self.redirects}",
        ]
        for file, date in self.scheduled:
            lines.append(f"  scheduled: {file} is published on {date:%Y-%m-%d %H:%M} "
                         "(the daily publish run puts it online that day)")
        for file, date in self.scheduled_pages:
            lines.append(f"  scheduled page: {file} was to be published on {date:%Y-%m-%d %H:%M}"
                         "; written as a draft, as the site holds back posts only (delete its "
                         "Status: line that day)")
        for file in self.empty:
            lines.append(f"  no text on the old site: {file} says so in one line")
        for moved in self.reparented:
            where = f"reply to {moved.new_parent}" if moved.new_parent else "top level"
            lines.append(
                f"  re-parented reply {moved.comment_id} on {moved.post_slug}: "
                f"parent {moved.old_parent} not kept, now {where}"
            )
        for renamed in self.renamed_responses:
            lines.append(
                f"  response {renamed.wordpress_id} on {renamed.post_slug} written as "
                f"{renamed.new_id}: the comments file has id {renamed.wordpress_id} for "
                f"another response ({renamed.taken_by})"
            )
        for response_id, post in self.responses_differing:
            lines.append(
                f"  response {response_id} on {post}: the comments file's differs from the "
                "export's; the comments file's is kept"
            )
        if self.pingbacks_moved:
            lines.append(f"  pingbacks from the old site's own posts pointed at their new "
                         f"addresses: {self.pingbacks_moved}")
        for file, link in self.unreachable_links:
            lines.append(
                f"  old link {link} cannot be redirected by a static site (query string): {file}"
            )
        for file, link, there in self.colliding_links:
            lines.append(f"  old link {link} is now {there}, not redirected: {file}")
        for post_id, wanted, given, why in self.renamed_slugs:
            lines.append(f"  post {post_id}: slug {wanted!r} {why}, used {given!r}")
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
        for name, (count, files) in sorted(self.shortcodes_left.items()):
            lines.append(f"  shortcode [{name}] left as text: {count} in {_listed(files)}")
        if self.blocks_left_out:
            counted = ", ".join(f"{name}: {count}"
                                for name, (count, _) in sorted(self.blocks_left_out.items()))
            files = set().union(*(files for _, files in self.blocks_left_out.values()))
            lines.append(f"  blocks left out, which WordPress drew each time a page was shown "
                         f"and a static page cannot ({counted}): {_listed(files)}")
        for post_id, guid in self.without_guid:
            lines.append(f"  post {post_id}: its guid {guid!r} is not an absolute address; "
                         "written without Guid: (its feed entry gets the site's own id)")
        for copy, keeper in self.shared_guid:
            lines.append(f"  {copy.relative} (post {copy.item.post_id}): its guid "
                         f"{keeper.guid!r} is {keeper.relative}'s too (post "
                         f"{keeper.item.post_id}); written without Guid: (its feed entry gets "
                         "the site's own id)")
        if self.media is not None:
            lines += self.media.lines()
        lines.append(
            f"  files written: {len(self.files_written)}, unchanged: {len(self.files_unchanged)}, "
            f"replaced: {len(self.files_replaced)}, kept as they were: {len(self.files_kept)}; "
            f"{self.seconds:.2f} s"
        )
        for file, why in self.files_replaced:
            lines.append(f"  replaced {file}: {why}")
        for file, why in self.files_kept:
            lines.append(f"  kept {file}: {why}")
        for problem in self.problems:
            lines.append(f"  not imported: {problem}")
        return "\n".join(lines)


def _terms_json(old_slugs):
    """{"category"|"post_tag": {name: slug}}; a name two WordPress terms had (their slugs
    "content" and "content-2": Pelican makes them one) maps to the list of both."""
    terms = {domain: {name: sorted(slugs) if len(slugs) > 1 else next(iter(slugs))
                      for name, slugs in names.items()} for domain, names in old_slugs.items()}
    return json.dumps(terms, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _listed(files, most=3):
    files = sorted(files)
    more = f" and {len(files) - most} more" if len(files) > most else ""
    return ", ".join(files[:most]) + more


def _tally(table, counts, file):
    for name, count in counts.items():
        total, files = table.get(name, (0, set()))
        table[name] = (total + count, files | {file})


@dataclass
class Planned:
    """One post or page to write: what it is and where it goes."""

    item: object
    kind: str  # "post" or "page"
    status: str  # "publish", "scheduled" or "draft"
    date: object
    title: str
    slug: str
    relative: str  # its content file
    new_path: str  # its address, "/2011/07/slug/"
    save_as: str  # its output file
    guid: str  # its Guid: line, "" for none


def _kind(item):
    """What an item is: ("post"|"page", one of STATUSES' values), or (skip reason, None)."""
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
    if item.status in STATUSES:
        return post_type, STATUSES[item.status]
    return f"{post_type}: status {item.status or '(empty)'}", None


def _clean_terms(item, domain, report):
    """Decoded, de-duplicated term names that cannot split the comma-separated list; each
    one's WordPress slug goes to report.old_slugs, for the old addresses."""
    cleaned = []
    for name in item.categories if domain == "category" else item.tags:
        wanted = convert.plain_text(name)
        given = convert.one_line_text(wanted.replace(",", " ").replace(";", " "))
        if given != wanted:
            report.renamed_terms.append((wanted, given))
        if given and given not in cleaned:
            cleaned.append(given)
        nicename = convert.one_line_text(item.nicenames.get((domain, name), ""))
        if given and nicename:
            report.old_slugs[domain].setdefault(given, set()).add(nicename)
    return cleaned


def _title(item):
    title = convert.plain_text(item.title)
    # Pelican treats titles as HTML; keep a literal "<html>" in a title visible as text.
    return title.replace("<", "&lt;").replace(">", "&gt;") if title else UNTITLED


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
    slug = convert.safe_slug(unquote(item.post_name))
    if not slug:
        slug = slugify(
            html.unescape(item.title), regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"]
        )
        slug = convert.safe_slug(slug)
    return slug or f"{post_type}-{convert.safe_slug(item.post_id) or 'untitled'}"


def _guid(item):
    """The item's <guid> for its Guid: line, or "" when it is not an absolute URI."""
    guid = convert.one_line_url(item.guid) if item.guid else None
    return guid if guid and ABSOLUTE_URI.match(guid) else ""


def _old_link(item, planned, report, site_page, occupied):
    """The old permalink path to redirect from, or "" when none is needed or possible."""
    parts = urlsplit(item.link)
    if not item.link or (not parts.path.strip("/") and not parts.query):
        return ""
    if parts.query:
        report.unreachable_links.append((planned.relative, f"{parts.path or '/'}?{parts.query}"))
        return ""
    if unquote(parts.path).rstrip("/") == planned.new_path.rstrip("/"):
        return ""
    path = convert.one_line_url(parts.path)
    # The file the redirects plugin would write for it; a "." or ".." segment has none.
    output = redirect_file(path, REDIRECTS_DEFAULTS["REDIRECTS_INDEX"]) if path else None
    if output is None:
        report.unreachable_links.append((planned.relative, convert.one_line_text(parts.path)))
        return ""
    # A file the site writes itself (a listing, a feed, another post or page): a redirect
    # there would replace a real page, and the redirects plugin refuses to build it.
    if site_page.match(output):
        report.colliding_links.append((planned.relative, path, "one of the site's own pages"))
        return ""
    if output in occupied and occupied[output] != planned.relative:
        report.colliding_links.append((planned.relative, path, f"{occupied[output]}'s address"))
        return ""
    report.redirects += 1
    return path


def _plan(export, settings, timezone, existing, report, limit):
    """Every post and page to import, with its slug and file; the rest counted as skipped."""
    planned, taken, guid_keepers = [], set(), {}
    for item in export.items:
        kind, status = _kind(item)
        if status is None:
            report.skipped[kind] += 1
            _drop_comments(item.comments, f"approved, on a skipped item ({kind})", report)
            continue
        date = wordpress_datetime(item.post_date_gmt, item.post_date, timezone, item.pub_date)
        if date is None:
            report.problems.append(f"{kind} {item.post_id} (line {item.line}) has no usable "
                                   "date (wp:post_date_gmt, wp:post_date, pubDate)")
            _drop_comments(item.comments, "approved, on an item not imported", report)
            continue
        title = _title(item)
        # WordPress.com copies a post with its <guid> (the theme unit test export has two
        # such pairs). A feed entry's id and the import's own files are known by it, so the
        # first item keeps it: two entries with one id show as one in a feed reader, and a
        # second import would take the other file for this item's.
        guid = _guid(item)
        keeper = guid_keepers.get(guid)
        if keeper is not None:
            guid = ""
        home = existing.home_of(guid)
        if home is not None and home.slug not in taken:
            slug, relative = home.slug, home.relative
        else:
            slug, relative = _free_slug(item, kind, date, title, settings, existing, taken,
                                        report, limit)
        taken.add(slug)
        if kind == "page" and status == "scheduled":
            # plugins/scheduled holds back posts only; the page would be online at once.
            status = "draft"
        planned.append(Planned(item, kind, status, date, title, slug, relative,
                               site.url(settings, kind, slug, date),
                               site.save_as(settings, kind, slug, date), guid))
        if keeper is not None:
            report.shared_guid.append((planned[-1], keeper))
        elif guid:
            guid_keepers[guid] = planned[-1]
    return planned


def _free_slug(item, kind, date, title, settings, existing, taken, report, limit):
    """The first of slug, slug-2, slug-3... that no other item and no file there holds."""
    wanted = _slug_wanted(item, kind, settings)
    date_text = f"{date:%Y-%m-%d %H:%M}"
    number, why = 1, ""
    while True:
        slug = convert.fit_name(wanted if number == 1 else f"{wanted}-{number}", limit)
        relative = f"posts/{date:%Y}/{slug}.md" if kind == "post" else f"pages/{slug}.md"
        holder = existing.taken_by(slug, relative, title, date_text)
        if slug not in taken and holder is None:
            break
        if number == 1:
            why = (f"is taken by {holder.relative} (not from this export)" if holder
                   else "is taken by another item of the export")
        number += 1
    original = unquote(item.post_name).strip()
    if slug != original:
        if not why:
            why = "is empty" if not original else (
                "is too long for a file name" if slug != wanted else "holds characters a "
                "slug cannot (only letters, digits, - and _)")
        report.renamed_slugs.append((item.post_id, original, slug, why))
    return slug, relative


def _convert_item(export, planned, report, site_page, occupied):
    """The Markdown text of one post or page."""
    item = planned.item
    _tally(report.shortcodes_left, convert.other_shortcodes(item.content), planned.relative)
    _tally(report.blocks_left_out, convert.left_out_blocks(item.content), planned.relative)
    body = convert.body_to_html(embeds.embeds_to_links(item.content, report.embeds), item.post_id)
    if item.excerpt.strip():
        summary = convert.one_line_html(item.excerpt)
    else:
        teaser = convert.teaser(item.content)
        summary = convert.one_line_html(teaser) if teaser and teaser.strip() else ""
    redirect_from = (_old_link(item, planned, report, site_page, occupied)
                     if planned.status != "draft" else "")
    if planned.title == UNTITLED:
        report.untitled.append(item.post_id)
    if item.guid.strip() and not _guid(item):
        report.without_guid.append((item.post_id, convert.one_line_text(item.guid)))
    metadata = [
        ("Title", planned.title),
        ("Date", f"{planned.date:%Y-%m-%d %H:%M}"),
        ("Author", _author(export, item, report)),
    ]
    if planned.kind == "post":
        metadata += [
            ("Category", ", ".join(_clean_terms(item, "category", report))),
            ("Tags", ", ".join(_clean_terms(item, "post_tag", report))),
        ]
    metadata += [
        ("Slug", planned.slug),
        ("Summary", convert.one_line_text(summary)),
        ("Status", "draft" if planned.status == "draft" else ""),
        ("Redirect_from", redirect_from),
        ("Guid", planned.guid),
    ]
    return convert.markdown_document(metadata, body)


def import_wordpress(
    wxr_path,
    content_dir,
    *,
    force=False,
    timezone=None,
    settings=None,
    media=None,
    media_cache=None,
    media_timeout=DEFAULT_SECONDS,
    media_max_bytes=None,
    console=None,
):
    """Import the WXR export at `wxr_path` into `content_dir`; return a Report.

    URLs and the timezone come from `settings` (default: the site's publishconf.py).
    `media` is a copy of the old uploads folder or its http(s) URL; downloads
    are kept in `media_cache` (default: wordpress-media/ in the site's CACHE_PATH;
    see media.py), each within `media_timeout` seconds and `media_max_bytes`.

    Raises WxrError for a file that is not a readable WordPress export, MediaSourceError
    for an unusable `media` and StoreError for a comments file that cannot be read; in
    every case nothing is written. One item that cannot be imported is a line in the
    report's `problems`, and the rest are imported.
    """
    started = time.monotonic()
    settings = settings or read_settings()
    timezone = timezone or settings["TIMEZONE"]
    site_page = site_page_pattern(settings)
    media_cache = media_cache or Path(settings["CACHE_PATH"]) / "wordpress-media"
    wxr_path, content_dir = Path(wxr_path), Path(content_dir)
    report = Report(source=wxr_path, content_dir=content_dir)
    media_source = open_source(media, media_cache, media_timeout, console, media_max_bytes)
    store = CommentsStore.for_site(settings, content_dir)
    responses_there = store.records()  # a broken comments file stops the import here
    export = read_wxr(wxr_path)
    report.wxr_version = export.wxr_version
    report.notes += export.notes
    existing = ExistingContent(content_dir, settings)
    planned = _plan(export, settings, timezone, existing, report, name_max(content_dir) - 3)
    occupied = {save_as: file.relative for save_as, file in existing.outputs().items()}
    occupied.update((each.save_as, each.relative) for each in planned)

    files, documents, imported = {}, [], []
    for number, each in enumerate(planned, start=1):
        if number % PROGRESS_EVERY == 0:
            logger.info("wordpress: converted %d of %d items", number, len(planned))
        try:
            files[each.relative] = _convert_item(export, each, report, site_page, occupied)
        except Exception as error:  # one bad item is a line in the report, never a traceback
            logger.debug("wordpress: %s %s", each.kind, each.item.post_id, exc_info=True)
            report.problems.append(f"{each.kind} {each.item.post_id} (line {each.item.line}) "
                                   f"could not be converted: {error}")
            _drop_comments(each.item.comments, "approved, on an item not imported", report)
            continue
        documents.append((each.item, each.kind, each.status, each.relative))
        imported.append(each)
        if each.status == "draft":
            report.drafts += 1
            if each.item.status == "future":
                report.scheduled_pages.append((each.relative, each.date))
        elif each.status == "scheduled":
            report.scheduled.append((each.relative, each.date))
        elif each.kind == "post":
            report.posts += 1
        else:
            report.pages += 1

    result = select_responses([(each.slug, each.date, each.item.comments) for each in imported],
                              timezone, CommentResult())
    report.responses_kept.update(result.kept)
    report.responses_dropped.update(result.dropped)
    report.reparented = result.reparented
    report.renamed_responses = assign_ids(result.responses, responses_there,
                                          id_namespace(export.site_urls))
    file_of_slug = {each.slug: each.relative for each in imported}
    # Links in the posts to a renamed response's old #comment-<id> follow it.
    fragments = {(file_of_slug[renamed.post_slug], f"comment-{renamed.wordpress_id}"):
                 f"comment-{renamed.new_id}" for renamed in report.renamed_responses}
    report.media, old_site = bring_media_along(export, documents, files, media_source,
                                               fragments, name_max(content_dir))
    report.media.embeds = report.embeds
    for each in imported:
        if each.status != "draft" and is_empty(files[each.relative].partition("\n\n")[2]):
            files[each.relative] = files[each.relative].rstrip("\n") + "\n\n" + (
                EMPTY_NOTE.format(kind=each.kind))
            report.empty.append(each.relative)

    if any(report.old_slugs.values()):
        files[TERMS_FILE] = _terms_json(report.old_slugs)
    written = write_files(content_dir, files, force=force)
    report.files_written = written.written
    report.files_unchanged = written.unchanged
    report.files_replaced = written.replaced
    report.files_kept = written.kept
    _add_responses(result.responses, written, existing, imported, old_site, settings, store,
                   report, content_dir)
    report.seconds = time.monotonic() - started
    logger.info("wordpress: import finished in %.2f s", report.seconds)
    return report


def _add_responses(responses, written, existing, imported, old_site, settings, store, report,
                   content_dir):
    """Add the import's responses through the comments store; never one already there."""
    kept = {path.relative_to(content_dir.resolve()).as_posix() for path, _why in written.kept}
    # A post whose file was kept keeps its own slug, and its responses go with it.
    slug_now = {each.slug: existing.by_path[each.relative].slug for each in imported
                if each.relative in kept and each.relative in existing.by_path}
    url_of = {each.relative: each.new_path for each in imported}
    site_url = settings.get("SITEURL", "").rstrip("/")
    there = {record["id"]: record for record in store.records()}
    new = []
    for record in responses:
        record["post"] = slug_now.get(record["post"], record["post"])
        if record.get("url") and record.get("type") in {"pingback", "trackback"} and site_url:
            moved = _new_address(record["url"], old_site, url_of, site_url)
            if moved:
                record["url"] = moved
                report.pingbacks_moved += 1
        holder = there.get(record["id"])
        if holder is None:
            new.append(record)
        elif holder == record:
            report.responses_there += 1
        else:
            report.responses_differing.append((record["id"], record["post"]))
    if new:
        store.add(new, source=f"the WordPress export {report.source}")
    report.responses_added = len(new)
    report.responses_file = str(store.target())


def _new_address(url, old_site, url_of, site_url):
    """The new absolute address of an old post's `url` (a self-pingback), or None."""
    absolute = old_site.absolute(url)
    target = old_site.resolve(absolute) if absolute else None
    if target is None or target.kind != "document" or target.file not in url_of:
        return None
    return site_url + url_of[target.file] + (f"#{target.fragment}" if target.fragment else "")


def _drop_comments(comments, reason_if_approved, report):
    for comment in comments:
        report.responses_dropped[drop_reason(comment) or reason_if_approved] += 1
