"""Feed readers notice nothing when the blog moves from WordPress.

- **Entry ids.** A post's or page's ``Guid:`` (its WordPress ``<guid>``, written by the
  importer) is its Atom entry's ``<id>``, so subscribers' readers, which know each post by
  that id, do not see years of posts as new. Without ``Guid:``, Pelican's tag URI is used.
  (The responses feeds use ``<guid>#comment-<id>``, as WordPress's comment feeds did.)
- **Old feed addresses.** WordPress served a page's feed at its address plus ``feed/``:
  ``/feed/`` (and ``/feed/atom/``, ``/feed/rss2/``…), ``/comments/feed/``,
  ``/category/<slug>/feed/``, ``/tag/<slug>/feed/``, ``/author/<slug>/feed/`` and a post's
  ``/<post>/feed/`` (its comments). A copy of the new feed is written there as
  ``index.html``: a static host answers ``/feed/`` with that file, and feed readers read
  the feed from the body (they sniff it; none follows an HTML meta refresh). A post's old
  address from ``Redirect_from`` gets its feed copy too. A category or tag whose WordPress
  slug was not the one the site makes of its name (``6.1`` was ``6-1``, here ``61``) gets
  its copy at the old slug too, from WORDPRESS_FEEDS_TERMS: a JSON file the importer writes,
  ``{"category": {"6.1": "6-1"}, "post_tag": {"Standard": ["standard", "standard-2"]}}``
  (name → old slug, or a list when WordPress gave one name several). An address the site
  already fills is never replaced.
"""

import json
import logging
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

from content_checks.content_checks import location
from content_checks.source import Source
from pelican import signals

import site_facts
from pelican_adapter import writer_with_entry_ids
from redirects.redirects import redirect_paths

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Where WordPress served the site's feeds, under the site root.
    "WORDPRESS_FEEDS_SITE": ["feed/", "feed/atom/", "feed/rss2/", "feed/rss/", "feed/rdf/"],
    "WORDPRESS_FEEDS_COMMENTS": ["comments/feed/", "comments/feed/atom/",
                                 "comments/feed/rss2/"],
    # Appended to a category's, tag's, author's or post's address.
    "WORDPRESS_FEEDS_SUFFIX": "feed/",
    "WORDPRESS_FEEDS_INDEX": "index.html",
    # The old slugs of categories and tags, by name (written by the WordPress import);
    # relative to PATH. A missing file means the old slugs were the site's.
    "WORDPRESS_FEEDS_TERMS": "wordpress-terms.json",
}
OLD_PREFIXES = {"category": "category", "post_tag": "tag"}
# Each kind of term's feed setting, and its WordPress taxonomy (a key of OLD_PREFIXES).
TERM_FEEDS = {"category": ("CATEGORY_FEED_ATOM", "category"),
              "tag": ("TAG_FEED_ATOM", "post_tag"),
              "author": ("AUTHOR_FEED_ATOM", None)}
# An Atom id is an IRI (RFC 4287); WordPress's GUIDs are http(s) URLs.
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
# What was written, kept between article_writer_finalized and finalized, by output folder.
_pending = {}


def _settings(pelican_settings):
    return {key: pelican_settings.get(key, default) for key, default in DEFAULTS.items()}


def entry_id(content):
    """The Atom id a post keeps from WordPress, or None."""
    guid = (content.metadata.get("guid") or "").strip()
    return guid if ABSOLUTE_IRI.match(guid) else None


# Pelican's writer, with each feed entry's id taken from ``Guid:`` when it has one.
GuidWriter = writer_with_entry_ids(entry_id)


def get_writer(pelican):
    return GuidWriter


def check_guids(generators):
    """A Guid: that is no absolute IRI, or that another file has too (a post copied to start
    a new one), is a warning naming the file (and the line)."""
    def where(content):  # reads the file again, so only for a warning
        return location(content.source_path, Source(content.source_path).key_line("guid"))

    first_with = {}
    for content in sorted(site_facts.contents(generators), key=lambda c: c.source_path):
        guid = (content.metadata.get("guid") or "").strip()
        if not guid:
            continue
        if not ABSOLUTE_IRI.match(guid):
            logger.warning("wordpress_feeds: %s: Guid %r is not an absolute URI (http://…, "
                           "tag:…, urn:…); write the export's <guid> as it is, or remove the "
                           "line", where(content), guid)
        elif guid in first_with:
            logger.warning("wordpress_feeds: %s: Guid %r is %s's too, and a feed reader shows "
                           "two entries with one id as one; remove the line from the post "
                           "that is not the old site's", where(content), guid, first_with[guid])
        else:
            first_with[guid] = content.relative_source_path


