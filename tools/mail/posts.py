"""Match stage: which post (and which response) a subject names, checked against the site.

Subjects carry a tag the site's links write: "Re: <title> [post:<slug>]", or
"[post:<slug> reply:<id>]" for a reply. The slugs the site has are read from the
Markdown files' metadata headers (a light parse of the header block, as
Pelican's Markdown reader sees it: "Key: value" lines up to the first blank
line), so no Markdown is rendered; a file without Slug gets its title slugified
as Pelican does.
"""

import re
from pathlib import Path

from content_checks.source import MARKDOWN_SUFFIXES, Source
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

POST_TAG = re.compile(
    r"\[\s*post:\s*(?P<post>[^\s\]]+)(?:\s+reply:\s*(?P<reply>[A-Za-z0-9_-]+))?\s*\]",
    re.IGNORECASE,
)


def subject_tag(subject):
    """(post slug, replied-to id or None) from a subject, or None when it names no post."""
    found = POST_TAG.search(subject)
    if found is None:
        return None
    return found["post"], found["reply"]


def _metadata(path):
    return {key.lower(): value for _, key, value in Source(path).metadata_lines()}


def site_slugs(content, paths, slug_substitutions=None):
    """The slug of every Markdown post and page under `content`/each of `paths`."""
    substitutions = slug_substitutions or DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    slugs = set()
    for folder in paths:
        for path in sorted((Path(content) / folder).rglob("*")):
            if path.suffix.lower() not in MARKDOWN_SUFFIXES or not path.is_file():
                continue
            metadata = _metadata(path)
            slug = metadata.get("slug") or (
                slugify(metadata["title"], regex_subs=substitutions)
                if metadata.get("title") else None
            )
            if slug:
                slugs.add(slug)
    return slugs
