"""Featured images: an article's or page's ``Image:`` made ready for the theme.

``Image: {static}/media/2019/03/photo.png`` names a static file (the
``{static}`` prefix is optional; the path is relative to the content folder),
or an absolute http(s) URL; ``Image_alt:`` is its alt text (none: decorative).
Each such article or page gets ``featured_image``, a dict with ``url`` (the
file's site-relative URL, or the absolute URL), ``absolute`` and ``alt``; the
theme shows it (partials/featured_image.html) and names it in og:image. A path
that is no static file is a warning, as Pelican's own {static} links are, so the
publish build (``--fatal warnings``) stops on it.
"""

import logging

from content_checks.content_checks import location
from content_checks.files import outside
from content_checks.source import Source
from pelican import signals

import site_facts

logger = logging.getLogger(__name__)

STATIC_PREFIXES = ("{static}", "|static|")


def without_prefix(value):
    """An Image: value without its {static} (or |static|) prefix; a leading "/" stays."""
    for prefix in STATIC_PREFIXES:
        value = value.removeprefix(prefix)
    return value


def featured_image(content, static_files):
    """The featured_image dict for `content`, or None."""
    value = (content.metadata.get("image") or "").strip()
    if not value:
        return None
    alt = (content.metadata.get("image_alt") or "").strip()
    if value.startswith(("http://", "https://")):
        return {"url": value, "absolute": True, "alt": alt}
    value = without_prefix(value)
    static = static_files.get(value.lstrip("/"))
    if static is not None:
        return {"url": static.url, "absolute": False, "alt": alt}
    where = location(content.source_path, Source(content.source_path).key_line("image"))
    if outside(value.lstrip("/"), content.settings["PATH"]):
        logger.error("featured_image: %s: Image %s leads out of the content folder, and only "
                     "files in it are published; name a file in content/, or delete the line",
                     where, value)
    else:
        logger.warning("featured_image: %s: Image %s is not a static file (STATIC_PATHS: %s)",
                       where, value, ", ".join(content.settings["STATIC_PATHS"]))
    return None


def attach_featured_images(generators):
    static_files = {}
    for generator in generators:
        static_files = generator.context.get("static_content", static_files)
    for content in site_facts.contents(generators):
        content.featured_image = featured_image(content, static_files)


def register():
    signals.all_generators_finalized.connect(attach_featured_images)