def note_feeds(generator, writer=None):
    """List (old address, written feed file) pairs once the article feeds are written."""
    settings = generator.settings
    options = _settings(settings)
    suffix = options["WORDPRESS_FEEDS_SUFFIX"]
    copies = []
    if settings.get("FEED_ALL_ATOM"):
        copies += [(old, settings["FEED_ALL_ATOM"]) for old in options["WORDPRESS_FEEDS_SITE"]]
    if settings.get("RESPONSES_FEED_ALL_ATOM"):
        copies += [(old, settings["RESPONSES_FEED_ALL_ATOM"])
                   for old in options["WORDPRESS_FEEDS_COMMENTS"]]
    old_slugs = _old_slugs(settings, options)
    for kind, term, _ in site_facts.taxonomies(generator):
        setting, taxonomy = TERM_FEEDS[kind]
        if not settings.get(setting):
            continue
        feed = settings[setting].format(slug=term.slug)
        copies.append((term.url + suffix, feed))
        for old in old_slugs.get(taxonomy, {}).get(term.name, []):
            if old != term.slug:
                copies.append((f"{OLD_PREFIXES[taxonomy]}/{old}/{suffix}", feed))
    if settings.get("RESPONSES_FEED_ATOM"):
        for article in generator.articles:
            feed = settings["RESPONSES_FEED_ATOM"].format(slug=article.slug)
            olds = [article.url, *(old for old, _ in redirect_paths(article, settings))]
            copies += [(old.lstrip("/") + suffix, feed) for old in olds
                       if old.strip() and old.endswith("/") and "?" not in old]
    _pending[settings["OUTPUT_PATH"]] = copies


def _old_slugs(settings, options):
    """{"category"|"post_tag": {name: [old slugs]}} from WORDPRESS_FEEDS_TERMS, or {}."""
    path = Path(settings["PATH"], options["WORDPRESS_FEEDS_TERMS"] or "")
    if not options["WORDPRESS_FEEDS_TERMS"] or not path.is_file():
        return {}
    try:
        terms = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        logger.warning("wordpress_feeds: %s: not a JSON file of old slugs (%s)", path, error)
        return {}
    if not isinstance(terms, dict):
        return {}
    return {taxonomy: {str(name): _segments(old)
                       for name, old in (terms.get(taxonomy) or {}).items()}
            for taxonomy in OLD_PREFIXES}


def _segments(old):
    """The old slugs of one name (WordPress let two terms share a name): each one path
    segment; anything that could climb out of the site or name a folder is left out."""
    slugs = [unquote(str(value)).strip() for value in (old if isinstance(old, list) else [old])]
    return [slug for slug in slugs if slug and "/" not in slug and "\\" not in slug
            and slug not in {".", ".."} and slug.isprintable()]


def write_copies(pelican):
    """Copy each written feed to its old addresses; never over a file the site wrote."""
    copies = _pending.pop(pelican.output_path, [])
    options = _settings(pelican.settings)
    output = Path(pelican.output_path)
    written = 0
    for old, feed in dict.fromkeys(copies):
        source = output / feed
        relative = posixpath.normpath(old.lstrip("/") + options["WORDPRESS_FEEDS_INDEX"])
        if relative.startswith("..") or not source.is_file():
            continue  # a post with no responses has no responses feed
        target = output / relative
        if target.exists():
            logger.warning("wordpress_feeds: the old feed address /%s is already a page of "
                           "the site (%s); its feed %s is not copied there", old, relative, feed)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written += 1
    if written:
        logger.info("wordpress_feeds: %d feeds copied to their old WordPress addresses", written)


def register():
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(check_guids)
    signals.article_writer_finalized.connect(note_feeds)
    signals.finalized.connect(write_copies)
