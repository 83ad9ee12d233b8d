"""Checks that hold for any content, each problem one warning naming the file and line.

Every message starts with ``content_checks:`` and then ``path:line: what is wrong; what to
do``, so the local build shows it and the publish build (``--fatal warnings``) stops on it:

- a metadata key no reader uses (``Catgory:``), with the nearest known key as a suggestion;
- a post or page with no text, or with the new-post scaffold's sentence still in it;
- two posts (or two pages) with the same slug (an error: one would overwrite the other);
- an image without alt text;
- a ``{filename}``/``{static}`` link that leads nowhere or to a post that is not published,
  and (once the site is written) a plain internal link or image with no file behind it;
- an address too long to be a file name (an error: the build would crash writing it);
- a Slug, Save_as, Url, Lang or Template that leads out of the site or onto a page the site
  writes itself (errors; addresses.py);
- a symbolic link in the content folder or the theme, or a link leading out of the content
  folder (errors, before anything is read through them; files.py);
- a ``Date:`` or ``Modified:`` not written ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM`` (an error:
  Pelican would guess, and ``01/12/2026`` is January 12 to it).

A link is within the site when it is relative, starts with ``/``, or starts with one of the
site's own addresses (``SITEURL`` and ``CONTENT_CHECKS_SITE_URLS``).

What the build writes is checked, and in the publish build also the posts scheduled for
later (so the daily run that publishes one finds nothing new); drafts only where they are
written, in local builds.

The known keys are Pelican's own plus ``CONTENT_CHECKS_METADATA``, the site's list: a plugin
that reads a key of its own adds it to that list in pelicanconf.py, as every plugin here does.
"""

import difflib
import html
import logging
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.contents import Article, Page
from pelican.utils import sanitised_join
from scheduled.clock import DateError, parse_date

import site_facts
from pelican_adapter import body

from . import addresses, files
from .source import Source

logger = logging.getLogger(__name__)

