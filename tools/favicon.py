"""Render the society's mark (theme/static/images/favicon.svg) to the PNG and ICO fallbacks.

    .venv/bin/python -m tools.favicon

Chromium draws the SVG at each size; the ICO holds PNG images (allowed since
Windows Vista, read by every current browser). Run it again after changing the SVG
and commit the results.
"""

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.config import CONFIG

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "theme" / "static" / "images"
PNGS = {"favicon-32.png": 32, "apple-touch-icon.png": 180}
ICO_SIZES = (16, 32, 48)
ICO_PATH = ROOT / "content" / "extra" / "favicon.ico"


def render(svg, size, page):
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        "<style>html,body{margin:0;background:transparent}svg{display:block}</style>"
        + svg.replace("<svg ", f'<svg width="{size}" height="{size}" ', 1)
    )
    return page.screenshot(omit_background=True)


def ico(images):
    """An ICO file holding PNG images: {size: png bytes}."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, data = b"", b""
    for size, png in images.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png),
                               offset + len(data))
        data += png
    return header + entries + data


def main():
    svg = (IMAGES / "favicon.svg").read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CONFIG["chromium"],
                                             args=CONFIG["chromium_args"])
        page = browser.new_page()
        for name, size in PNGS.items():
            (IMAGES / name).write_bytes(render(svg, size, page))
        ICO_PATH.parent.mkdir(parents=True, exist_ok=True)
        ICO_PATH.write_bytes(ico({size: render(svg, size, page) for size in ICO_SIZES}))
        browser.close()


if __name__ == "__main__":
    main()
