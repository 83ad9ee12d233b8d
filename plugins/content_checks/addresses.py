"""Addresses: a post's or page's Slug, Save_as, Url, Lang and Template name a place in this
site, never one outside it, and never one the site writes itself.

Checked once every post is read, before anything is written; each problem is an error, one
line naming the file, the field's line and the field:

- each field on its own: a Slug, Lang or Template is one name (no "/", "\\", control
  character or leading "."); a Save_as or Url is a path inside the site (relative, no "."
  or ".." parts, not another site's address); a Save_as is an .html file; a Lang is a
  language tag; a Template is one the theme has;
- Url and Save_as agree: the address serves the file that is written;
- the address is not one the site writes itself: the home page and its later pages,
  search, 404, the feeds, the sitemap and robots.txt, a category, tag, author or archive
  page (or a later page of one, or a year or month that has no posts yet), the theme's
  folder, the search index's folder, a static file, a redirect page, another post or page;
- a category, tag or author name makes an address (it has a letter or digit).
"""

import posixpath
import re
import string
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

from pelican.paginator import PaginationRule

import site_facts

# Characters a URL may not hold (RFC 3986), or that end its path ("?", "#"); and "/",
# which starts another part.
UNSAFE = set('"<>\\^`{|}?#/')
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
# What a strftime directive in an archive's address can stand for.
DATE_DIRECTIVES = {"%Y": "[0-9]{4}", "%m": "[0-9]{2}", "%d": "[0-9]{2}", "%y": "[0-9]{2}",
                   "%-m": "[0-9]{1,2}", "%-d": "[0-9]{1,2}"}
DIRECT_TEMPLATE_NAMES = {
    "index": "the home page", "search": "the search page", "404": "the page-not-found page",
    "archives": "the archives page", "categories": "the list of categories",
    "tags": "the list of tags", "authors": "the list of authors", "sitemap": "the sitemap",
    "robots": "the robots.txt file",
}
FEEDS = ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS")
TAXONOMY_FEEDS = {"category": ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"),
                  "tag": ("TAG_FEED_ATOM", "TAG_FEED_RSS"),
                  "author": ("AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS")}
# Folders the site fills itself: the theme's files, and Pagefind's search index.
SEARCH_FOLDER = "pagefind"


@dataclass
class Problem:
    """One address problem: the metadata key whose line it is reported at, and the text."""

    key: str
    message: str


def shown(value, limit=60):
    """A value for a message: quoted, control characters written as \\uXXXX, cut short."""
    text = "".join(f"\\u{ord(c):04x}" if is_control(c) else c for c in str(value))
    return "'" + (text if len(text) <= limit else text[:limit] + "…") + "'"


def is_control(character):
    # Cc: C0/C1 controls, tab and newline; Cf: invisible format marks such as the
    # right-to-left override, which disguise an address; Co, Cs, Cn: no character at all.
    return unicodedata.category(character).startswith("C")


def character_problem(value, allowed=""):
    """Why `value` cannot stand in an address: a control character, white space, or a
    character a URL must not hold or gives another meaning ("?", "#"); or None."""
    for character in value:
        if is_control(character):
            return f"holds a control character (U+{ord(character):04X})"
        if character.isspace():
            return f"holds white space (U+{ord(character):04X})"
        if character in UNSAFE and character not in allowed:
            return f"holds '{character}'"
    return None


def name_problem(value):
    """Why `value` is not one part of an address (a slug, a template's name), or None."""
    if reason := character_problem(value):
        return reason
    if unquote(value).startswith("."):
        return "starts with '.'"
    return None


