"""Turn WordPress's ``[gallery]`` shortcodes into galleries of real images.

A gallery names its images with ``ids="770,771"`` (``include=`` in older
exports), or shows the images attached to the post (``exclude=`` leaves some
out), in their menu order. Each image becomes a figure with its alt text and
caption, linked to the full-size file unless ``link="none"``; the addresses are
the old site's, so the link rewriting that follows brings the files along like
any other image. The theme lays the gallery out (``.gallery`` in site.css).
"""

import html
import re

from markupsafe import Markup

from .convert import _shortcode_attributes, one_line_text

# WordPress runs shortcodes after wpautop, so a gallery on its own line sits in a <p>.
GALLERY = re.compile(
    r"(?P<open><p>\s*)?\[gallery(?P<attributes>[^\]]*)\](?P<close>\s*</p>)?", re.IGNORECASE
)
# WordPress's own default is "thumbnail" (150 x 150): too small for two columns on a phone.
GALLERY_SIZE = "medium"


def _ids(value):
    return [number.strip() for number in value.split(",") if number.strip()]


def _order(attachment):
    return (int(attachment.menu_order or 0), int(attachment.post_id or 0))


def gallery_images(attributes, post_id, attachments, children):
    """The attachments a gallery shows, and the ids it names that are not images we know."""
    named = _ids(attributes.get("ids") or attributes.get("include") or "")
    if named:
        found = [attachments.get(number) for number in named]
        missing = [
            number
            for number, attachment in zip(named, found, strict=True)
            if attachment is None or not attachment.is_image
        ]
        return [attachment for attachment in found if attachment and attachment.is_image], missing
    excluded = set(_ids(attributes.get("exclude", "")))
    images = [
        attachment
        for attachment in children.get(post_id, [])
        if attachment.is_image and attachment.post_id not in excluded
    ]
    return sorted(images, key=_order), []


def gallery_html(images, columns, link, size):
    """One gallery: a figure per image, captions in figcaption.

    The picture is WordPress's resized copy `size` when it made one (galleries
    on the old site showed thumbnails too), the link the full-size file.
    """
    figures = []
    for image in images:
        # The caption is HTML; its text, as plugins/titles makes a title's (striptags).
        alt = image.alt or one_line_text(Markup(image.caption).striptags())
        alt = alt or one_line_text(image.title) or image.file.rsplit("/", 1)[-1]
        source = image.size_url(size)
        picture = f'<img src="{html.escape(source)}" alt="{html.escape(alt)}" loading="lazy">'
        if link != "none":
            picture = f'<a href="{html.escape(image.url)}">{picture}</a>'
        caption = one_line_text(image.caption)
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        figures.append(f'<figure class="gallery-item">{picture}{figcaption}</figure>')
    return f'<div class="gallery gallery-columns-{columns}">\n' + "\n".join(figures) + "\n</div>"


def expand_galleries(body, post_id, attachments, children, problems):
    """`body` with every [gallery] replaced by its images.

    `attachments` maps attachment ids to attachments, `children` post ids to
    their attached files. Ids naming nothing usable, and galleries left
    without images, are appended to `problems` as text.
    """

    def replace(match):
        attributes = _shortcode_attributes(html.unescape(match["attributes"]))
        images, missing = gallery_images(attributes, post_id, attachments, children)
        if missing:
            problems.append(f"gallery names no image attachment with id {', '.join(missing)}")
        if not images:
            problems.append("gallery with no images left out")
            block = ""
        else:
            columns = attributes.get("columns", "3")
            columns = columns if columns.isdigit() and 1 <= int(columns) <= 9 else "3"
            link = attributes.get("link", "file").lower()
            block = gallery_html(images, columns, link, attributes.get("size", GALLERY_SIZE))
        if match["open"] and match["close"]:
            return block
        # A gallery is a block: it ends the paragraph it was written in.
        before = "" if match["open"] else "</p>\n\n"
        after = "" if match["close"] else "\n\n<p>"
        return f"{before}{block}{after}" if block else before.strip() + after.strip()

    return GALLERY.sub(replace, body)
