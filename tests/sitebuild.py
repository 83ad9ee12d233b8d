"""The one helper that builds a site for the whole test suite, and parses and serves its pages.

Tests write their own content (``write_post``, ``write_page``, ``write_files``, or a copy of
a fixture folder) and build it with ``build``: Pelican in-process, with a real settings file
read by ``read_settings(settings_file, override=...)`` as pelican-plugins' own tests do::

    site = build(content, tmp_path / "output", settings_file=PUBLISH_SETTINGS,
                 fatal="warnings", SITEURL="https://blog.example.org")
    site.soup("2020/01/a-post/")      # the page at that site path, parsed by html5lib
    site.warnings                     # ["pelican.contents: Unable to find ...", ...]

``build`` leaves no trace in the process: the plugins' signal receivers it connected are
disconnected afterwards and Pelican's once-per-process log de-duplication is reset before, so
builds in one test session never see each other's plugins or swallow each other's warnings.
``serve`` puts a built (or about to be built) folder on 127.0.0.1 for the browser tests.

Every test builds in-process with ``build``, except where the command line is the subject.
``run_pelican`` runs the ``pelican`` command for those: its exit status and the one-line
problems it prints with ``--fatal`` (tests/site/test_bad_input.py, the plain-command test in
tests/site/test_check.py, tests/responses/test_site.py's command-line tests). Tests of the
invoke tasks run ``invoke`` as an author would (tests/site/test_author_workflow.py,
test_new_post.py and test_gh_pages.py; ``invoke screenshots``, ``import-responses`` and
``audit-migration`` in tests/theme, tests/mail and tests/audit; ``python -m tools.audit`` for
the audit's exit status and report).
"""

import io
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from tools.static_server import serve  # noqa: F401 - the browser tests serve through here

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCAL_SETTINGS = REPO_ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = REPO_ROOT / "publishconf.py"
SEED_SLUG = "social-media-patients-and-physicians-a-sticky-wicket"
SEED_TITLE = "Social media, patients, and physicians: a sticky wicket"
SEED_PATH = Path("2011/07") / SEED_SLUG / "index.html"
# The seed post as the old WordPress site showed it (a copy of shared/seed/, kept
# here so the tests run from any clone).
PUBLISHED_SEED = REPO_ROOT / "tests" / "site" / "fixtures" / "seed-as-published.txt"
# A small site of the tests' own: a copy of the seed post (with its two responses) and an
# About page. Tests build this, never content/, so authors can change content/ freely.
FIXTURE_CONTENT = REPO_ROOT / "tests" / "site" / "fixtures" / "content"
# plugins/redirects writes small meta-refresh pages that are not the theme's, and
# plugins/decap_cms the CMS's page at /admin/.
REDIRECT_MARKER = '<meta name="generator" content="pelican redirects plugin">'
CMS_MARKER = '<meta name="generator" content="pelican decap_cms plugin">'


def parse(path):
    """Parse an output page the way a browser would."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html5lib")


def normalise(text):
    """Text as a reader sees it: typogrify's no-break spaces and runs of spaces as one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def text(element):
    """A parsed element's text as a reader sees it (see ``normalise``)."""
    return normalise(element.get_text())


@dataclass
class Site:
    """A built site: its output folder, its settings, and what the build logged."""

    root: Path
    settings: dict
    records: list = field(default_factory=list)

    @property
    def warnings(self):
        """Every warning and error the build logged, as "logger: message" lines."""
        return [f"{record.name}: {record.getMessage()}" for record in self.records]

    def file(self, path=""):
        """The file behind a site path: "" and "tag/bma/" mean their index.html."""
        path = str(path)
        target = self.root / path
        return target / "index.html" if path in ("", ".") or path.endswith("/") else target

    def soup(self, path=""):
        """The page at a site path, parsed by html5lib."""
        return parse(self.file(path))

    @property
    def base_url(self):
        """SITEURL: "" for a local build."""
        return self.settings.get("SITEURL", "")

    def url(self, path=""):
        """The absolute (or, for a local build, relative) URL of a site path."""
        return f"{self.base_url}/{path}" if self.base_url else str(path)

    def html_paths(self):
        return html_paths(self.root)


def html_paths(root):
    """Every page the theme renders in the built site at `root`, as paths relative to it (not
    Pagefind's files, redirect stubs, the CMS, or the copies of feeds at WordPress's old feed
    addresses, plugins/wordpress_feeds)."""
    root = Path(root)
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if "pagefind" not in p.parts and _is_page(p.read_text(encoding="utf-8")[:2000])
    )


def _is_page(head):
    return (not any(marker in head for marker in (REDIRECT_MARKER, CMS_MARKER))
            and not head.lstrip().startswith("<?xml"))


