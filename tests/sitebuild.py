"""Helpers shared by every test folder: build a real site with Pelican, parse its pages."""

import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCAL_SETTINGS = REPO_ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = REPO_ROOT / "publishconf.py"
SEED_SLUG = "social-media-patients-and-physicians-a-sticky-wicket"
SEED_TITLE = "Social media, patients, and physicians: a sticky wicket"
SEED_PATH = Path("2011/07") / SEED_SLUG / "index.html"
# The seed post as the old WordPress site showed it (a copy of shared/seed/, kept
# here so the tests run from any clone).
PUBLISHED_SEED = REPO_ROOT / "tests" / "site" / "fixtures" / "seed-as-published.txt"


def parse(path):
    """Parse an output page the way a browser would."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html5lib")


def normalise(text):
    """Text as a reader sees it: typogrify's no-break spaces and runs of spaces as one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def run_pelican(*args, settings=LOCAL_SETTINGS, fatal="errors", env=None):
    """Run the Pelican command line, as the invoke tasks and CI do; return the process."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", "-s", str(settings), "--fatal", fatal, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "250", **(env or {})},
        cwd=REPO_ROOT,
    )


def build_site(content, output, settings=LOCAL_SETTINGS, fatal="errors", extra=(), env=None):
    """Build `content` into `output` on the command line; fail the test with Pelican's log."""
    result = run_pelican(
        content, "-o", output, "-e", f'CACHE_PATH="{Path(output).parent / "cache"}"', *extra,
        settings=settings, fatal=fatal, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Path(output)


def write_post(content, slug, body="Some text.", **metadata):
    """Write a Markdown post under content/posts/; metadata keys become header lines."""
    metadata = {"title": slug.replace("-", " ").title(), "date": "2020-01-15 10:00",
                "category": "general", "slug": slug, **metadata}
    header = "".join(f"{key.title()}: {value}\n" for key, value in metadata.items())
    path = Path(content) / "posts" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n" + body + "\n", encoding="utf-8")
    return path
