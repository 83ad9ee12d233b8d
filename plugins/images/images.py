"""Photos made for phones, without their secrets: every published image is a copy.

Each JPEG, PNG, GIF and WebP file Pelican would copy into the site (``STATIC_PATHS``, and any
file a post links with ``{static}``) is published instead as copies made by derive.py:
upright, in sRGB, with no metadata at all (no GPS position, camera, serial number, embedded
thumbnail or comment), at a few widths in WebP and the original's format, and at full size
under the original's own address for links to the file. The original stays in ``content/``,
untouched and never published. SVG files are copied as they are.

Every ``<img>`` of such an image in a post or page (Markdown's ``![alt](…)``, HTML, the
WordPress importer's galleries) becomes a ``<picture>`` with ``srcset``, ``sizes``, ``width``,
``height`` and, but for the first, ``loading="lazy"`` (markup.py); the theme shows featured
images and ``og:image`` through ``responsive_images`` in the template context.

A file that cannot be published stops the build: one error per post that shows it, naming
the post's file and line and the image. Copies are cached under ``CACHE_PATH/images`` by the
file's sha256, so a second build, or the live preview after a save, encodes nothing again.
"""

import copy
import logging
import os
import posixpath
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

from content_checks.content_checks import display_path, location
from content_checks.source import Source
from featured_image.featured_image import without_prefix
from markupsafe import Markup
from pelican import signals
from pelican.utils import slugify

import pelican_adapter
import site_facts

from . import derive, markup

logger = logging.getLogger(__name__)

DEFAULTS = {
    "IMAGES_PUBLISH": True,
    # Widths of the narrower copies: 360 for phones, 720 for phones at 2x and the text column
    # on a computer (36rem), 1200 for 3x phones, 2x screens and og:image.
    "IMAGES_WIDTHS": [360, 720, 1200],
    "IMAGES_QUALITY": {"webp": 75, "jpeg": 80, "full": 90},
    # Threads encoding at once (Pillow encodes outside Python's lock); None: one per CPU.
    "IMAGES_WORKERS": None,
    # The theme's text column and galleries (theme/static/css/site.css), in rem.
    "IMAGES_LAYOUT": {"column": 36, "gutter": 2.5, "phone": 30, "phone_gutter": 2,
                      "gallery_gap": 0.75, "gallery_wide": 40},
}
SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
# Pictures browsers do not all show, which could still carry a camera's metadata.
REFUSED_SUFFIXES = (".heic", ".heif", ".tif", ".tiff", ".bmp", ".avif", ".jxl")
CONTEXT_KEY = "responsive_images"
# Records already made in this process, by (path, size, mtime): the live preview's rebuilds
# find them without reading a file.
_known = {}


class Published:
    """One published file: a static entry for Pelican (copied from the cache) and its link."""

    def __init__(self, static, key, copy_, source_path, save_as, url):
        self.key, self.width, self.height, self.kind = key, copy_.width, copy_.height, copy_.kind
        self.entry = copy.copy(static)
        self.entry.source_path = source_path
        self.entry.override_save_as = save_as
        self.entry.override_url = url

    @property
    def url(self):
        return self.entry.url


