"""Real media files for the media tests: PNG images (zlib and struct), and files of other
kinds that begin as their format does (the importer refuses a file that does not); and the
real HTTP server on 127.0.0.1 that answers for an old site's uploads folder."""

import contextlib
import struct
import threading
import zlib
from http.server import ThreadingHTTPServer

MULTISITE_FILES = ["2019/03/hall.png", "2019/03/hall-300x200.png", "2019/03/garden.png",
                   "2019/03/minutes.pdf", "2019/03/talk.mp3", "2019/03/clip.mp4"]  # fmt: skip
# How each kind begins (what tools/wordpress/filetypes.py looks for).
SIGNATURES = {".pdf": b"%PDF-1.4\n", ".mp3": b"ID3\x03\x00\x00\x00\x00\x00\x00",
              ".mp4": b"\x00\x00\x00\x18ftypmp42", ".mov": b"\x00\x00\x00\x14ftypqt  "}
HOSTED_FILES = ["2020/05/chart.png", "2020/05/pie.png", "2020/05/slow.png", "2020/05/cut.png"]


def png_bytes(width, height, colour):
    """A valid RGB PNG of one colour; different sizes or colours give different bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF
        )

    row = b"\x00" + bytes(colour) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))  # fmt: skip


def make_uploads(folder, names):
    """An uploads folder holding `names`; returns {name: bytes written}."""
    written = {}
    for number, name in enumerate(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".png"):
            data = png_bytes(40 + number, 30 + number, (40 * number % 256, 120, 200))
        else:
            suffix = name[name.rfind("."):]
            data = SIGNATURES.get(suffix, b"") + f"{name} file {number}\n".encode() + bytes(
                range(256))
        path.write_bytes(data)
        written[name] = data
    return written


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the import hangs up on a slow or oversized reply; that is the point


@contextlib.contextmanager
def serving(handler):
    """A QuietServer on an ephemeral port of 127.0.0.1 answering with `handler`; yields it."""
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
