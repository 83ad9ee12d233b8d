"""Match stage: the posts and pages a subject's tag may name (the tag itself is the reply
protocol's, plugins/responses/reply.py).

The slugs the site has are read from the
Markdown files' metadata headers (a light parse of the header block, as
Pelican's Markdown reader sees it: "Key: value" lines up to the first blank
line), so no Markdown is rendered; a file without Slug gets its title slugified
as Pelican does.
"""

from pathlib import Path

from content_checks.source import MARKDOWN_SUFFIXES, Source
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify


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