# Keys Pelican itself reads from a post's header.
PELICAN_METADATA = (
    "title", "date", "modified", "tags", "keywords", "category", "slug", "author", "authors",
    "summary", "lang", "translation", "status", "template", "save_as", "url",
)
DEFAULTS = {
    # Keys the site's plugins and theme read (pelicanconf.py lists them).
    "CONTENT_CHECKS_METADATA": [],
    # Text the new-post scaffold writes for the author to replace.
    "CONTENT_CHECKS_PLACEHOLDERS": [],
    # The site's own addresses (besides SITEURL): a link written as https://<one of them>/...
    # is checked as a link within the site.
    "CONTENT_CHECKS_SITE_URLS": [],
}
INTRASITE_LINK = re.compile(r"\{(?P<what>filename|static|attach)\}(?P<target>[^\s)\"'<>\]]+)")
EMPTY_MARKDOWN_IMAGE = re.compile(r"!\[\s*\]\(")
HTML_IMAGE_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt\s*=)[^>]*>", re.IGNORECASE)
EMBEDDED = re.compile(r"<(?:img|iframe|video|audio|object|embed|svg|picture)\b", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
# Pelican's own link replacement finds links the same way (its INTRASITE_LINK_REGEX).
LINK_ATTRIBUTE = re.compile(r"""<[^>]*?\b(?:href|src)\s*=\s*(["'])(?P<url>.*?)\1""", re.IGNORECASE)
MAX_FILE_NAME_BYTES = 255
DATE_KEYS = ("date", "modified")

# finalized() is sent with the Pelican object only: what was written is kept here between
# the two signals, keyed by output folder.
_written = {}


def _settings(pelican_settings):
    return {key: pelican_settings.get(key, default) for key, default in DEFAULTS.items()}


def display_path(path):
    """A path as the author types it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def location(path, line=None):
    """Where a message points: the file as the author types it, then ":line" when known."""
    return display_path(str(path)) + (f":{line}" if line else "")


def problem(path, line, message, level=logging.WARNING, **extra):
    # source_path and source_line put the build's report in file and line order.
    logger.log(level, "content_checks: %s: %s", location(path, line), message,
               extra={"content_check": True, "source_path": display_path(str(path)),
                      "source_line": line or 0, **extra})


def is_empty(html):
    """True when the body has no text and nothing embedded (an image, a video...)."""
    html = html or ""
    return not EMBEDDED.search(html) and not TAG.sub("", html).strip()


def check_metadata(source, known):
    for line, key in source.header():
        if key.lower() in known:
            continue
        guess = difflib.get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.6)
        advice = (f"did you mean '{guess[0].capitalize()}'?" if guess
                  else "fix its name or delete the line")
        problem(source.path, line, f"'{key}' is not a metadata key this site reads, so it "
                f"would be ignored; {advice}")


def check_dates(source):
    """Date: and Modified: in the one form the site reads; Pelican would guess at any other."""
    for line, key, value in source.metadata_lines():
        if key.lower() in DATE_KEYS:
            try:
                parse_date(value, key.capitalize())
            except DateError as error:
                problem(source.path, line, str(error), level=logging.ERROR)


def check_text(content, source, placeholders):
    if is_empty(body(content)):
        problem(source.path, None, "has no text; write it below the metadata and one blank "
                "line (or keep 'Status: draft' until it is ready)")
    for placeholder in placeholders:
        line = source.line_of(placeholder)
        if line:
            problem(source.path, line, f"still has the scaffold's '{placeholder}'; replace "
                    "it with the text")
    for line, text in source.body_lines():
        if EMPTY_MARKDOWN_IMAGE.search(text) or HTML_IMAGE_WITHOUT_ALT.search(text):
            problem(source.path, line, "an image has no alt text; describe it for readers "
                    "who cannot see it: ![what the image shows]({static}/images/file.jpg)")


def suggest(what, path, context):
    """Advice for a link that leads nowhere: the file of that name, if there is one."""
    name = posixpath.basename(path)
    for key in ("generated_content", "static_content"):
        for known in sorted(context[key]):
            # Pelican makes a static entry even for a missing linked file: skip that one.
            if posixpath.basename(known) == name and known != path and os.path.isfile(
                    os.path.join(context["PATH"], known)):
                return f"did you mean {{{what}}}/{known}?"
    # Pelican reads {static} and {filename} paths from the content folder when they start
    # with "/", and from the post's own folder otherwise.
    return "fix the path (relative to this file, or from content/ when it starts with /)"


def check_intrasite_links(content, source, context, reported_outside):
    for line, text in source.body_lines():
        for match in INTRASITE_LINK.finditer(text):
            # A srcset candidate with no descriptor ends at its comma.
            what, target = match["what"], match["target"].rstrip(",")
            path = site_facts.linked_source(content, unquote(urlsplit(target).path))
            if files.outside(path, content.settings["PATH"]):
                problem(source.path, line, f"the link {{{what}}}{target} leads out of the "
                        "content folder, and only files in it are published; link a file in "
                        "content/, or delete the link", level=logging.ERROR, url=target,
                        linked_file=os.path.join(content.settings["PATH"], path))
                reported_outside.add(os.path.normpath(
                    os.path.join(content.settings["PATH"], path)))
                continue
            linked = context["generated_content"].get(path) if what == "filename" else None
            # Pelican makes a static file of any linked path, even one missing on disk.
            if linked is None and os.path.isfile(os.path.join(content.settings["PATH"], path)):
                continue
            if linked is None:
                problem(source.path, line, f"the link {{{what}}}{target} leads nowhere: no "
                        f"file {path} in the content folder; "
                        f"{suggest(what, path, context)}", url=target,
                        linked_file=os.path.join(content.settings["PATH"], path))
            elif not getattr(linked, "save_as", "x"):
                problem(source.path, line, f"links to {display_path(linked.source_path)}, "
                        "which is not published (a draft, or dated in the future); link to "
                        "it once it is published", url=target)


def check_address(content, source):
    for part in content.save_as.split("/"):
        if len(part.encode("utf-8")) > MAX_FILE_NAME_BYTES:
            problem(source.path, source.key_line("slug") or source.key_line("title"),
                    f"its address part '{part[:40]}…' is {len(part)} characters, too long for "
                    "a file name; give it a shorter 'Slug:' (at most 80 characters)",
                    level=logging.ERROR)
            return


def kind_of(content):
    return "page" if isinstance(content, Page) else "post"


def check_address_fields(content, source, templates):
    """Slug, Save_as, Url, Lang and Template, each on its own (addresses.py); True when one
    is refused (its address is then not checked again against the others)."""
    found = addresses.field_problems(content, templates)
    for each in found:
        problem(source.path, source.key_line(each.key), each.message, level=logging.ERROR)
    return bool(found)


def check_taxonomy_names(content, source):
    """Every category, tag and author of a written post has an address of its own."""
    for kind, key, wrappers in (
            ("Category", "category", getattr(content, "categories", None)
             or [getattr(content, "category", None)]),
            ("Tag", "tags", getattr(content, "tags", [])),
            ("Author", "author", getattr(content, "authors", []))):
        for wrapper in wrappers:
            if wrapper is not None and not wrapper.slug:
                line = source.key_line(key) or source.key_line(key + "s")
                problem(source.path, line, f"{kind} {addresses.shown(wrapper.name)} has no "
                        "letter or digit to make its address from; rename it",
                        level=logging.ERROR)


def taken_message(content, path, owner):
    """Why `content`'s address is refused: the field that made it, and what is there."""
    metadata = content.metadata
    if "save_as" in metadata:
        return "save_as", (f"Save_as {addresses.shown(metadata['save_as'])} is {owner}; give "
                           f"the {kind_of(content)} another Save_as, or delete the line")
    if "slug" in metadata:
        return "slug", (f"Slug {addresses.shown(metadata['slug'])} makes its address {path}, "
                        f"which is {owner}; give it another Slug")
    return "title", (f"its address {path} (made from its title) is {owner}; give it a "
                     "'Slug:' of its own")


def check_addresses(written, refused, sources, generators, settings, context):
    """No post or page takes an address the site writes itself or another's; no redirect
    takes one either (a real page always keeps its address); Url and Save_as agree.
    `refused`: contents whose fields were refused already."""
    articles_generator = next((g for g in generators if hasattr(g, "drafts")), None)
    site = addresses.site_addresses(settings, articles_generator,
                                    context.get("staticfiles", []), written)
    by_path = {}
    for content in written:
        if content not in refused:
            by_path.setdefault(posixpath.normpath(content.save_as), []).append(content)
    for path, same in by_path.items():
        # A Save_as that takes the address of a post or page without one is that one's fault.
        chosen = [c for c in same if "save_as" in c.metadata]
        others = [c for c in same if "save_as" not in c.metadata]
        for content in same:
            source = sources[content]
            owner = site.owner(path)
            if owner is None and content in chosen and others:
                owner = f"the address of the {kind_of(others[0])} " \
                        f"{display_path(others[0].source_path)}"
            found = (addresses.not_html_problem(content)
                     or addresses.agreement_problem(content, site))
            if owner is not None:
                key, message = taken_message(content, path, owner)
                problem(source.path, source.key_line(key), message, level=logging.ERROR)
            elif found is not None:
                problem(source.path, source.key_line(found.key), found.message,
                        level=logging.ERROR)
        # Two with one slug are named by check_duplicate_slugs already.
        if len(same) > 1 and not (chosen and others) and len(
                {(c.slug, c.lang) for c in same}) > 1:
            paths = sorted(display_path(c.source_path) for c in same)
            problem(paths[0], None, f"{len(same)} posts and pages are written at {path} ("
                    f"{', '.join(paths)}); give all but one of them another 'Slug:' or "
                    "'Save_as:'", level=logging.ERROR)
    for relative, (old_path, content) in redirect_pages(written, settings).items():
        owner = site.owner(relative)
        if owner is None and relative in by_path:
            owner = f"the {kind_of(by_path[relative][0])} " \
                    f"{display_path(by_path[relative][0].source_path)}"
        if owner is not None:
            source = sources[content]
            problem(source.path, source.key_line("redirect_from"), f"Redirect_from "
                    f"{addresses.shown(old_path)} would replace {owner} ({relative}); "
                    "delete it from the line", level=logging.ERROR)


def redirect_pages(written, settings):
    """{output path: (old path, content)} of the redirect pages the redirects plugin writes."""
    if "redirects" not in settings.get("PLUGINS", []):
        return {}
    from redirects.redirects import REDIRECTING, redirect_paths

    pages = {}
    for content in written:
        if content.status not in REDIRECTING:
            continue
        for old_path, relative in redirect_paths(content, settings):
            if relative is not None and relative != posixpath.normpath(content.save_as):
                pages.setdefault(relative, (old_path, content))
    return pages


def check_static_files(context, settings, reported):
    """A static file outside the content folder (a {static} or {attach} link asked for it),
    or written outside the output folder, is never copied. The copies plugins/images makes
    of the content's photos live in CACHE_PATH, which only the build writes."""
    for static in context.get("staticfiles", []):
        full = os.path.normpath(os.path.join(settings["PATH"], static.source_path))
        if full in reported:
            continue
        if files.outside(full, settings["PATH"]) and files.outside(full, settings["CACHE_PATH"]):
            problem(full, None, "is outside the content folder, and only files in it are "
                    "published; a {static} or {attach} link leads to it: delete the link",
                    level=logging.ERROR)
        elif files.outside(static.save_as, settings["OUTPUT_PATH"]):
            problem(full, None, f"would be copied to {static.save_as}, outside the site; "
                    "fix its path in EXTRA_PATH_METADATA", level=logging.ERROR)


def check_duplicate_slugs(kind, contents):
    by_slug = {}
    for content in contents:
        if getattr(content, "slug", None):
            # Drafts are written under drafts/, apart from published posts.
            draft = content.metadata.get("status") == "draft"
            by_slug.setdefault((content.slug, content.lang, draft), []).append(content)
    for (slug, _lang, _draft), same in by_slug.items():
        if len(same) > 1:
            paths = sorted(display_path(c.source_path) for c in same)
            problem(paths[0], None, f"{len(same)} {kind} have the slug '{slug}' ("
                    f"{', '.join(paths)}); give all but one of them another 'Slug:'",
                    level=logging.ERROR)


def check_content(generators):
    """Check every post and page once all of them are read, before anything is written."""
    if not generators:
        return
    context, settings = generators[-1].context, generators[-1].settings
    articles, pages = site_facts.articles(generators), site_facts.pages(generators)
    options = _settings(settings)
    known = {*PELICAN_METADATA, *(key.lower() for key in options["CONTENT_CHECKS_METADATA"])}
    templates = template_finder(generators)
    written, checked, sources, refused = [], set(), {}, set()
    reported_outside = set()
    for content in dict.fromkeys([*articles, *pages]):
        # A post scheduled for later is checked now, so that the daily run that publishes
        # it does not find its problems on the day (plugins/scheduled marks it).
        if not (content.save_as or getattr(content, "scheduled", False)):
            continue  # a draft in the publish build: nobody reads it yet
        checked.add(content)
        source = sources[content] = Source(content.source_path)
        if source.is_markdown:
            check_metadata(source, known)
            check_dates(source)
        check_text(content, source, options["CONTENT_CHECKS_PLACEHOLDERS"])
        check_intrasite_links(content, source, context, reported_outside)
        if check_address_fields(content, source, templates):
            refused.add(content)
        if content.save_as:
            written.append(content)
            check_address(content, source)
            check_taxonomy_names(content, source)
    check_duplicate_slugs("posts", [c for c in articles if c in checked])
    check_duplicate_slugs("pages", [c for c in pages if c in checked])
    check_addresses(written, refused, sources, generators, settings, context)
    check_static_files(context, settings, reported_outside)
    _written[settings["OUTPUT_PATH"]] = written


def template_finder(generators):
    """exists(name): can the theme render a page with Template: name (as Pelican looks)?"""
    generator = next((g for g in generators if hasattr(g, "get_template")), None)

    def exists(name):
        try:
            generator.get_template(name)
        except Exception:  # Pelican's PelicanTemplateNotFound, or a template's own error
            return False
        return True

    return exists


def check_save_as_on_read(content):
    """A Save_as Pelican skips as outside the output folder: named here, in the same words
    as every other address problem (Pelican's own message names no line)."""
    if not isinstance(content, Page | Article) or "save_as" not in content.metadata:
        return
    try:
        sanitised_join(content.settings["OUTPUT_PATH"], content.save_as)
    except (RuntimeError, KeyError):
        source = Source(content.source_path)
        for found in addresses.field_problems(content, lambda name: True):
            if found.key == "save_as":
                problem(source.path, source.key_line("save_as"), found.message,
                        level=logging.ERROR)


def refuse_symlinks(pelican):
    """As each build starts: name every symbolic link, then stop before anything is read."""
    found = files.symlinks(pelican.settings)
    for path in found:
        problem(path, None, files.symlink_problem(path), level=logging.ERROR)
    if found:
        raise files.Refused(f"{len(found)} symbolic link{'s' * (len(found) != 1)} refused; "
                            "nothing was read")



def site_path(url, addresses):
    """The link as a path within the site, or None for a link elsewhere: a relative or
    root-relative link as it is, an absolute one to one of the site's `addresses` (http or
    https) as the path after it."""
    parts = urlsplit(url)
    if url.startswith("#") or "{" in url or "|" in url:
        return None
    if not (parts.scheme or parts.netloc):
        return url if parts.path else None
    if parts.scheme not in ("http", "https"):
        return None
    for address in addresses:
        base = urlsplit(address)
        prefix = base.path.rstrip("/")
        if parts.netloc.lower() == base.netloc.lower() and (
                parts.path == prefix or parts.path.startswith(prefix + "/")):
            return parts.path[len(prefix):] or "/"
    return None


def site_addresses(settings):
    """SITEURL, when it is an address, and the site's other addresses."""
    listed = [settings["SITEURL"], *_settings(settings)["CONTENT_CHECKS_SITE_URLS"]]
    return [address for address in listed if urlsplit(address or "").netloc]


def output_file(output, content, url):
    path = unquote(urlsplit(url).path)
    if path.startswith("/"):
        relative = path.lstrip("/")
    else:
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(content.save_as), path))
    target = Path(output) / relative
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def check_written_links(pelican):
    """Once the site is written: every plain internal link and image in a post has a file."""
    output, addresses = pelican.settings["OUTPUT_PATH"], site_addresses(pelican.settings)
    for content in _written.pop(output, []):
        urls = (html.unescape(m["url"]) for m in LINK_ATTRIBUTE.finditer(body(content) or ""))
        source = None
        for url in dict.fromkeys(urls):
            path = site_path(url, addresses)
            if path is not None and not output_file(output, content, path).exists():
                source = source or Source(content.source_path)
                problem(source.path, source.line_of(url), f"the link {url} leads nowhere in "
                        "the built site; link posts with {filename}/posts/… and images with "
                        "{static}/images/…", url=url)


def check_written_links_last(pelican):
    """The written site includes what other plugins write at `finalized` (plugins/redirects'
    pages): the check joins that signal here, once every plugin has registered its own
    receivers, so it runs after them wherever content_checks stands in PLUGINS."""
    signals.finalized.connect(check_written_links)


def register():
    signals.get_generators.connect(refuse_symlinks)  # as each build starts, before reading
    signals.content_object_init.connect(check_save_as_on_read)
    signals.all_generators_finalized.connect(check_content)
    signals.initialized.connect(check_written_links_last)
