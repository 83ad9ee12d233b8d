"""The published copies of one original image, made with Pillow and kept by content hash.

Every copy is rebuilt from the pixels alone, so nothing of the original's metadata can come
along (EXIF with GPS, camera and serial number, its embedded thumbnail, XMP, IPTC, comments,
PNG text): Pillow's own savers keep some of it by default (a JPEG's comment, for one). Before
that the picture is turned upright (EXIF orientation) and into sRGB (a phone's Display P3
profile would otherwise be dropped and its colours go dull).

The copies of one original are a full-size copy in its own format (what a link to the file
downloads), and a few narrower ones, never wider than the original, in WebP and in the
original's family (JPEG for photos, PNG for drawings and transparency). An animated GIF or
WebP keeps its frames: full size as it was, narrower ones as animated WebP.

``derive`` looks in the cache first: ``<cache>/<recipe>/<sha256 of the file>/``, where the
recipe names the widths and qualities, so the same bytes with the same settings are never
encoded twice, whichever build (a second build, the live preview, `invoke check`) asks.
"""

import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, ImageSequence, UnidentifiedImageError

# Bumped whenever the code below makes different bytes: old cache entries are then unused.
RECIPE_VERSION = 1
# Formats published, by what Pillow finds in the file (not by its name): the full-size copy's
# kind, and the kind of its narrower fallback copies (WebP is always made too).
KINDS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
SAVE_AS = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
# What a published copy must not hold: Pillow's names for metadata it reads back.
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop",
                 "iptc", "dpi")
# A GIF's application extensions that only say how to loop; any other (XMP) is metadata.
LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
logger = logging.getLogger(__name__)

READ_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
               Image.DecompressionBombError)
SRGB = ImageCms.createProfile("sRGB")


class ImageError(Exception):
    """The file cannot be published; the message says why, for the author, and `advice` what
    to do (None: the caller's)."""

    def __init__(self, reason, advice=None):
        super().__init__(reason)
        self.advice = advice


@dataclass(frozen=True)
class Copy:
    """One file in an original's cache folder."""

    name: str  # file name in the cache folder, e.g. "720.webp"
    width: int
    height: int
    kind: str  # "jpg", "png", "gif" or "webp"


@dataclass
class Record:
    """Everything made from one original, as the markup needs it."""

    digest: str  # sha256 of the original's bytes
    folder: Path  # the cache folder holding the copies
    width: int  # upright, in pixels
    height: int
    animated: bool
    full: Copy  # full size, in the original's own format
    narrow: list = field(default_factory=list)  # Copy, narrowest first, WebP and fallback

    @property
    def fallback_kind(self):
        """The format of the <img>'s own copies, for browsers without WebP."""
        kinds = [copy.kind for copy in self.narrow if copy.kind != "webp"]
        return kinds[0] if kinds else None


@dataclass(frozen=True)
class Recipe:
    """How copies are made; its `name` keys the cache."""

    widths: tuple = (360, 720, 1200)
    webp_quality: int = 75
    jpeg_quality: int = 80
    full_quality: int = 90  # the full-size copy (JPEG or WebP), kept close to the original

    @property
    def name(self):
        text = json.dumps([RECIPE_VERSION, *vars(self).values()])
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def widths_for(width, recipe):
    """The narrower copies' widths: the recipe's below `width`, and `width` itself when it is
    not wider than the widest (so a small picture is published at its own size, not enlarged)."""
    chosen = [w for w in sorted(recipe.widths) if w < width]
    if width <= max(recipe.widths):
        chosen.append(width)
    return chosen