def path_problem(value, file=True):
    """Why `value` is not a path inside the site (a Save_as when `file`, else a Url)."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", value):
        return "leads to another site"
    if value.startswith("/"):
        return "starts with '/' (addresses here are relative to the site, e.g. 'about/')"
    if reason := character_problem(value, allowed="/"):
        return reason
    parts = value.split("/")
    for index, part in enumerate(parts):
        if unquote(part) in (".", ".."):
            return f"holds the part '{part}'"
        if unquote(part).startswith("."):
            return f"holds a hidden name '{part}'"
        if not part and index < len(parts) - 1 and value:
            return "holds '//'"
    if file and not parts[-1]:
        return "names a folder, not a file (end it with index.html)"
    return None


def field_problems(content, templates):
    """Problems with the address fields as written in `content`'s metadata."""
    metadata = content.metadata
    found = []
    slug = metadata.get("slug")
    if isinstance(slug, str) and (reason := name_problem(slug)):
        found.append(Problem("slug", f"Slug {shown(slug)} {reason}; a slug is one part of an "
                                     "address: letters, digits and hyphens, e.g. 'my-post'"))
    for key, label, file in (("save_as", "Save_as", True), ("url", "Url", False)):
        value = metadata.get(key)
        if not isinstance(value, str):
            continue
        reason = path_problem(value, file)
        if reason:
            example = "my-page/index.html" if file else "my-page/"
            found.append(Problem(key, f"{label} {shown(value)} {reason}; write an address in "
                                      f"this site, e.g. '{example}', or delete the line"))
    lang = metadata.get("lang")
    if isinstance(lang, str) and not LANGUAGE_TAG.fullmatch(lang):
        found.append(Problem("lang", f"Lang {shown(lang)} is not a language tag; write one "
                                     "such as 'en' or 'pt-BR'"))
    template = metadata.get("template")
    if isinstance(template, str):
        if not TEMPLATE_NAME.fullmatch(template):
            reason = name_problem(template) or "is not a template's name"
            found.append(Problem("template", f"Template {shown(template)} {reason}; write a "
                                             "template's name, e.g. 'page'"))
        elif not templates(template):
            found.append(Problem("template", f"Template {shown(template)} is not one of the "
                                             "theme's templates; write one it has, e.g. "
                                             "'page', or delete the line"))
    return found


def not_html_problem(content):
    """A Save_as that is no .html file (after its address is found free), or None."""
    value = content.metadata.get("save_as")
    if isinstance(value, str) and not value.endswith(".html"):
        return Problem("save_as", f"Save_as {shown(value)} is not an .html file; write an "
                                  "address in this site, e.g. 'my-page/index.html', or delete "
                                  "the line")
    return None


def agreement_problem(content, site):
    """A Url that does not serve the file Save_as writes, or None."""
    url, save_as = content.url, content.save_as
    served = url + "index.html" if url.endswith("/") or not url else url
    if posixpath.normpath(served) == posixpath.normpath(save_as):
        return None
    metadata = content.metadata
    owner = site.owner(served)
    if "url" in metadata and owner is not None:
        return Problem("url", f"Url {shown(url)} leads to {owner} ({served}); give the "
                              "page an address of its own, or delete the line")
    if "url" in metadata and "save_as" not in metadata:
        return Problem("url", f"Url {shown(url)} does not lead to this page, which is written "
                              f"at {save_as}; give it 'Save_as: {served}' too, or delete Url")
    if "save_as" in metadata and "url" not in metadata:
        wanted = save_as.removesuffix("index.html")
        return Problem("save_as", f"Save_as {shown(save_as)} is not where its address {url} "
                                  f"leads; give it 'Url: {wanted}' too, or delete Save_as")
    if "url" in metadata:
        return Problem("url", f"Url {shown(url)} serves {served}, but Save_as writes "
                              f"{save_as}; make them agree")
    return None


class SiteAddresses:
    """Every file the site writes besides its posts and pages, and what it is: exact paths,
    and patterns for the pages that listings and archives will have."""

    def __init__(self, settings):
        self.settings = settings
        self.exact = {}
        self.patterns = []  # (compiled pattern, description)
        self.folders = {settings["THEME_STATIC_DIR"].strip("/"): "the theme's own files",
                        SEARCH_FOLDER: "the search index"}

    def add(self, path, description):
        if path:
            self.exact.setdefault(posixpath.normpath(path), description)

    def add_listing(self, save_as, url, description):
        """A listing page, and the later pages it has when paginated."""
        self.add(save_as, description)
        for rule in self.settings.get("PAGINATION_PATTERNS", []):
            rule = PaginationRule(*rule)
            if rule.min_page == 1 or not isinstance(rule.SAVE_AS, str):
                continue
            pattern = pagination_pattern(rule.SAVE_AS, save_as, url)
            self.patterns.append((pattern, f"a later page of {description}"))

    def add_archive(self, save_as_format, description):
        if save_as_format:
            self.patterns.append((date_pattern(save_as_format), description))

    def owner(self, path):
        """What the site writes at `path` itself, or None."""
        path = posixpath.normpath(path)
        if path in self.exact:
            return self.exact[path]
        first = path.split("/", 1)[0]
        if first in self.folders and "/" in path:
            return f"inside {first}/, the folder of {self.folders[first]}"
        return next((description for pattern, description in self.patterns
                     if pattern.fullmatch(path)), None)


