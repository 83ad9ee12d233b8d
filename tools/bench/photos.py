"""Photos as a phone takes them, made with Pillow: for the images benchmark and the tests.

``phone_photo`` writes a JPEG whose pixels look like a photo to an encoder (large soft shapes,
hard-edged objects, fine texture and sensor grain: a 3000x2000 one is about 1.8 MB at the
camera's quality 92, as the issue's phone photos were), and whose EXIF holds what a phone
writes: make, model, body serial number, the date, a GPS position, an orientation, and an
embedded thumbnail (EXIF's IFD1); with a JPEG comment and XMP beside it.
"""

import io
import random
import struct

from PIL import Image, ImageDraw, ImageFilter

# EXIF tags (TIFF 6.0 and EXIF 2.3)
MAKE, MODEL, ORIENTATION, EXIF_IFD, GPS_IFD = 0x010F, 0x0110, 0x0112, 0x8769, 0x8825
DATE_ORIGINAL, USER_COMMENT, BODY_SERIAL = 0x9003, 0x9286, 0xA431
COMPRESSION, THUMBNAIL_OFFSET, THUMBNAIL_LENGTH = 0x0103, 0x0201, 0x0202
ASCII, SHORT, LONG, RATIONAL, UNDEFINED, BYTE = 2, 3, 4, 5, 7, 1
# Where the test photos were "taken": a hospital's car park.
LATITUDE, LONGITUDE = (42, 20, 3197, 100), (71, 6, 1042, 100)
SECRETS = {"make": "PhoneCo", "model": "Pocket 12 Pro", "serial": "SN-4417-PRIVATE",
           "comment": "Taken at the clinic, room 4", "xmp": "Kept private by the author"}


def texture(size, seed):
    """Photo-like pixels: a gradient, octaves of value noise, objects, grain."""
    rng = random.Random(seed)
    width, height = size
    top, bottom = ([rng.randrange(40, 230) for _ in range(3)] for _ in range(2))
    image = Image.composite(Image.new("RGB", size, tuple(bottom)), Image.new("RGB", size,
                            tuple(top)), Image.linear_gradient("L").resize(size))
    for cells, weight in ((4, .35), (12, .25), (40, .2), (120, .15), (400, .12), (1000, .1)):
        columns = max(2, round(cells * width / max(size))) + 1
        rows = max(2, round(cells * height / max(size))) + 1
        noise = Image.frombytes("RGB", (columns, rows), rng.randbytes(columns * rows * 3))
        image = Image.blend(image, noise.resize(size, Image.Resampling.BICUBIC), weight)
    draw = ImageDraw.Draw(image)
    scale = max(size) / 3000
    for _ in range(60):
        x, y, radius = rng.randrange(width), rng.randrange(height), int(rng.randrange(30, 400)
                                                                       * scale) + 2
        points = [(x + rng.randrange(-radius, radius), y + rng.randrange(-radius, radius))
                  for _ in range(rng.randrange(3, 7))]
        draw.polygon(points, fill=tuple(rng.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    grain = Image.merge("RGB", [Image.effect_noise(size, 40) for _ in range(3)])
    return Image.blend(image, grain, 0.14)


def _ifd(entries, offset, next_ifd=0):
    """One TIFF image file directory at `offset`, its values after it."""
    data_at = offset + 2 + 12 * len(entries) + 4
    table, data = [struct.pack("<H", len(entries))], b""
    for tag, kind, count, payload in sorted(entries):
        if len(payload) <= 4:
            value = payload.ljust(4, b"\0")
        else:
            value = struct.pack("<I", data_at + len(data))
            data += payload + b"\0" * (len(payload) % 2)
        table.append(struct.pack("<HHI", tag, kind, count) + value)
    table.append(struct.pack("<I", next_ifd))
    return b"".join(table) + data


def _ascii(tag, text):
    payload = text.encode() + b"\0"
    return (tag, ASCII, len(payload), payload)


def _long(tag, value):
    return (tag, LONG, 1, struct.pack("<I", value))


def _degrees(tag, value):
    degrees, minutes, hundredths, scale = value
    payload = struct.pack("<6I", degrees, 1, minutes, 1, hundredths, scale)
    return (tag, RATIONAL, 3, payload)


def exif_bytes(orientation=1, thumbnail=None):
    """EXIF as a phone writes it (APP1 payload): camera, serial, date, GPS, thumbnail."""
    exif = [_ascii(DATE_ORIGINAL, "2026:03:14 09:26:53"), _ascii(BODY_SERIAL, SECRETS["serial"]),
            (USER_COMMENT, UNDEFINED, 8 + len(SECRETS["comment"]),
             b"ASCII\0\0\0" + SECRETS["comment"].encode())]
    gps = [(0, BYTE, 4, bytes([2, 3, 0, 0])), _ascii(1, "N"), _degrees(2, LATITUDE),
           _ascii(3, "W"), _degrees(4, LONGITUDE)]

    def ifd0(exif_at, gps_at, next_ifd):
        return _ifd([_ascii(MAKE, SECRETS["make"]), _ascii(MODEL, SECRETS["model"]),
                     (ORIENTATION, SHORT, 1, struct.pack("<H", orientation)),
                     _long(EXIF_IFD, exif_at), _long(GPS_IFD, gps_at)], 8, next_ifd)

    # Lay the directories out once to learn their sizes, then again with the real offsets.
    size0 = len(ifd0(0, 0, 0))
    exif_at = 8 + size0
    gps_at = exif_at + len(_ifd(exif, exif_at))
    ifd1_at = gps_at + len(_ifd(gps, gps_at))
    thumbnail = thumbnail or b""
    ifd1_entries = [(COMPRESSION, SHORT, 1, struct.pack("<H", 6)),
                    _long(THUMBNAIL_OFFSET, 0), _long(THUMBNAIL_LENGTH, len(thumbnail))]
    thumbnail_at = ifd1_at + len(_ifd(ifd1_entries, ifd1_at))
    ifd1_entries[1] = _long(THUMBNAIL_OFFSET, thumbnail_at)
    tiff = (b"II*\0" + struct.pack("<I", 8) + ifd0(exif_at, gps_at, ifd1_at if thumbnail else 0)
            + _ifd(exif, exif_at) + _ifd(gps, gps_at)
            + (_ifd(ifd1_entries, ifd1_at) + thumbnail if thumbnail else b""))
    return b"Exif\0\0" + tiff


def phone_photo(path, size=(3000, 2000), seed=1, orientation=1, quality=92):
    """Write a phone's JPEG to `path`: `size` as the sensor saw it (before `orientation`)."""
    image = texture(size, seed)
    small = io.BytesIO()
    image.resize((160, round(160 * size[1] / size[0]))).save(small, "JPEG", quality=70)
    xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02'
           f'/22-rdf-syntax-ns#"><rdf:Description>{SECRETS["xmp"]}</rdf:Description></rdf:RDF>'
           f"</x:xmpmeta>").encode()
    image.save(path, "JPEG", quality=quality, exif=exif_bytes(orientation, small.getvalue()),
               comment=SECRETS["comment"].encode(), xmp=xmp)
    return path
