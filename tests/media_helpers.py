"""Real media files for the tests: pictures made with Pillow, and files of other kinds that
begin as their format does (the importer refuses a file that does not); and a quiet HTTP
server on 127.0.0.1 for an old site that answers as a test's handler says."""

import contextlib
import io
import threading
from http.server import ThreadingHTTPServer

from PIL import Image

MULTISITE_FILES = ["2019/03/hall.png", "2019/03/hall-300x200.png", "2019/03/garden.png",
                   "2019/03/minutes.pdf", "2019/03/talk.mp3", "2019/03/clip.mp4"]  # fmt: skip
# How each kind begins (what tools/wordpress/filetypes.py looks for).
SIGNATURES = {".pdf": b"%PDF-1.4\n", ".mp3": b"ID3\x03\x00\x00\x00\x00\x00\x00",
              ".mp4": b"\x00\x00\x00\x18ftypmp42", ".mov": b"\x00\x00\x00\x14ftypqt  "}
HOSTED_FILES = ["2020/05/chart.png", "2020/05/pie.png", "2020/05/slow.png", "2020/05/cut.png"]


def picture(colour, size=(60, 40), kind="PNG"):
    """A real image of one colour with a white diagonal (a shape, so that one picture is told
    from another of the same colour), in `kind` (PNG, JPEG, WEBP...). A colour with an alpha
    value makes a translucent picture, as a screenshot can be."""
    stream = io.BytesIO()
    image = Image.new("RGBA" if len(colour) == 4 else "RGB", size, colour)
    for x in range(size[0]):
        image.putpixel((x, x * size[1] // size[0]), (255,) * len(colour))
    image.save(stream, kind)
    return stream.getvalue()


def make_uploads(folder, names):
    """An uploads folder holding `names`; returns {name: bytes written}."""
    written = {}
    for number, name in enumerate(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".png"):
            data = picture((40 * number % 256, 120, 200), (40 + number, 30 + number))
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
