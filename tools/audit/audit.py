"""Run every check: read the export, read the site in one pass, then check."""

import time
from pathlib import Path

from .checks.addresses import check_addresses
from .checks.feeds import check_feeds
from .checks.links import check_links
from .checks.media import check_media
from .checks.old_site import OldSiteReferences
from .checks.posts import check_posts
from .checks.privacy import PrivacyScan, check_privacy
from .checks.responses import check_responses
from .export import read_export
from .report import AuditReport
from .site import Site, walk

DEFAULT_MAX_DEPTH = 5


class AuditError(Exception):
    """The audit cannot run (no site, unreadable export); the message says which file."""


def run_audit(wxr, site_dir, media=None, max_depth=DEFAULT_MAX_DEPTH, progress=None):
    """Audit the built site in `site_dir` against the export `wxr`; return an AuditReport."""
    started = time.monotonic()
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise AuditError(f"{site_dir}: no built site here (build it first, e.g. invoke preview)")
    if media is not None and not Path(media).is_dir():
        raise AuditError(f"{media}: the media source folder does not exist")
    export = read_export(wxr, progress)
    if progress:
        progress(f"read {len(export.items)} items; reading the site in {site_dir}")
    site = Site(site_dir)
    privacy = PrivacyScan(export)
    references = OldSiteReferences(export.old_hosts)
    for relative, text in walk(site_dir, progress):
        document = site.note(relative, text)
        if text is not None:
            privacy.scan(relative, text, document)
            references.scan(relative, text)
    if not site.titles:
        raise AuditError(f"{site_dir}: no HTML page with a title in this folder")
    posts, found = check_posts(export, site, progress)
    checks = [
        posts,
        check_responses(export, site, found, max_depth),
        check_addresses(export, site, found),
        check_media(export, site, references, Path(media) if media else None),
        check_links(export, site, references, found),
        check_feeds(export, site, found),
        check_privacy(export, site, privacy),
    ]
    posts.notes += export.notes
    return AuditReport(str(wxr), str(site_dir), checks, time.monotonic() - started)
