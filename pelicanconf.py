"""Settings for local work: relative URLs, no feeds, drafts visible.

publishconf.py imports these and adds what only the published site needs. Arranged by topic;
each plugin's own settings sit under its topic, with its defaults in the plugin.
"""

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

# The site ----------------------------------------------------------------------------------
AUTHOR = "Society for Participatory Medicine"
SITENAME = "Society for Participatory Medicine"
SITESUBTITLE = "Patients, clinicians and researchers, working as partners in care"
SITEURL = ""
RELATIVE_URLS = True
# The address readers know the site by (the old WordPress blog's too): publishconf.py builds
# for it unless GitHub Pages serves the site elsewhere, and links to it are checked as links
# within the site.
PUBLISHED_SITEURL = "https://blog.participatorymedicine.org"
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# Content -----------------------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
# comments.json is data for the responses plugin, never a page of its own.
IGNORE_FILES = [".#*", "comments.json", "comments"]
# media/ holds the old site's uploads, brought along by the WordPress import.
STATIC_PATHS = ["images", "extra", "media"]
# The favicon at the site root for browsers and feed readers that ask for /favicon.ico
# (the theme links its own SVG and PNG). robots.txt is rendered from the theme.
EXTRA_PATH_METADATA = {"extra/favicon.ico": {"path": "favicon.ico"}}
DEFAULT_CATEGORY = "general"
USE_FOLDER_AS_CATEGORY = False

# Writing: Markdown and typography ----------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
# Real typography (curly quotes, dashes, ellipses, no widows) for titles,
# summaries and bodies; typogrify leaves pre, code, kbd and script alone.
TYPOGRIFY = True
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "samp", "script", "style", "math"]
# Authors type -- for an en dash and --- for an em dash.
TYPOGRIFY_DASHES = "oldschool"
# These only wrap capitals, ampersands and opening quotes in <span>s for
# styling, which the theme does not use; they cost about 4% of a build.
TYPOGRIFY_OMIT_FILTERS = ["caps", "amp", "initial_quotes"]
SUMMARY_MAX_LENGTH = 60
# reStructuredText's include, raw and csv-table directives can read any file of the machine
# that builds the site into a post: a post is built from its own text only.
DOCUTILS_SETTINGS = {"file_insertion_enabled": False}
# WordPress marked decorative images alt="", which is right for them; an image
# with no alt at all is still caught by the HTML checker.
LOG_FILTER = [(logging.WARNING, "Empty alt attribute for image %s in %s")]

# Addresses ---------------------------------------------------------------------------------
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
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# Page 1 of the home page is "/", not "/index.html" (pagination "Newer posts" links).
INDEX_URL = ""
# sitemap.xml and robots.txt are theme templates rendered as direct templates.
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "search", "404",
                    "sitemap", "robots"]
TEMPLATE_EXTENSIONS = [".html", ".xml", ".txt"]
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"
SITEMAP_URL = "sitemap.xml"
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_URL = "robots.txt"
ROBOTS_SAVE_AS = "robots.txt"

# Plugins -----------------------------------------------------------------------------------
PLUGIN_PATHS = [str(ROOT / "plugins")]
# Plugins import each other, and the modules they share there (pelican_adapter, site_facts),
# by the names Pelican loads them under, under the plain `pelican` command too, as
# tools/__init__.py does for the tools.
if PLUGIN_PATHS[0] not in sys.path:
    sys.path.insert(0, PLUGIN_PATHS[0])
PLUGINS = [
    "titles",  # a Title is text: escaped before typogrify, shown and never run as markup
    "categories",  # several categories per post (Category: a, b, c)
    "responses",  # the old comment threads, from content/comments.json
    "redirects",  # pages at old WordPress addresses (Redirect_from:)
    "url_cache",  # URLs worked out once a build
    "featured_image",  # a post's Image: for the theme and og:image
    "srcset",  # {static} links inside srcset (responsive images)
    "neighbours",  # previous and next post
    "home",  # Pinned: yes, the home page's main topics
    "tables",  # tables scroll in a labelled region instead of splitting words
    "content_checks",  # what `invoke check` finds (unknown keys, dead links, no alt text...)
    "scheduled",  # posts dated in the future, marked in local builds
    "images",  # pictures published as copies made for phones, without metadata
    "wordpress_feeds",  # Guid: as Atom entry ids, feed copies at WordPress's feed addresses
    "decap_cms",  # /admin/: writing in the browser (Decap CMS), configured from these settings
]

