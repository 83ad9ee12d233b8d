"""Media: no file refers to the old site for a media file of the export; with a source
folder, every such file in the site is the source's copy: byte-identical, or for a picture
(which the site publishes as copies without metadata, plugins/images) one that decodes and
was made from the source's file, as are its narrower copies beside it."""

import hashlib
import re
from collections import defaultdict
from urllib.parse import unquote, urlsplit

from PIL import Image, ImageChops, ImageOps, ImageStat

from ..report import CheckResult
from .posts import describe

# WordPress's resized copies sit beside the original: name-300x200.jpg.
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")
PICTURES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
# plugins/images' narrower copies: name.<first 8 hex digits of the original's sha256>-720.webp
NARROW_COPY = re.compile(r"\.(?P<digest>[0-9a-f]{8})-\d+\.(?:webp|jpg|png|gif)$")
# Mean difference (0-255) of two pictures' greys at 16 x 16 above which one was not made
# from the other: re-encoding and colour conversion stay far below it.
MADE_FROM_LIMIT = 12


def uploads_path(url):
    """A media file's path inside the uploads folder (2011/07/name.jpg)."""
    path = unquote(urlsplit(url).path)
    marker = "/uploads/"
    return path.split(marker, 1)[1] if marker in path else path.lstrip("/")


def check_media(export, site, references, source=None):
    result = CheckResult("media")
    attachments = {unquote(urlsplit(item.attachment_url).path): item
                   for item in export.attachments}
    old_refs, other_uploads = 0, 0
    for relative, _url, path in references.outside_site(site):
        item = attachments.get(path) or attachments.get(RESIZED.sub("", path))
        if item is not None:
            old_refs += 1
            result.failures.append(f"/{relative} refers to the old site for {path} "
                                   f"({describe(item)})")
        elif "/uploads/" in path:
            other_uploads += 1
    if other_uploads:
        result.notes.append(f"{other_uploads} references to old-site uploads that the export "
                            "does not list as attachments")
    compared = 0
    if source is not None:
        compared = _compare_with_source(export, site, source, result)
    result.summary = f"{len(attachments)} media files of the export checked"
    if source is not None:
        result.summary += (f"; {compared} copies in the site compared with {source} (files "
                           "byte for byte, pictures by what they show)")
    return result


def greys(path, upright=False):
    with Image.open(path) as image:
        image.load()
        picture = ImageOps.exif_transpose(image) if upright else image
        white = Image.new("RGBA", picture.size, "white")
        return Image.alpha_composite(white, picture.convert("RGBA")).convert("L")


def picture_problem(copy, original):
    """Why the site's `copy` is not a picture made from `original`, or None."""
    try:
        made = greys(copy)
    except (OSError, ValueError, SyntaxError) as error:
        return f"does not decode as a picture ({error})"
    source = greys(original, upright=True)
    if abs(made.width * source.height - source.width * made.height) > (
            0.02 * source.width * made.height):
        return f"has other proportions ({made.width}x{made.height}) than"
    small = (16, 16)
    difference = ImageChops.difference(made.resize(small, Image.Resampling.BOX),
                                       source.resize(small, Image.Resampling.BOX))
    if ImageStat.Stat(difference).mean[0] > MADE_FROM_LIMIT:
        return "shows another picture than"
    return None


def _compare_with_source(export, site, source, result):
    # Site files by name with any resize suffix taken off: name.jpg finds name-300x200.jpg too.
    by_original = defaultdict(list)
    for relative in sorted(site.files):
        by_original[RESIZED.sub("", relative.rsplit("/", 1)[-1])].append(relative)
    narrow = defaultdict(list)  # (folder, digest) -> the narrower copies made from one file
    for relative in sorted(site.files):
        if match := NARROW_COPY.search(relative):
            narrow[(relative.rpartition("/")[0], match["digest"])].append(relative)
    compared = 0
    for item in export.attachments:
        inside = uploads_path(item.attachment_url)
        folder, _, name = inside.rpartition("/")
        for relative in by_original.get(name, ()):
            file_name = relative.rsplit("/", 1)[-1]
            if not relative.endswith(f"{folder}/{file_name}" if folder else file_name):
                continue
            original = source / folder / file_name
            if not original.is_file():
                if file_name == name:
                    result.failures.append(f"/{relative}: {describe(item)} is not in the "
                                           f"source folder ({original})")
                continue
            compared += 1
            if not file_name.lower().endswith(PICTURES):
                if (site.root / relative).read_bytes() != original.read_bytes():
                    result.failures.append(f"/{relative} differs from {original} "
                                           f"({describe(item)})")
                continue
            digest = hashlib.sha256(original.read_bytes()).hexdigest()[:8]
            for copy in [relative, *narrow.get((relative.rpartition("/")[0], digest), [])]:
                if problem := picture_problem(site.root / copy, original):
                    result.failures.append(f"/{copy} {problem} {original} ({describe(item)})")
    return compared
