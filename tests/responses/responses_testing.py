"""Helpers for the responses plugin's tests: records, comments files, reading them as the
plugin does. Sites are built with tests/sitebuild.py's ``build``."""

import json
from pathlib import Path

import pytest

from responses.problems import ResponsesError
from responses.responses import read_responses


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


# --- reading one comments file the way the plugin does ---------------------------------


def content(*slugs):
    """What the plugin knows of the site: slug -> the articles and pages with it."""
    return {slug: ["article"] for slug in slugs}


SLUGS = content("a-post", "b-post")


def settings(tmp_path, path=None, **extra):
    return {"PATH": str(tmp_path), "RESPONSES_PATH": path, "TIMEZONE": "America/New_York",
            "RESPONSES_MAX_DEPTH": 5, **extra}


def problems_for(tmp_path, responses=None, text=None, slugs=SLUGS):
    """The problems read_responses raises for one comments.json (must raise)."""
    path = tmp_path / "comments.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    else:
        write_comments(path, responses)
    with pytest.raises(ResponsesError) as raised:
        read_responses(settings(tmp_path), slugs)
    return raised.value.problems


def line_of(path, needle, occurrence=0):
    """1-based line of the first (or n-th) line containing `needle`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if needle in line][occurrence]
