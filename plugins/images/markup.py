"""The HTML of responsive images: every ``<img>`` of a published image becomes a ``<picture>``.

    <picture>
      <source type="image/webp" srcset="… 360w, … 720w, … 1200w" sizes="…">
      <img src="….720.jpg" srcset="… 360w, … 720w, … 1200w" sizes="…" width="3000"
           height="2000" alt="…" loading="lazy" decoding="async">
    </picture>

The browser picks the copy for its screen (``sizes`` says how wide the theme shows it), the
WebP one when it can. ``width`` and ``height`` reserve the picture's place before it loads;
every picture but a page's first waits until it is nearly on screen (``loading="lazy"``).

In posts the links are written as ``{static}`` links, which Pelican (``src``) and the srcset
plugin (``srcset``) resolve like any other; the theme's helpers write final URLs.
"""

import html
import re
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import unquote

import site_facts

IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
PICTURE = re.compile(r"<picture\b.*?</picture\s*>", re.IGNORECASE | re.DOTALL)
# The WordPress importer's galleries (tools/wordpress/gallery.py), laid out by site.css.
GALLERY = re.compile(r"<div\s+class=\"gallery gallery-columns-(?P<columns>\d+)\"[^>]*>.*?</div>",
                     re.IGNORECASE | re.DOTALL)
STATIC_LINK = re.compile(r"^[{|](?:static|attach)[|}](?P<path>[^?#]*)$")
# The {static} files a srcset names (only which files: the candidates are replaced).
SRCSET_LINKS = re.compile(r"[{|](?:static|attach)[|}][^\s?#,]+")
# WordPress's resized copies sit beside their original: name-300x200.jpg beside name.jpg.
RESIZED = re.compile(r"^(?P<base>.+)-\d+x\d+(?P<suffix>\.\w+)$")
REPLACED = {"src", "srcset", "sizes", "width", "height", "loading", "decoding"}
MIME = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif"}


