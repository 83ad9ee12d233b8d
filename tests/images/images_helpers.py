"""Real pictures made here with Pillow, and what a published copy must (not) hold."""

import hashlib
from pathlib import Path

from PIL import ExifTags, Image

from tools.bench.photos import SECRETS, phone_photo

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
# Bytes of the originals' metadata, as text: none may be in any published file.
SECRET_BYTES = [value.encode() for value in SECRETS.values()]


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_pictures(images):
    """The originals a post shows, with everything a phone or an editor leaves in a file."""
    images.mkdir(parents=True, exist_ok=True)
    phone_photo(images / "IMG_2041.jpg", size=(1800, 1200), seed=1)
    # Held sideways by the sensor: EXIF orientation 6 turns it upright (portrait).
    phone_photo(images / "IMG_2042.jpg", size=(1800, 1200), seed=2, orientation=6)
    phone_photo(images / "tiny.jpg", size=(64, 48), seed=3)
    logo = Image.new("RGBA", (500, 300), (0, 0, 0, 0))
    logo.paste((14, 107, 94, 255), (100, 50, 400, 250))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = SECRETS["make"]
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Comment", SECRETS["comment"])
    logo.save(images / "logo.png", pnginfo=text, exif=exif)
    frames = [Image.new("RGB", (200, 100), colour) for colour in ("red", "green", "blue")]
    frames[0].save(images / "wave.gif", save_all=True, append_images=frames[1:], duration=120,
                   loop=0, comment=SECRETS["comment"].encode())
    (images / "diagram.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" '
        'height="20" fill="teal"/></svg>\n', encoding="utf-8")
    return {path.name: sha256(path) for path in images.iterdir()}


def metadata_left(path):
    """What metadata a published picture still holds (empty when none)."""
    found = []
    data = Path(path).read_bytes()
    found += [f"the text {secret.decode()!r}" for secret in SECRET_BYTES if secret in data]
    with Image.open(path) as image:
        exif = image.getexif()
        if len(exif):
            found.append(f"EXIF {dict(exif)}")
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            found.append("a GPS position")
        found += [f"info {key}" for key in ("exif", "xmp", "icc_profile", "comment",
                                            "photoshop") if image.info.get(key)]
        # A GIF's only allowed application extension says how often to loop.
        extension = image.info.get("extension")
        if extension and not extension[0].startswith(b"NETSCAPE2.0"):
            found.append(f"GIF extension {extension[0][:20]!r}")
        if getattr(image, "text", None):
            found.append(f"PNG text {image.text}")
    # A JPEG's embedded thumbnail is a second JPEG inside the file (another start of image).
    if data[:2] == b"\xff\xd8" and data.find(b"\xff\xd8\xff", 2) != -1:
        found.append("an embedded JPEG (thumbnail)")
    return found


def open_picture(path):
    with Image.open(path) as image:
        image.load()
        return image.format, image.size, getattr(image, "n_frames", 1), image.mode


def published_pictures(root):
    return sorted(path for path in Path(root).rglob("*")
                  if path.suffix.lower() in PICTURE_SUFFIXES and "pagefind" not in path.parts)