# Authors' checks (plugins/content_checks) --------------------------------------------------
# The sentence `invoke new-post` writes for the author to replace; a post still holding it
# is reported.
NEW_POST_PLACEHOLDER = "Write the post here, in Markdown."
CONTENT_CHECKS_PLACEHOLDERS = [NEW_POST_PLACEHOLDER]
# Metadata keys our plugins and theme read, beyond Pelican's own (Title, Date, Category...).
# A plugin that reads a new key adds it here. Redirect_from: plugins/redirects; Image and
# Image_alt: a post's featured image and its alt text (plugins/featured_image); Pinned: kept
# at the top of the home page (plugins/home); Guid: the WordPress <guid> the import writes, the
# id feed readers know a migrated post by (plugins/wordpress_feeds).
CONTENT_CHECKS_METADATA = ["redirect_from", "image", "image_alt", "pinned", "guid"]
# Links written as the site's full address are checked as links within the site.
CONTENT_CHECKS_SITE_URLS = [PUBLISHED_SITEURL]

# Photos and images (plugins/images) --------------------------------------------------------
# Every JPEG, PNG, GIF and WebP is published as copies: upright, stripped of all metadata
# (GPS, camera, serial, thumbnail, comments), in WebP and the original's format at these
# widths (never wider than the original), with width, height and lazy loading in the markup.
# Originals stay in content/, unpublished. Copies are cached by the original's sha256 under
# CACHE_PATH/images. Needs srcset (above): it resolves the links in the pictures' srcset.
IMAGES_WIDTHS = [360, 720, 1200]
IMAGES_QUALITY = {"webp": 75, "jpeg": 80, "full": 90}

# Writing in the browser (plugins/decap_cms) ------------------------------------------------
# /admin/ is Decap CMS, its config.yml written from these settings and the content on every
# build. `invoke cms` runs it on this computer, saving into the working tree; the published
# site signs in to GitHub with DECAP_CMS_REPO and DECAP_CMS_AUTH_URL (publishconf.py and
# docs/maintainers.md).

# Responses (plugins/responses) -------------------------------------------------------------
# How readers can respond now that comments are closed.
RESPONSES_CLOSED_NOTE = "Responses are closed."
# Respond by e-mail: with an address here, every post ends with a "Respond" section and
# each response gets a "Reply" link, both mailto: links, instead of the closed note.
# Editors add the approved mail with `invoke import-responses` (docs/editors.md).
# RESPONSES_EMAIL = "responses@participatorymedicine.org"
# The folder of approved mail, read by `invoke import-responses` with no --mailbox or
# --imap (the password is RESPONSES_IMAP_PASSWORD in the environment, never here).
# RESPONSES_IMAP_URL = "imaps://responses%40participatorymedicine.org@imap.example.org/Approved"

# Theme -------------------------------------------------------------------------------------
THEME = str(ROOT / "theme")
# The menu is curated here; pages are not listed on it automatically. Links are
# relative to the site root (or absolute URLs).
MENUITEMS = (("About", "about/"),)
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False
HOME_INTRO = (
    "The blog of the Society for Participatory Medicine: patients, caregivers, clinicians "
    "and researchers on care as a partnership, since 2011."
)
HOME_TOPICS = 6
SEARCH_ENABLED = True
# The search index includes responses unless this is False.
SEARCH_INCLUDE_RESPONSES = True

# Building ----------------------------------------------------------------------------------
# Local work builds fast: no feeds (publishconf.py adds them).
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
# Compressing the cache cost more time than reading it back saved (docs/benchmarks.md).
GZIP_CACHE = False
CACHE_PATH = str(ROOT / "cache")
# Each build makes a new template environment, so templates cannot change under
# it; without this, every {% include %} checks its file's mtime on disk. Every value is
# escaped unless it is safe HTML: post bodies and summaries (marked |safe in the theme),
# sanitised responses and titles (Markup from their plugins).
JINJA_ENVIRONMENT = {"auto_reload": False, "autoescape": True}