class _Tag(HTMLParser):
    """The attributes of one start tag, as a browser reads them (entities decoded)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.attributes = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attributes):
        self.attributes = attributes


def attributes_of(tag):
    return dict(_Tag(tag).attributes)


def spans(pattern, text):
    return [match.span() for match in pattern.finditer(text)]


def linked_key(content, value):
    """The static file a ``{static}`` link in `content` names (its path in the content
    folder), or None for any other link."""
    match = STATIC_LINK.match(value or "")
    return site_facts.linked_source(content, match["path"]) if match else None


def published(images, content, link):
    key = linked_key(content, link)
    return None if key is None else images.get(key) or images.get(unquote(key))


def same_proportions(one, other):
    return abs(one.width * other.height - other.width * one.height) <= (
        0.02 * one.width * other.height)


def best_source(images, content, shown, attributes):
    """The largest published image the <img> names in `src` or `srcset`, or for a WordPress
    resized copy its original, when larger and of the same proportions (the copies were only
    ever smaller versions of it): the copies are made from that one."""
    named = [shown, *filter(None, (published(images, content, link) for link in
                                   SRCSET_LINKS.findall(attributes.get("srcset") or "")))]
    source = max(named, key=lambda image: image.width)
    resized = RESIZED.match(source.key)
    original = resized and images.get(resized["base"] + resized["suffix"])
    if original and original.width > source.width and same_proportions(original, source):
        return original
    return source


def rewrite(text, content, images, layout, eager_first=True, vectors=None):
    """`text` (a post's HTML, before Pelican resolves its links) with each <img> of a published
    image as a <picture>; `images` maps static paths to published images, `vectors` SVG
    files' paths to their (width, height): those keep their <img>, with its size added."""
    pictures = spans(PICTURE, text)  # an author's own <picture> is left as written
    galleries = [(match.span(), int(match["columns"])) for match in GALLERY.finditer(text)]
    eager = [eager_first]

    def replace(match):
        start = match.start()
        if any(begin <= start < end for begin, end in pictures):
            return match[0]
        attributes = attributes_of(match[0])
        shown = published(images, content, attributes.get("src"))
        if shown is None:
            key = linked_key(content, attributes.get("src"))
            size = (vectors or {}).get(key) or (vectors or {}).get(unquote(key or ""))
            if size is None:
                return match[0]
            first, eager[0] = eager[0], False
            return vector(attributes, size, eager=first)
        columns = next((count for (begin, end), count in galleries if begin <= start < end),
                       None)
        first, eager[0] = eager[0], False
        return picture(best_source(images, content, shown, attributes), attributes,
                       lambda file: "{static}/" + file.key, layout, eager=first,
                       gallery_columns=columns, shown=shown)

    return IMG.sub(replace, text)


def picture(image, attributes, link, layout, eager=False, gallery_columns=None, shown=None):
    """The <picture> for a published image; `link(published file)` writes each URL. Shown at
    the <img>'s width and height, or those of the image its src names (`shown`)."""
    width, height = display_size(image, attributes, shown or image)
    if gallery_columns is not None:
        sizes = gallery_sizes(gallery_columns, image.width / image.height, layout)
    else:
        sizes = column_sizes(width, layout)
    kept = [(name, value) for name, value in attributes.items() if name not in REPLACED]
    fallback = image.fallback
    own = {"src": link(fallback[-1]) if fallback else link(image.full)}
    if len(fallback) > 1:
        own.update(srcset=srcset(fallback, link), sizes=sizes)
    own.update(width=str(width), height=str(height))
    own = [*own.items(), *kept]
    if not eager:
        own += [("loading", "lazy"), ("decoding", "async")]
    source = (f'<source type="image/webp" srcset="{html.escape(srcset(image.webp, link))}" '
              f'sizes="{html.escape(sizes)}">')
    return f"<picture>{source}<img{html_attributes(own)}></picture>"


def vector(attributes, size, eager):
    """An SVG's <img> as written, with its width and height, lazy but for the first."""
    width, height = display_size(SimpleNamespace(width=size[0], height=size[1]), attributes,
                                 SimpleNamespace(width=size[0], height=size[1]))
    own = {**attributes, "width": str(width), "height": str(height)}
    if not eager:
        own.update(loading="lazy", decoding="async")
    return f"<img{html_attributes(own.items())}>"


def srcset(published, link):
    return ", ".join(f"{link(copy)} {copy.width}w" for copy in published)


def html_attributes(pairs):
    return "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                   for name, value in pairs)


def display_size(image, attributes, shown):
    """The width and height the picture is shown at: the author's, else those of the image
    `src` names; the missing one of the two follows the picture's proportions."""

    def number(name):
        value = (attributes.get(name) or "").strip()
        return int(value) if value.isdigit() and int(value) > 0 else None

    width, height = number("width"), number("height")
    if width and not height:
        height = max(1, round(width * image.height / image.width))
    elif height and not width:
        width = max(1, round(height * image.width / image.height))
    elif not width:
        width = shown.width
        height = max(1, round(width * image.height / image.width))
    return width, height


def column_sizes(width, layout):
    """``sizes`` for a picture in the text column (site.css: at most `column` rem wide, the
    page's padding (`gutter`, `phone_gutter` up to `phone` rem) beside it on narrower
    screens), or narrower when the picture is."""
    column, gutter = layout["column"], layout["gutter"]
    narrower = (f"(max-width: {layout['phone']:g}rem) calc(100vw - {layout['phone_gutter']:g}rem)"
                f", calc(100vw - {gutter:g}rem)")
    if width >= column * 16:
        return f"(min-width: {column + gutter:g}rem) {column:g}rem, {narrower}"
    return f"(min-width: {width + gutter * 16:g}px) {width}px, {narrower}"


def gallery_sizes(columns, aspect, layout):
    """``sizes`` for a gallery's picture (site.css): two to a row on a phone (one for
    gallery-columns-1), from `gallery_wide` rem up 3 (4 for gallery-columns-4; 2 for 2); each
    cell square, the picture covering it, so a landscape picture is `aspect` times as wide."""
    column, gutter, gap = layout["column"], layout["phone_gutter"], layout["gallery_gap"]
    narrow = 1 if columns == 1 else 2
    wide = 1 if columns == 1 else 2 if columns == 2 else 4 if columns == 4 else 3
    cover = max(1.0, aspect)
    cell = (column - (wide - 1) * gap) / wide * cover
    phone = f"calc((100vw - {gutter + (narrow - 1) * gap:g}rem) / {narrow} * {cover:.3g})"
    return f"(min-width: {layout['gallery_wide']:g}rem) {cell:.3g}rem, {phone}"


LOADING = re.compile(r"\sloading\s*=", re.IGNORECASE)


def lazy(text):
    """`text` with every image that is not already lazy made so (a listing's excerpts)."""

    def mark(match):
        tag = match[0]
        if LOADING.search(tag):
            return tag
        return tag[:-1].rstrip("/ ") + ' loading="lazy" decoding="async">'

    return IMG.sub(mark, text)
