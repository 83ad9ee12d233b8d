"""Keep old links alive: a small redirect page at every path in `Redirect_from`.

``Redirect_from: /archives/2011/07/slug.html, /old-page/`` on an article or
page writes, at each old path, an HTML5 page with a meta refresh, a canonical
link and a plain link to the new URL. A path ending in "/" or with no file
extension gets ``index.html``. Query URLs (``/?p=123``) cannot be files and are
skipped with a warning. A redirect never replaces a real page: that is logged
as an error, so a build run with ``--fatal errors`` fails.
"""

import html
import logging
import os
import posixpath
from urllib.parse import unquote

from pelican import signals

import site_facts

logger = logging.getLogger(__name__)

DEFAULTS = {
    "REDIRECTS_SEPARATOR": ",",
    "REDIRECTS_INDEX": "index.html",
}
# Written in every redirect page, so a later build can tell its own old
# redirects (safe to rewrite) from real pages (never to be replaced).
MARKER = '<meta name="generator" content="pelican redirects plugin">'
# Drafts keep their old addresses to themselves until they are published.
REDIRECTING = ("published", "hidden")

# finalized() is sent with the Pelican object only, so the redirects found in
# the content are kept here between the two signals, keyed by output folder.
_pending = {}


def _settings(pelican_settings):
    return {**DEFAULTS, **{k: pelican_settings[k] for k in DEFAULTS if k in pelican_settings}}


def redirect_file(old_path, index):
    """The output file for an old URL path, or None when no file can answer it."""
    if "?" in old_path or "#" in old_path:
        return None
    path = unquote(old_path.strip())
    parts = [part for part in path.split("/") if part]
    if not parts or any(part in {".", ".."} for part in parts):
        return None
    if path.endswith("/") or "." not in parts[-1]:
        parts.append(index)
    return "/".join(parts)


def redirect_paths(content, settings):
    """(old path, output file or None) for each old path in `content`'s Redirect_from; the
    content checks refuse, before writing, a redirect onto a page the site writes."""
    options = _settings(settings)
    value = getattr(content, "redirect_from", "")
    return [(old_path, redirect_file(old_path, options["REDIRECTS_INDEX"]))
            for old_path in filter(None, (p.strip() for p in value.split(
                options["REDIRECTS_SEPARATOR"])))]


def collect_redirects(generators):
    """Note each (old path, content) pair and every file the content itself will fill."""
    settings = generators[0].settings
    redirects = []
    content_files = set()
    for content in [*site_facts.contents(generators), *site_facts.static_files(generators)]:
        if getattr(content, "save_as", ""):
            content_files.add(posixpath.normpath(content.save_as))
    for content in site_facts.contents(generators, REDIRECTING):
        redirects += [(old_path, content) for old_path, _ in redirect_paths(content, settings)]
    _pending[settings["OUTPUT_PATH"]] = (redirects, content_files)


def _page(content, target, canonical, lang):
    title = html.escape(site_facts.display_title(content))
    target, canonical = html.escape(target), html.escape(canonical)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        '<meta name="robots" content="noindex">\n'
        f"{MARKER}\n"
        "</head>\n"
        "<body>\n"
        f'<p>This page has moved to <a href="{target}">{title}</a>.</p>\n'
        "</body>\n"
        "</html>\n"
    )


def _is_real_page(path):
    with open(path, encoding="utf-8", errors="replace") as existing:
        return MARKER not in existing.read()


def write_redirects(pelican):
    """Write the redirect pages, now that every real page is in the output."""
    redirects, content_files = _pending.pop(pelican.output_path, ([], set()))
    settings = pelican.settings
    options = _settings(settings)
    site_url = settings.get("SITEURL", "").rstrip("/")
    claimed = {}
    for old_path, content in redirects:
        relative = redirect_file(old_path, options["REDIRECTS_INDEX"])
        if relative is None:
            logger.warning(
                "redirects: %s: cannot redirect %s: a query or bad path is not a file",
                content.source_path,
                old_path,
            )
            continue
        if relative == posixpath.normpath(content.save_as):
            logger.debug("redirects: %s is already the URL of %s", old_path, content.source_path)
            continue
        if relative in claimed and claimed[relative] is not content:
            logger.error(
                "redirects: %s: %s is already redirected to %s",
                content.source_path,
                old_path,
                claimed[relative].source_path,
            )
            continue
        output = os.path.join(pelican.output_path, *relative.split("/"))
        if relative in content_files or (
            relative not in claimed and os.path.isfile(output) and _is_real_page(output)
        ):
            logger.error(
                "redirects: %s: refusing to write a redirect from %s over the real page %s",
                content.source_path,
                old_path,
                relative,
            )
            continue
        if os.path.isdir(output):
            logger.error(
                "redirects: %s: %s is a folder in the output", content.source_path, relative
            )
            continue
        claimed[relative] = content
        depth = relative.count("/")
        relative_target = "../" * depth + content.url
        target = f"{site_url}/{content.url}" if site_url else relative_target
        canonical = f"{site_url}/{content.url}" if site_url else "/" + content.url
        os.makedirs(os.path.dirname(output), exist_ok=True)
        with open(output, "w", encoding="utf-8") as page:
            page.write(_page(content, target, canonical, settings.get("DEFAULT_LANG", "en")))
    logger.info("redirects: %d redirect pages written", len(claimed))


def register():
    signals.all_generators_finalized.connect(collect_redirects)
    signals.finalized.connect(write_redirects)
