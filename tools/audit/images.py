"""Is a published file made from its original? The contract between the site's image
copies (issue 22: resized, re-encoded, metadata stripped) and the migration audit.

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

import warnings
from pathlib import Path

from PIL import Image, ImageChops, ImageOps, ImageStat, UnidentifiedImageError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif",
                  ".tiff", ".ico")
TOLERANCE = 8.0
COMPARE_SIZE = 64
# Aspect ratios further apart than this are another picture (or a crop), not a resize.
ASPECT_SLACK = 0.04


def is_image(path):
    return str(path).lower().endswith(IMAGE_SUFFIXES)


def _open(path, size=None):
    """The upright first frame of the image at `path`, decoded (JPEGs in draft mode near
    `size`), on white; raises OSError or ValueError when it does not decode."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # decompression-bomb and palette warnings
        with Image.open(path) as image:
            if size and image.format == "JPEG":
                image.draft("RGB", size)
            image.load()
            upright = ImageOps.exif_transpose(image).convert("RGBA")
    # Transparent parts compared as a reader sees them, on white.
    background = Image.new("RGBA", upright.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, upright).convert("RGB")


def decode_problem(path):
    """None when the image at `path` decodes whole, else why not."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                if image.format == "JPEG":
                    image.draft("RGB", (COMPARE_SIZE, COMPARE_SIZE))
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
        published = _open(copy)
    except (OSError, ValueError, SyntaxError) as error:
        return f"does not decode as an image ({_reason(error)})"
    try:
        source = _open(original, published.size)
    except (OSError, ValueError, SyntaxError):
        return "differs from its original, which is not an image that decodes"
    width, height = published.size
    source_ratio = source.width / source.height
    if abs(width / height - source_ratio) > ASPECT_SLACK * max(source_ratio, 1.0):
        return (f"is not a resized copy of its original: {width}x{height} against "
                f"{source.width}x{source.height}")
    scale = min(1.0, COMPARE_SIZE / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small_copy = published.resize(size, Image.Resampling.BOX)
    small_source = source.resize(size, Image.Resampling.BOX)
    difference = sum(ImageStat.Stat(ImageChops.difference(small_copy, small_source)).mean) / 3
    if difference > tolerance:
        return (f"is not made from its original: the pictures differ by {difference:.0f}/255 "
                f"(at most {tolerance:.0f} allowed)")
    return None