class PublishedImage:
    """An original's published copies: what markup.py writes a <picture> from."""

    def __init__(self, key, static, record, settings):
        self.key, self.record = key, record
        self.width, self.height = record.width, record.height
        folder = posixpath.dirname(key)
        stem = slugify(posixpath.splitext(posixpath.basename(key))[0], preserve_case=True,
                       regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"]) or "image"
        save_folder, url_folder = posixpath.dirname(static.save_as), posixpath.dirname(static.url)

        def published(copy_, name, own_address=False):
            source = str(record.folder / copy_.name)
            if own_address:  # the full-size copy answers at the original's address
                return Published(static, key, copy_, source, static.save_as, static.url)
            return Published(static, posixpath.join(folder, name), copy_, source,
                             posixpath.join(save_folder, name),
                             posixpath.join(quote(url_folder), name))

        self.full = published(record.full, None, own_address=True)
        narrow = [published(c, f"{stem}.{record.digest[:8]}-{c.width}.{c.kind}")
                  for c in record.narrow]
        self.webp = [p for p in narrow if p.kind == "webp"]
        self.fallback = [p for p in narrow if p.kind == record.fallback_kind]
        self.files = [self.full, *narrow]


class ResponsiveImages:
    """This build's published images; in the template context as ``responsive_images``."""

    def __init__(self, settings):
        self.layout = settings["IMAGES_LAYOUT"]
        self.by_key = {}
        self.by_url = {}
        self.vectors = {}  # SVG files (copied as they are): their width and height

    def add(self, image):
        self.by_key[image.key] = image
        self.by_url[image.full.url] = image

    def rewrite(self, text, content):
        """A post's or page's HTML with its images as <picture>s (before links are resolved)."""
        # A post with a featured image shows that one first; its own all wait their turn.
        eager = not (content.metadata.get("image") or "").strip()
        return markup.rewrite(text, content, self.by_key, self.layout, eager_first=eager,
                              vectors=self.vectors)

    def picture(self, url, alt, siteurl, eager=True):
        """The <picture> for the image published at `url` (a featured image), or None."""
        image = self.by_url.get(url)
        if image is None:
            return None
        return Markup(markup.picture(image, {"alt": alt}, lambda p: f"{siteurl}/{p.url}",
                                     self.layout, eager=eager))

    def og_image(self, url):
        """The copy for og:image (1200 pixels wide, or the widest there is), or None."""
        image = self.by_url.get(url)
        if image is None:
            return None
        return (image.fallback or image.webp)[-1] if not image.record.animated else image.full

    def lazy(self, html):
        return Markup(markup.lazy(str(html)))


def is_image(path):
    return path.lower().endswith(SUFFIXES + REFUSED_SUFFIXES)


def derive_all(paths, settings):
    """{path: Record or ImageError} for every original, encoding the new ones in threads."""
    quality = settings["IMAGES_QUALITY"]
    recipe = derive.Recipe(widths=tuple(settings["IMAGES_WIDTHS"]),
                           webp_quality=quality["webp"], jpeg_quality=quality["jpeg"],
                           full_quality=quality["full"])
    cache = Path(settings["CACHE_PATH"]) / "images"

    def stamp(path):
        status = os.stat(path)
        return path, status.st_size, status.st_mtime_ns, recipe.name

    def one(path):
        if path.lower().endswith(REFUSED_SUFFIXES):
            return derive.ImageError(f"it is a {path.rsplit('.', 1)[-1].upper()} file, which "
                                     "browsers cannot all show")
        try:
            key = stamp(path)
            if key not in _known:
                _known[key] = derive.derive(path, cache, recipe)
            return _known[key]
        except derive.ImageError as error:
            return error
        except OSError as error:
            return derive.ImageError(f"it cannot be read ({error.strerror})")

    with ThreadPoolExecutor(settings["IMAGES_WORKERS"] or os.cpu_count() or 1) as pool:
        return dict(zip(paths, pool.map(one, paths), strict=True))


def publish_images(generator):
    """Replace every image Pelican would copy with its published copies."""
    settings, context = generator.settings, generator.context
    if not settings.get("IMAGES_PUBLISH"):
        return
    images = context[CONTEXT_KEY] = ResponsiveImages(settings)
    keys = {id(static): key for key, static in context["static_content"].items()}
    # Pelican makes an entry even for a linked file that is missing: content_checks names it.
    present = sorted((static for static in generator.staticfiles
                      if id(static) in keys and os.path.isfile(static.source_path)),
                     key=lambda static: keys[id(static)])
    originals = [static for static in present if is_image(static.source_path)]
    for static in present:
        if static.source_path.lower().endswith(".svg") and (size := svg_size(static)):
            images.vectors[keys[id(static)]] = size
    results = derive_all([static.source_path for static in originals], settings)
    replaced = {id(static) for static in originals}
    kept = [static for static in generator.staticfiles if id(static) not in replaced]
    for static in originals:
        key, result = keys[id(static)], results[static.source_path]
        if isinstance(result, derive.ImageError):
            report_unpublishable(static.source_path, key, result, context)
            continue
        image = PublishedImage(key, static, result, settings)
        images.add(image)
        for published in image.files:
            kept.append(published.entry)
            context["static_content"][published.key] = published.entry
    generator.staticfiles[:] = kept
    logger.debug("images: %d images published from %s", len(images.by_key),
                 settings["CACHE_PATH"])


SVG_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$")


def svg_size(static):
    """An SVG's width and height in CSS pixels (its width and height, else its viewBox)."""
    try:
        _event, root = next(ElementTree.iterparse(static.source_path, events=("start",)))
    except (ElementTree.ParseError, OSError, StopIteration):
        return None
    lengths = [SVG_LENGTH.match(root.get(name) or "") for name in ("width", "height")]
    if all(lengths):
        return tuple(max(1, round(float(length[1]))) for length in lengths)
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        width, height = float(box[2]), float(box[3])
    except (IndexError, ValueError):
        return None
    return (max(1, round(width)), max(1, round(height))) if width > 0 < height else None


def report_unpublishable(path, key, error, context):
    """One error per post or page that shows the image (or one naming the file alone)."""
    advice = error.advice or (
        "replace it with a JPEG (photos) or PNG (drawings) file, or delete it"
        if "browsers" in str(error) else "export it again as JPEG or PNG, or delete it")
    image = display_path(path)
    shown_by = []
    for content in site_facts.in_context(context):
        featured = without_prefix((content.metadata.get("image") or "").strip()).lstrip("/")
        if key in content.get_static_links() or featured == key:
            shown_by.append(content)
    for content in dict.fromkeys(shown_by):
        line = Source(content.source_path).line_of(posixpath.basename(key))
        logger.error("images: %s: the image %s cannot be published: %s; %s",
                     location(content.source_path, line), image, error, advice)
    if not shown_by:
        logger.error("images: %s cannot be published: %s; %s", image, error, advice)


def rewrite_pictures(content, html):
    """Every <img> of a body or summary as a <picture>, before Pelican resolves its links, so
    Pelican and the srcset plugin resolve the new links like any other."""
    images = pelican_adapter.context_of(content).get(CONTEXT_KEY)
    if html and images is not None and "<img" in html:
        html = images.rewrite(html, content)
    return html


def enable(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    if "srcset" not in [getattr(p, "__name__", p) for p in pelican.settings["PLUGINS"]]:
        logger.error("images: the srcset plugin must be in PLUGINS too (it resolves the links "
                     "in the pictures' srcset)")
    pelican_adapter.before_link_resolution(rewrite_pictures)


def register():
    signals.initialized.connect(enable)
    signals.static_generator_finalized.connect(publish_images)