def pagination_pattern(rule, save_as, url):
    """The later pages of the listing at `save_as`, as Pelican's paginator names them."""
    name, extension = posixpath.splitext(save_as)
    folder, file = posixpath.split(save_as)
    values = {"save_as": save_as, "url": url, "name": name, "extension": extension,
              "base_name": folder if file in ("index.htm", "index.html") else name}
    pattern = ""
    for literal, field, _spec, _conversion in string.Formatter().parse(rule):
        pattern += re.escape(literal)
        if field == "number":
            pattern += "[0-9]+"
        elif field is not None:
            pattern += re.escape(str(values.get(field, "")))
    if pattern.startswith(re.escape("/")):  # Pelican drops one leading "/"
        pattern = pattern[len(re.escape("/")):]
    return re.compile(pattern)


def date_pattern(save_as_format):
    """Every address an archive pattern such as "{date:%Y}/index.html" can make."""
    pattern = ""
    for literal, field, spec, _conversion in string.Formatter().parse(save_as_format):
        pattern += re.escape(literal)
        if field is not None:
            directives = re.split(r"(%-?[A-Za-z])", spec or "")
            pattern += "".join(DATE_DIRECTIVES.get(part, ".+") if part.startswith("%")
                               else re.escape(part) for part in directives)
    return re.compile(pattern)


def site_addresses(settings, articles_generator, static_files, contents):
    """The SiteAddresses of this build."""
    site = SiteAddresses(settings)
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        url = settings.get(f"{name.upper()}_URL", f"{name}.html")
        description = DIRECT_TEMPLATE_NAMES.get(name, f"the {name} page")
        if name in settings.get("PAGINATED_TEMPLATES", {}):
            site.add_listing(save_as, url, description)
        else:
            site.add(save_as, description)
    for key in FEEDS:
        site.add(settings.get(key), f"the feed {settings.get(key)}")
    for key in ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS"):
        if settings.get(key):
            for lang in {content.lang for content in contents}:
                site.add(settings[key].format(lang=lang), "a feed of translations")
    paginated = settings.get("PAGINATED_TEMPLATES", {})
    if articles_generator is not None:
        for kind, wrapper, _ in site_facts.taxonomies(articles_generator):
            description = f"the listing of {kind} '{wrapper.name}'"
            if kind in paginated:
                site.add_listing(wrapper.save_as, wrapper.url, description)
            else:
                site.add(wrapper.save_as, description)
            for key in TAXONOMY_FEEDS[kind]:
                if settings.get(key):
                    site.add(str(settings[key]).format(slug=wrapper.slug),
                             f"the feed of {kind} '{wrapper.name}'")
    for granularity, label in (("YEAR", "a year's archive"), ("MONTH", "a month's archive"),
                               ("DAY", "a day's archive")):
        site.add_archive(settings.get(f"{granularity}_ARCHIVE_SAVE_AS"), label)
    if settings.get("RESPONSES_FEED_ATOM"):
        for content in contents:
            site.add(settings["RESPONSES_FEED_ATOM"].format(slug=content.slug),
                     "a feed of responses")
    for static in static_files:
        site.add(static.save_as, f"the static file {static.relative_source_path}")
    if "decap_cms" in settings.get("PLUGINS", []):
        from decap_cms.decap_cms import admin_path

        folder = admin_path(settings)
        site.folders[folder] = f"the CMS (/{folder}/)"
    return site
