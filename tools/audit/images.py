"""Is a published file made from its original? The contract between the site's image
copies (plugins/images: resized, re-encoded, metadata stripped) and the migration audit.

``made_from(copy, original)`` is None when the file published at `copy` was made
from `original`:

- the same bytes (any file: a PDF, an MP3, an untouched image); or
- for an image: `copy` decodes, and its picture is the original's picture: with the
  original turned upright (EXIF orientation) and scaled to the copy's size, the two
  differ by at most TOLERANCE (mean absolute difference per channel, out of 255, compared
  at most COMPARE_SIZE pixels wide). Resizing, re-encoding (JPEG, WebP, AVIF, PNG) and
  stripped metadata stay well under it; another picture, a crop or a damaged file do not.

Otherwise it returns the reason, one line. ``decode_problem(path)`` is the same check for
an image with no original to compare with: None when it decodes, else the reason.
"""

import functools
import warnings
from pathlib import Path

from PIL import Image, ImageChops, ImageOps, ImageStat, UnidentifiedImageError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif",
                  ".tiff", ".ico")
TOLERANCE = 8.0
COMPARE_SIZE = 64
# An original is decoded once, this small, for all its copies.
REFERENCE_SIZE = 256
ORIENTATION = 0x0112
# Aspect ratios further apart than this are another picture (or a crop), not a resize.
ASPECT_SLACK = 0.04


def is_image(path):
    return str(path).lower().endswith(IMAGE_SUFFIXES)


def _open(path, size=None, whole=True):
    """(upright size, the upright first frame of the image at `path` on white, at most `size`
    if given: JPEGs decoded in draft mode near it); raises OSError or ValueError when it, or
    (when `whole`) any later frame of an animation, does not decode."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # decompression-bomb and palette warnings
        with Image.open(path) as image:
            full = image.size
            if size and image.format == "JPEG":
                image.draft("RGB", size)
            image.load()
            # Read after loading: PNG's reader would decode the whole file to find it.
            if image.getexif().get(ORIENTATION, 1) in {5, 6, 7, 8}:
                full = full[::-1]
            upright = ImageOps.exif_transpose(image).convert("RGBA")
            for frame in range(1, getattr(image, "n_frames", 1) if whole else 1):
                image.seek(frame)
                image.load()
    if size:
        upright.thumbnail(size, Image.Resampling.BOX)
    # Transparent parts compared as a reader sees them, on white.
    background = Image.new("RGBA", upright.size, (255, 255, 255, 255))
    return full, Image.alpha_composite(background, upright).convert("RGB")


@functools.lru_cache(maxsize=64)
def _reference(path, _size, _mtime):
    """An original, decoded once for all its copies (keyed by its size and mtime, so a file
    changed in between is read again). Only its first frame need decode: the site publishes
    an old upload's animation that was cut short with the frames that decode (plugins/images),
    and the first is what the copies are compared by."""
    return _open(path, (REFERENCE_SIZE, REFERENCE_SIZE), whole=False)


def decode_problem(path):
    """None when the image at `path` decodes whole (every frame of an animation), else why
    not."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                if image.format == "JPEG":
                    image.draft("RGB", (COMPARE_SIZE, COMPARE_SIZE))
                for frame in range(getattr(image, "n_frames", 1)):
                    image.seek(frame)
                    image.load()
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError) as error:
        return f"does not decode as an image ({_reason(error)})"
    return None


def _reason(error):
    text = str(error).split(" '/", 1)[0].split(" \"/", 1)[0]  # no paths: the caller names it
    return text or type(error).__name__


def made_from(copy, original, tolerance=TOLERANCE):
    """None when `copy` was made from `original` (see the module's contract), else why not."""
    copy, original = Path(copy), Path(original)
    copy_bytes = copy.read_bytes()
    if copy_bytes == original.read_bytes():
        return None
    if not (is_image(copy) and is_image(original)):
        return "differs from its original (not the same bytes)"
    try:
        (width, height), published = _open(copy, (REFERENCE_SIZE, REFERENCE_SIZE))
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError) as error:
        return f"does not decode as an image ({_reason(error)})"
    try:
        stat = original.stat()
        (source_width, source_height), source = _reference(str(original), stat.st_size,
                                                           stat.st_mtime_ns)
    except (OSError, ValueError, SyntaxError):
        return "differs from its original, which is not an image that decodes"
    source_ratio = source_width / source_height
    if abs(width / height - source_ratio) > ASPECT_SLACK * max(source_ratio, 1.0):
        return (f"is not a resized copy of its original: {width}x{height} against "
                f"{source_width}x{source_height}")
    scale = min(1.0, COMPARE_SIZE / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small_copy = published.resize(size, Image.Resampling.BOX)
    small_source = source.resize(size, Image.Resampling.BOX)
    difference = sum(ImageStat.Stat(ImageChops.difference(small_copy, small_source)).mean) / 3
    if difference > tolerance:
        return (f"is not made from its original: the pictures differ by {difference:.0f}/255 "
                f"(at most {tolerance:.0f} allowed)")
    return None
