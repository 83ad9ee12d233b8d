"""Helpers for the responses plugin's tests: records, comments files, tiny sites."""

import json
from pathlib import Path

from bs4 import BeautifulSoup

REPO_ROOT = Path(__file__).resolve().parents[2]
LOCAL_SETTINGS = REPO_ROOT / "pelicanconf.py"
SEED_SLUG = "social-media-patients-and-physicians-a-sticky-wicket"
SEED_TITLE = "Social media, patients, and physicians: a sticky wicket"


def record(number, post="a-post", **fields):
    """A valid version-1 response; `fields` override or (with None) remove fields."""
    result = {
        "id": str(number),
        "post": post,
        "type": "comment",
        "author": f"Author {number}",
        "date": f"2011-07-21T09:{number % 60:02d}:00-04:00",
        "content": f"Response {number}.",
    }
    result.update(fields)
    return {key: value for key, value in result.items() if value is not None}


def write_comments(path, responses, version=1):
    """Write a comments file, one field per line, so problems have distinct line numbers."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": version, "responses": responses}, indent=2,
                               ensure_ascii=False), encoding="utf-8")
    return path


def write_post(content, slug, title=None, date="2020-01-15 10:00", status=None, body="Text."):
    lines = [f"Title: {title or slug.replace('-', ' ').title()}", f"Date: {date}",
             "Category: general", f"Slug: {slug}"]
    if status:
        lines.append(f"Status: {status}")
    path = Path(content) / "posts" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path


def parse(path):
    """Parse a page the way a browser would."""
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html5lib")


def build_site(content, output, cache, **override):
    """Build in-process with the real pelicanconf.py, as `pelican -s pelicanconf.py` would."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        path=str(LOCAL_SETTINGS),
        override={"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache),
                  **override},
    )
    Pelican(settings).run()
    return Path(output)


def disconnect_plugin():
    """Blinker signals are global: leave no receivers behind for other test folders."""
    from pelican import signals

    from responses import responses

    signals.initialized.disconnect(responses.apply_defaults)
    signals.all_generators_finalized.disconnect(responses.add_responses)
    signals.article_writer_finalized.disconnect(responses.write_response_feeds)


def write_page(content, slug, title=None, status=None, body="Page text."):
    lines = [f"Title: {title or slug.replace('-', ' ').title()}", f"Slug: {slug}"]
    if status:
        lines.append(f"Status: {status}")
    path = Path(content) / "pages" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path
