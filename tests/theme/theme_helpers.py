"""Constants and helpers for the theme tests (a module name no other test folder uses)."""

import logging
import shutil
import sys
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from bs4 import BeautifulSoup

from tasks import CONFIG

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TEST_CONTENT = Path(__file__).resolve().parent / "content"
CHROMIUM = Path(CONFIG["chromium"])
CHROMIUM_ARGS = CONFIG["chromium_args"]
SEED_PATH = "2011/07/social-media-patients-and-physicians-a-sticky-wicket/"
SEED_TITLE = "Social media, patients, and physicians: a sticky wicket"
PER_PAGE = 2
# plugins/redirects writes small meta-refresh pages that are not the theme's.
REDIRECT_MARKER = '<meta name="generator" content="pelican redirects plugin">'


@dataclass
class Site:
    """A built site: where it is on disk, where it is served, and what the build logged."""

    root: Path
    base_url: str
    warnings: list = field(default_factory=list)

    def file(self, path):
        """The file behind a site path such as "tag/bma/" or "sitemap.xml"."""
        target = self.root / path
        return target / "index.html" if path == "" or path.endswith("/") else target

    def soup(self, path):
        return BeautifulSoup(self.file(path).read_text(encoding="utf-8"), "html5lib")

    def url(self, path=""):
        return f"{self.base_url}/{path}"

    def html_paths(self):
        """Every page the theme renders (not Pagefind's files, not redirect stubs)."""
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*.html")
            if "pagefind" not in p.parts
            and REDIRECT_MARKER not in p.read_text(encoding="utf-8")[:2000]
        )


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files; a missing path gets the site's 404.html with status 404, as on GitHub Pages."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(f"{record.name}: {record.getMessage()}")


def build_site(output, content, settings_file, override):
    """Run Pelican in-process into `output`; return the warnings and errors it logged."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / settings_file),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
            "DELETE_OUTPUT_DIRECTORY": False,
            "DEFAULT_PAGINATION": PER_PAGE,
            **override,
        },
    )
    collector = _WarningCollector()
    root_logger = logging.getLogger()
    root_logger.addHandler(collector)
    try:
        Pelican(settings).run()
    finally:
        root_logger.removeHandler(collector)
    return collector.records


def fixture_content(tmp_path_factory):
    """A copy of the theme's own fixture site (tests/theme/content): never the repo's content/,
    so authors can add posts there without touching these tests."""
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(TEST_CONTENT, content)
    return content