def derive(path, cache, recipe):
    """The Record for the original at `path`, encoded now unless the cache has it."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImageError(f"it cannot be read ({error.strerror})") from error
    digest = hashlib.sha256(data).hexdigest()
    folder = Path(cache) / recipe.name / digest[:2] / digest
    record = load_record(folder, digest)
    if record is None:
        record = encode(data, digest, folder, recipe, name=path)
    return record


def load_record(folder, digest):
    try:
        saved = json.loads((folder / "record.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    record = Record(digest=digest, folder=folder, width=saved["width"], height=saved["height"],
                    animated=saved["animated"], full=Copy(*saved["full"]),
                    narrow=[Copy(*copy) for copy in saved["narrow"]])
    if all((folder / copy.name).is_file() for copy in [record.full, *record.narrow]):
        return record
    return None


def animation_frames(image, name):
    """Every frame of an animation, as RGBA. An animation cut short after its first frame
    (an old upload that never arrived whole) keeps the frames that decode, which is what
    browsers showed of it; a picture whose first frame does not decode is refused."""
    frames, durations = [], []
    try:
        for frame in ImageSequence.Iterator(image):
            frames.append(clean(frame.convert("RGBA")))
            durations.append(frame.info.get("duration", 100))
    except READ_ERRORS as error:
        if not frames or "truncated" not in str(error).lower():
            raise
        logger.info("images: %s is cut short after %d of its %d frames; the %d that decode "
                    "are published, as browsers showed it", name, len(frames),
                    image.n_frames, len(frames))
    return frames, durations


def encode(data, digest, folder, recipe, name="a picture"):
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = KINDS.get(image.format)
            if kind is None:
                raise ImageError(f"it is a {image.format} file, which browsers cannot all show")
            # An MPO (a phone's JPEG with a depth map or a second picture) is one photo.
            animated = kind in ("gif", "webp") and getattr(image, "n_frames", 1) > 1
            if animated:
                frames, durations = animation_frames(image, name)
                animated = len(frames) > 1
                timing = ({"duration": durations, "loop": image.info.get("loop", 0)}
                          if animated else None)
            else:
                frames, timing = [upright(image)], None
    except ImageError:
        raise
    except UnidentifiedImageError as error:
        raise ImageError("its contents are not a picture (JPEG, PNG, GIF or WebP)") from error
    except Image.DecompressionBombError as error:
        raise ImageError(f"it is too large to publish ({error})") from error
    except READ_ERRORS as error:
        if "truncated" in str(error).lower():
            raise ImageError("it is cut short (an incomplete copy of a picture)") from error
        raise ImageError(f"it cannot be decoded ({error})") from error
    width, height = frames[0].size
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".new-"))
    try:
        full = Copy(f"full.{kind}", width, height, kind)
        save(frames, scratch / full.name, kind, recipe.full_quality, timing)
        narrow = write_narrow(frames, width, height, kind, animated, timing, scratch, recipe)
        for copy in [full, *narrow]:
            check_clean(scratch / copy.name)
        saved = {"width": width, "height": height, "animated": animated,
                 "full": list(vars(full).values()),
                 "narrow": [list(vars(copy).values()) for copy in narrow]}
        (scratch / "record.json").write_text(json.dumps(saved), encoding="utf-8")
        try:
            os.rename(scratch, folder)
        except OSError:  # another build made the same copies meanwhile
            shutil.rmtree(scratch, ignore_errors=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return Record(digest=digest, folder=folder, width=width, height=height, animated=animated,
                  full=full, narrow=narrow)


def write_narrow(frames, width, height, kind, animated, timing, folder, recipe):
    # The fallback for browsers without WebP: photos stay JPEG, the rest PNG (transparency);
    # an animation's fallback is its full-size copy.
    fallback = None if animated else ("jpg" if kind == "jpg" else "png")
    if kind == "webp" and not animated:
        fallback = "png" if frames[0].mode in ("RGBA", "LA") else "jpg"
    copies = []
    larger = frames
    for target in sorted(widths_for(width, recipe), reverse=True):
        size = (target, max(1, round(height * target / width)))
        if animated:  # every frame from the full-size one
            resized = [resize(frame, size) for frame in frames]
        else:  # each copy from the next larger one: as sharp, and much faster
            resized = larger = [resize(larger[0], size)]
        copies.append(Copy(f"{target}.webp", *size, "webp"))
        save(resized, folder / copies[-1].name, "webp", recipe.webp_quality, timing)
        if fallback:
            copies.append(Copy(f"{target}.{fallback}", *size, fallback))
            save(resized, folder / copies[-1].name, fallback, recipe.jpeg_quality)
    return sorted(copies, key=lambda copy: (copy.width, copy.kind))


def resize(image, size):
    if image.size == size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def upright(image):
    """The first frame turned as its EXIF says, in sRGB, in a mode every format can save."""
    image.load()
    profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    if profile:
        image = to_srgb(image, profile)
    if image.mode == "P" or image.mode == "PA":
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    elif image.mode == "1":
        image = image.convert("L")
    elif image.mode.startswith("I"):  # 16-bit greyscale
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):  # CMYK, YCbCr, ...
        image = image.convert("RGB")
    return clean(image)


def to_srgb(image, profile):
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if "srgb" in ImageCms.getProfileDescription(source).lower().replace(" ", ""):
            return image
        mode = image.mode if image.mode in ("RGB", "RGBA", "L") else "RGB"
        return ImageCms.profileToProfile(image, source, SRGB, outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: the pixels as they are


def clean(image):
    """A new image holding only the pixels: no info dict, no EXIF, no palette text."""
    return Image.frombytes(image.mode, image.size, image.tobytes())


def save(frames, path, kind, quality, timing=None):
    first, rest = frames[0], frames[1:]
    animation = {"save_all": True, "append_images": rest, **timing} if timing else {}
    if kind == "jpg":
        first = first if first.mode in ("RGB", "L") else first.convert("RGB")
        first.save(path, "JPEG", quality=quality, optimize=True, progressive=True)
    elif kind == "webp":
        first.save(path, "WEBP", quality=quality, method=4, **animation)
    elif kind == "gif":
        first.save(path, "GIF", **({**animation, "disposal": 2} if timing else {}))
    else:
        first.save(path, SAVE_AS[kind])


def check_clean(path):
    """Read a copy back: it must hold no metadata (a guard against a Pillow that keeps some)."""
    with Image.open(path) as image:
        left = [key for key in METADATA_KEYS if image.info.get(key)]
        extension = image.info.get("extension")
        if extension and not extension[0].startswith(LOOPING):
            left.append("extension")
        if len(image.getexif()) or getattr(image, "text", None) or left:
            raise ImageError(f"its copy {path.name} still holds metadata ({', '.join(left)})",
                             advice="report this to a maintainer (plugins/images)")
