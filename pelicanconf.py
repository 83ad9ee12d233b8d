"""Settings for local work: relative URLs, no feeds, drafts visible.

publishconf.py imports these and adds what only the published site needs.
"""

import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parent

AUTHOR = "Society for Participatory Medicine"
SITENAME = "Society for Participatory Medicine"
SITESUBTITLE = "Patients, clinicians and researchers, working as partners in care"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
# comments.json is data for the responses plugin, never a page of its own.
IGNORE_FILES = [".#*", "comments.json", "comments"]
STATIC_PATHS = ["images", "extra"]
# robots.txt is rendered from the theme (it names the absolute sitemap URL).
EXTRA_PATH_METADATA = {}

TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
DEFAULT_PAGINATION = 10
DEFAULT_CATEGORY = "general"
USE_FOLDER_AS_CATEGORY = False

# WordPress permalinks, so links into the old site keep working: posts at
# /YYYY/MM/slug/, pages at /slug/. Every listing page lives in its own folder,
# so page N of one tag can never overwrite another tag's page (Pelican's
# default "tag/{slug}{number}.html" makes topic1 page 3 collide with topic13).
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
ARTICLE_LANG_URL = "{date:%Y}/{date:%m}/{slug}/{lang}/"
ARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL + "index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
DRAFT_LANG_URL = "drafts/{slug}/{lang}/"
DRAFT_LANG_SAVE_AS = DRAFT_LANG_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
PAGE_LANG_URL = "{slug}/{lang}/"
PAGE_LANG_SAVE_AS = PAGE_LANG_URL + "index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_URL + "index.html"
DRAFT_PAGE_LANG_URL = "drafts/pages/{slug}/{lang}/"
DRAFT_PAGE_LANG_SAVE_AS = DRAFT_PAGE_LANG_URL + "index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = AUTHORS_URL + "index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL + "index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "search", "404"]
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"

THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = ["categories", "responses", "redirects", "url_cache"]

# Real typography (curly quotes, dashes, ellipses, no widows) for titles,
# summaries and bodies; typogrify leaves pre, code, kbd and script alone.
TYPOGRIFY = True
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "samp", "script", "style", "math"]
# Authors type -- for an en dash and --- for an em dash.
TYPOGRIFY_DASHES = "oldschool"
# These only wrap capitals, ampersands and opening quotes in <span>s for
# styling, which the theme does not use; they cost about 4% of a build.
TYPOGRIFY_OMIT_FILTERS = ["caps", "amp", "initial_quotes"]
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
SUMMARY_MAX_LENGTH = 60
# WordPress marked decorative images alt="", which is right for them; an image
# with no alt at all is still caught by the HTML checker.
LOG_FILTER = [(logging.WARNING, "Empty alt attribute for image %s in %s")]

# Local work shows drafts and builds fast: no feeds, content cache on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
# Full builds start from nothing, so a changed setting or plugin can never be
# hidden by a stale cache. `invoke livereload` (tools/preview) keeps the
# generator layer's finished articles (typogrify included) in memory instead of
# in a pickle on disk.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CONTENT_CACHING_LAYER = "generator"
# Compressing the cache cost more time than reading it back saved (benchmarks.md).
GZIP_CACHE = False
CACHE_PATH = str(ROOT / "cache")

# Each build makes a new template environment, so templates cannot change under
# it; without this, every {% include %} checks its file's mtime on disk.
JINJA_ENVIRONMENT = {"auto_reload": False}

# Theme settings.
# The menu is curated here; pages are not listed on it automatically. Links are
# relative to the site root (or absolute URLs).
MENUITEMS = (("About", "about/"),)
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
SEARCH_ENABLED = True
# How readers can respond now that comments are closed (responses plugin).
RESPONSES_CLOSED_NOTE = "Responses are closed."
# Respond by e-mail (issue #12): with an address here, every post ends with a
# "Respond" section and each response gets a "Reply" link, both mailto: links,
# instead of the closed note. Editors add the approved mail with
# `invoke import-responses --mailbox PATH` (README, "Responses by e-mail").
# RESPONSES_EMAIL = "responses@participatorymedicine.org"

# Theme (issue #4): sitemap.xml and robots.txt are theme templates rendered as
# direct templates; search indexes responses unless this is False.
SEARCH_INCLUDE_RESPONSES = True
TEMPLATE_EXTENSIONS = [".html", ".xml", ".txt"]
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "sitemap", "robots"]
SITEMAP_URL = "sitemap.xml"
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_URL = "robots.txt"
ROBOTS_SAVE_AS = "robots.txt"
# Page 1 of the home page is "/", not "/index.html" (pagination "Newer posts" links).
INDEX_URL = ""

# Media from the WordPress import (issue 14): the old uploads folder is copied
# to content/media/ (tools/wordpress/media.py) and served as static files; a
# post's `Image:` (its featured image) is shown by partials/featured_image.html.
STATIC_PATHS = [*STATIC_PATHS, "media"]
PLUGINS = [*PLUGINS, "featured_image"]
PLUGINS = [*PLUGINS, "srcset"]  # {static} links in srcset (responsive images), plugins/srcset
# Readers first (issue 16): the favicon at the site root for browsers and feed
# readers that ask for /favicon.ico (the theme links its own SVG and PNG);
# plugins/neighbours (previous/next post), plugins/home (Pinned: yes, main
# topics), plugins/tables (tables scroll in a labelled region, never split a word).
EXTRA_PATH_METADATA = {**EXTRA_PATH_METADATA, "extra/favicon.ico": {"path": "favicon.ico"}}
PLUGINS = [*PLUGINS, "neighbours", "home", "tables"]
HOME_INTRO = (
    "The blog of the Society for Participatory Medicine: patients, caregivers, clinicians "
    "and researchers on care as a partnership, since 2011."
)
HOME_TOPICS = 6
# Authors (issue 10) -------------------------------------------------------------------
# content_checks warns about problems any post can have (unknown metadata keys, empty text,
# scaffold text, duplicate slugs, images without alt text, links that lead nowhere);
# scheduled marks posts dated in the future, which the local build shows.
PLUGINS = [*PLUGINS, "content_checks", "scheduled"]
# The sentence `invoke new-post` writes for the author to replace; a post still holding it
# is reported by content_checks.
NEW_POST_PLACEHOLDER = "Write the post here, in Markdown."
CONTENT_CHECKS_PLACEHOLDERS = [NEW_POST_PLACEHOLDER]
# Metadata keys our plugins and theme read, beyond Pelican's own (Title, Date, Category...).
# A plugin that reads a new key adds it here. Redirect_from: plugins/redirects; Image and
# Image_alt: a post's featured image and its alt text (plugins/featured_image); Pinned: kept
# at the top of the home page (plugins/home).
CONTENT_CHECKS_METADATA = ["redirect_from", "image", "image_alt", "pinned"]
# Migration (issue 21): plugins/wordpress_feeds keeps feed readers' subscriptions: a post's
# Guid: (its WordPress <guid>, written by the importer) is its Atom entry id, and copies of
# the feeds answer at WordPress's old feed addresses (/feed/, /category/<slug>/feed/, ...).
PLUGINS = [*PLUGINS, "wordpress_feeds"]
CONTENT_CHECKS_METADATA = [*CONTENT_CHECKS_METADATA, "guid"]
