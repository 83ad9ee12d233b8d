"""Screenshots of a built site for reviewing the theme: each page at 1280 px and 375 px, in
light and dark, plus print (a print-media PNG and a PDF) of the pages that matter on paper.

By default `invoke screenshots` photographs the theme's sample site (tests/theme/content:
a post with a table, an eight-deep thread, a pinned post), which shows every feature;
`--output` photographs any built site instead (pages it lacks are skipped with a note).
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.static_server import serve

PAGES = {
    "home": "",
    "article": "2011/07/social-media-patients-and-physicians-a-sticky-wicket/",
    "table": "2011/03/theme-test-table/",
    "thread": "2011/05/theme-test-deep-thread/",
    "archives": "archives/",
}
# Pages printed: the print-media PNG shows the layout, the PDF the page breaks.
PRINTED = ("article", "thread")
MODES = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 375, "height": 667}, "color_scheme": "light",
              "device_scale_factor": 2},
    "phone-dark": {"viewport": {"width": 375, "height": 667}, "color_scheme": "dark",
                   "device_scale_factor": 2},
}


def take(output, folder, chromium, chromium_args):
    """Photograph the site in `output` into `folder`; return the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pages = {name: path for name, path in PAGES.items()
             if (Path(output) / path / "index.html").is_file()}
    for name in PAGES.keys() - pages.keys():
        print(f"screenshots: no {PAGES[name]} in {output}; skipped {name}")
    written = []
    with serve(output) as root_url, sync_playwright() as playwright:
        base = root_url + "/"
        browser = playwright.chromium.launch(executable_path=chromium, args=chromium_args)
        for mode, options in MODES.items():
            context = browser.new_context(**options)
            page = context.new_page()
            for name, path in pages.items():
                page.goto(base + path)
                written.append(folder / f"{name}-{mode}.png")
                page.screenshot(path=str(written[-1]), full_page=True)
            if mode.startswith("phone"):
                page.goto(base + PAGES["home"])
                page.get_by_text("Menu", exact=True).click()
                written.append(folder / f"menu-{mode}.png")
                page.screenshot(path=str(written[-1]))
            context.close()
        context = browser.new_context(viewport={"width": 800, "height": 1100})
        page = context.new_page()
        page.emulate_media(media="print")
        for name in PRINTED:
            if name in pages:
                page.goto(base + pages[name])
                written.append(folder / f"{name}-print.png")
                page.screenshot(path=str(written[-1]), full_page=True)
                written.append(folder / f"{name}-print.pdf")
                page.pdf(path=str(written[-1]), format="A4", print_background=False)
        context.close()
        browser.close()
    return written
