"""The site's own URL patterns, read from its settings file: where an imported post or page
will live, and which output files the site writes itself (an old link there cannot be a
redirect). Nothing here copies a pattern from pelicanconf.py."""

import re
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

# The published site's settings (pelicanconf.py plus feeds): old links arrive there.
SETTINGS_FILE = Path(__file__).resolve().parents[2] / "publishconf.py"
_PLACEHOLDER = re.compile(r"(\{base_name\}/|\{[^{}]*\})")
# What each placeholder of a *_SAVE_AS can stand for; anything else is one path segment.
_PLACEHOLDER_REGEX = {"{date:%Y}": r"\d{4}", "{date:%m}": r"\d{2}", "{date:%d}": r"\d{2}",
                      "{number}": r"\d+", "{base_name}/": "(?:.+/)?"}


def read_settings(settings_file=SETTINGS_FILE):
    return {**DEFAULT_CONFIG, **get_settings_from_file(str(settings_file))}


def save_as(settings, kind, slug, date=None):
    """The output file of a post ("post", with its date) or a page, as Pelican names it."""
    if kind == "page":
        return settings["PAGE_SAVE_AS"].format(slug=slug)
    return settings["ARTICLE_SAVE_AS"].format(slug=slug, date=date)


def url(settings, kind, slug, date=None):
    """The address of a post or page under the site's root, "/2011/07/slug/"."""
    if kind == "page":
        return "/" + settings["PAGE_URL"].format(slug=slug)
    return "/" + settings["ARTICLE_URL"].format(slug=slug, date=date)


def _as_regex(save_as):
    """A *_SAVE_AS pattern as a regex."""
    return "".join(_PLACEHOLDER_REGEX.get(part, "[^/]+") if index % 2 else re.escape(part)
                   for index, part in enumerate(_PLACEHOLDER.split(save_as)))


def site_page_pattern(settings):
    """A regex matching every output file the site writes besides posts and pages."""
    listings = [settings["INDEX_SAVE_AS"]]
    listings += [settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
                 for name in settings["DIRECT_TEMPLATES"]]
    listings += [settings[name] for name in (
        "CATEGORY_SAVE_AS", "TAG_SAVE_AS", "AUTHOR_SAVE_AS", "YEAR_ARCHIVE_SAVE_AS",
        "MONTH_ARCHIVE_SAVE_AS", "DAY_ARCHIVE_SAVE_AS")]
    patterns = [_as_regex(save_as) for save_as in listings if save_as]
    # Page 2 onwards of any listing, as PAGINATION_PATTERNS names them.
    patterns += [_as_regex(save_as) for minimum, _, save_as in settings["PAGINATION_PATTERNS"]
                 if minimum > 1]
    patterns += [_as_regex(value) for name, value in settings.items()
                 if re.fullmatch(r"[A-Z_]*FEED[A-Z_]*_(ATOM|RSS)", name) and isinstance(value, str)]
    # Whole folders the site owns: the theme's static files, and drafts.
    patterns += [re.escape(settings["THEME_STATIC_DIR"]) + "/.*", "drafts/.*"]
    return re.compile("^(?:" + "|".join(patterns) + ")$")
