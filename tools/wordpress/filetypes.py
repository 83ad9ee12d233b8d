"""Is a file what its name says? An uploads file is copied into the site only if it is.

A mirror of an old site, a download behind a captive portal or an old server's error
page can leave an HTML page, or half a picture, under a name such as ``photo.jpg``;
published, it is a broken image (or a page of someone else's markup on our domain). An
image must decode with Pillow; other kinds must begin as their format does; no file whose
name promises something else may be an HTML page; an SVG (a document that can run script)
must hold no script.
"""

import posixpath
import re
import warnings

from PIL import Image, UnidentifiedImageError

# Pillow reads these; a file named so must decode as an image (of any format Pillow knows:
# WordPress sites do serve a PNG named .jpg, and browsers show it).
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff",
                  ".ico", ".avif"}
# Pictures a page shows: those, and SVG (a document, checked for script below).
PICTURE_SUFFIXES = IMAGE_SUFFIXES | {".svg"}
# How other formats begin: (offset, bytes) pairs, any of which will do.
SIGNATURES = {
    ".pdf": [(0, b"%PDF-")],
    ".zip": [(0, b"PK\x03\x04"), (0, b"PK\x05\x06")],
    ".docx": [(0, b"PK\x03\x04")], ".xlsx": [(0, b"PK\x03\x04")], ".pptx": [(0, b"PK\x03\x04")],
    ".odt": [(0, b"PK\x03\x04")], ".epub": [(0, b"PK\x03\x04")], ".jar": [(0, b"PK\x03\x04")],
    ".doc": [(0, b"\xd0\xcf\x11\xe0")], ".xls": [(0, b"\xd0\xcf\x11\xe0")],
    ".ppt": [(0, b"\xd0\xcf\x11\xe0")],
    ".mp3": [(0, b"ID3"), (0, b"\xff\xfb"), (0, b"\xff\xf3"), (0, b"\xff\xf2"), (0, b"\xff\xfa")],
    ".mp4": [(4, b"ftyp")], ".m4a": [(4, b"ftyp")], ".m4v": [(4, b"ftyp")],
    ".mov": [(4, b"ftyp"), (4, b"moov"), (4, b"mdat"), (4, b"wide"), (4, b"free")],
    ".ogg": [(0, b"OggS")], ".oga": [(0, b"OggS")], ".ogv": [(0, b"OggS")],
    ".webm": [(0, b"\x1a\x45\xdf\xa3")], ".mkv": [(0, b"\x1a\x45\xdf\xa3")],
    ".wav": [(0, b"RIFF")], ".flac": [(0, b"fLaC")],
}  # fmt: skip
HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?php)", re.IGNORECASE)
SVG_SCRIPT = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)


def is_picture(name):
    """True when a file called `name` is a picture (a gallery shows it)."""
    return posixpath.splitext(name)[1].lower() in PICTURE_SUFFIXES


def problem_with(path, name=None):
    """Why the file at `path` is not what `name` (default: its own name) says, or None."""
    suffix = posixpath.splitext(str(name or path))[1].lower()
    with open(path, "rb") as file:
        head = file.read(512)
    if not head:
        return "is empty"
    if suffix in IMAGE_SUFFIXES:
        return _image_problem(path)
    if suffix == ".svg":
        with open(path, "rb") as file:
            text = file.read()
        if b"<svg" not in text[:4096].lower():
            return "is not an SVG image"
        if SVG_SCRIPT.search(text):
            return "is an SVG image with script in it"
        return None
    if suffix not in {".html", ".htm", ".txt"} and HTML_START.match(head):
        return f"is an HTML page, not a {suffix or 'file of its kind'}"
    signatures = SIGNATURES.get(suffix)
    if signatures and not any(head[offset:offset + len(magic)] == magic
                              for offset, magic in signatures):
        return f"does not begin as a {suffix} file does"
    return None


def _image_problem(path):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify()
            # verify() checks the structure; only decoding finds a cut-off picture.
            with Image.open(path) as image:
                image.load()
    except UnidentifiedImageError:
        return "is not an image"
    except Image.DecompressionBombError:
        return "is an image too large to decode safely"
    except (OSError, SyntaxError, ValueError) as error:
        return f"is a damaged image ({error})"
    return None