class BuildFailed(AssertionError):
    """A build logged problems at or above its fatal level (the message lists them)."""


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def build(content, output=None, *, settings_file=LOCAL_SETTINGS, fatal=None, **override):
    """Build `content` in-process with `settings_file` (None: Pelican's defaults); return a Site.

    `output` defaults to an "output" folder beside `content`; the content cache goes beside
    the output and is off unless `override` turns it on. Keyword arguments override settings
    (``SITEURL=...``, ``PLUGINS=[...]``, ``DEFAULT_PAGINATION=2``). `fatal` is None (return
    whatever was logged), "errors" or "warnings": like ``pelican --fatal``, a record at that
    level fails the test with every record listed, so a publish-style build is
    ``fatal="warnings"`` with PUBLISH_SETTINGS.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    content = Path(content)
    output = Path(output) if output else content.parent / "output"
    settings = read_settings(
        str(settings_file) if settings_file else None,
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            **override,
        },
    )
    from pelican_adapter import fresh_pelican_log
    from tools.authoring.build import FATAL_LEVELS, plugins_disconnected_after

    collector = _Collector()
    root_logger = logging.getLogger()
    root_logger.addHandler(collector)
    try:
        with fresh_pelican_log(), plugins_disconnected_after():
            Pelican(settings).run()
    finally:
        root_logger.removeHandler(collector)
    site = Site(root=output, settings=settings, records=collector.records)
    level = FATAL_LEVELS[fatal or ""]
    fatal_records = [r for r in site.records if r.levelno >= level]
    if fatal_records:
        raise BuildFailed(
            f"the build logged {len(fatal_records)} problem(s) (fatal={fatal}):\n"
            + "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in fatal_records)
        )
    return site


def copy_fixture_content(destination, source=FIXTURE_CONTENT):
    """A fresh copy of a fixture content folder (default: the seed site) at `destination`."""
    shutil.copytree(source, destination)
    return Path(destination)


# What a clone needs to run the invoke tasks (content/ comes from a fixture).
PROJECT_FILES = ["theme", "plugins", "tools", "pelicanconf.py", "publishconf.py", "tasks.py"]


def copy_project(destination, content=FIXTURE_CONTENT):
    """A clone-like copy of the project at `destination`, with `content` as its content/, for
    tests that run `invoke` there as an author would."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__", "cache"))
        else:
            shutil.copy2(source, destination / name)
    shutil.copytree(content, destination / "content")
    return destination


def run_pelican(*args, settings=LOCAL_SETTINGS, fatal="errors", env=None):
    """Run the ``pelican`` command line, as CI does; return the finished process. Only for
    tests of the command itself: its exit status and what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", "-s", str(settings), "--fatal", fatal, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "250", **(env or {})},
        cwd=REPO_ROOT,
    )


def _write(path, metadata, body):
    header = "".join(f"{key.title()}: {value}\n" for key, value in metadata.items()
                     if value is not None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n" + body + "\n", encoding="utf-8")
    return path


def write_post(content, slug, body="Some text.", **metadata):
    """Write a Markdown post under content/posts/; metadata keys become header lines."""
    metadata = {"title": slug.replace("-", " ").title(), "date": "2020-01-15 10:00",
                "category": "general", "slug": slug, **metadata}
    return _write(Path(content) / "posts" / f"{slug}.md", metadata, body)


def write_page(content, slug, body="Some text.", **metadata):
    """Write a Markdown page under content/pages/; metadata keys become header lines."""
    metadata = {"title": slug.replace("-", " ").title(), "slug": slug, **metadata}
    return _write(Path(content) / "pages" / f"{slug}.md", metadata, body)


def write_files(content, files):
    """Write {relative path: text or bytes} under `content`; return the content folder."""
    content = Path(content)
    for relative, data in files.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            (content / relative).write_bytes(data)
        else:
            (content / relative).write_text(data, encoding="utf-8")
    return content


def png(size=(40, 30)):
    """A small real PNG, as an author's screenshot would be (the images plugin decodes it)."""
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGBA", size, (14, 107, 94, 200)).save(data, "PNG")
    return data.getvalue()


def free_port():
    """A port nothing listens on now on 127.0.0.1, for a server that cannot be given port 0
    and say which it took (`invoke serve`, Dovecot)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# For tests that commit to and publish into real git repositories.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def git(*args, cwd):
    """Run git in `cwd` as the tests' committer; return what it printed."""
    return subprocess.run(["git", *map(str, args)], cwd=cwd, check=True, capture_output=True,
                          text=True, env={**os.environ, **GIT_IDENTITY}).stdout


def commit_all(checkout, message="Work"):
    """Commit everything in `checkout`; return the short id of the commit."""
    git("add", "--all", cwd=checkout)
    git("commit", "--quiet", "-m", message, cwd=checkout)
    return git("rev-parse", "--short", "HEAD", cwd=checkout).strip()
