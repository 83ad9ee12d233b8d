"""What the content folder holds already: the posts and pages an import must merge with.

A fresh clone ships an About page and a first post; a site that has run for a while holds
authors' posts and an earlier import. Each Markdown file under ARTICLE_PATHS and PAGE_PATHS
is read for its Slug, Guid, Title and Date (content_checks' reading of a header), so the
import can tell the files that are its own (the same WordPress item: its Guid, or, for a
file without one, the same path, title and date) from everybody else's, whose slugs and
addresses it never takes.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from content_checks.source import MARKDOWN_SUFFIXES, Source
from pelican.utils import get_date, slugify

from . import site


@dataclass(frozen=True)
class ExistingFile:
    relative: str  # posix path inside the content folder, e.g. pages/about.md
    slug: str
    guid: str = ""
    title: str = ""
    date: str = ""
    kind: str = "post"  # or "page"
    save_as: str = ""  # its Save_as:, when it has one


def _metadata(path):
    return {key.lower(): value for _line, key, value in Source(path).metadata_lines()}


class ExistingContent:
    """The posts and pages in `content_dir` before the import."""

    def __init__(self, content_dir, settings):
        self.content_dir = Path(content_dir)
        self.settings = settings
        self.files = []
        folders = [("post", folder) for folder in settings["ARTICLE_PATHS"]]
        folders += [("page", folder) for folder in settings["PAGE_PATHS"]]
        for kind, folder in folders:
            root = self.content_dir / folder
            for directory, subfolders, names in os.walk(root):
                # Symlinks are never followed or read (the build refuses them anyway).
                subfolders[:] = sorted(name for name in subfolders
                                       if not os.path.islink(os.path.join(directory, name)))
                for name in sorted(names):
                    path = Path(directory) / name
                    if path.suffix.lower() in MARKDOWN_SUFFIXES and not path.is_symlink():
                        self.files.append(self._read(path, kind))
        self.by_guid = {file.guid: file for file in self.files if file.guid}
        self.by_path = {file.relative: file for file in self.files}
        self.by_slug = {}
        for file in self.files:
            self.by_slug.setdefault(file.slug, []).append(file)

    def _read(self, path, kind):
        meta = _metadata(path)
        title = meta.get("title", "")
        slug = meta.get("slug") or (
            slugify(title, regex_subs=self.settings["SLUG_REGEX_SUBSTITUTIONS"]) if title
            else path.stem)
        return ExistingFile(relative=path.relative_to(self.content_dir).as_posix(), slug=slug,
                            guid=meta.get("guid", ""), title=title, date=meta.get("date", ""),
                            kind=kind, save_as=meta.get("save_as", ""))

    def home_of(self, guid):
        """The file that holds the WordPress item with this Guid, or None."""
        return self.by_guid.get(guid) if guid else None

    def is_own(self, file, relative, title, date):
        """True when `file` (with no Guid) is the one the import wrote for this item."""
        return not file.guid and file.relative == relative and (file.title, file.date) == (
            title, date)

    def taken_by(self, slug, relative, title, date):
        """The file that keeps this item from `slug` at `relative`, or None when it is free."""
        for file in [*self.by_slug.get(slug, []), self.by_path.get(relative)]:
            if file is not None and not self.is_own(file, relative, title, date):
                return file
        return None

    def outputs(self):
        """{output path (as redirects name them): file} of every post and page there."""
        found = {}
        for file in self.files:
            if file.save_as:
                found[file.save_as] = file
                continue
            try:
                date = get_date(file.date) if file.date else None
            except (ValueError, OverflowError):
                date = None
            if file.kind == "post" and date is None:
                continue  # a post's address holds its date
            found[site.save_as(self.settings, file.kind, file.slug, date)] = file
        return found
