"""Media: no file refers to the old site for a media file of the export; with a source
folder, every such file in the site is byte-identical to the source's copy."""

import re
from collections import defaultdict
from urllib.parse import unquote, urlsplit

from ..report import CheckResult
from .posts import describe

# WordPress's resized copies sit beside the original: name-300x200.jpg.
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")


def uploads_path(url):
    """A media file's path inside the uploads folder (2011/07/name.jpg)."""
    path = unquote(urlsplit(url).path)
    marker = "/uploads/"
    return path.split(marker, 1)[1] if marker in path else path.lstrip("/")


def check_media(export, site, references, source=None):
    result = CheckResult("media")
    attachments = {unquote(urlsplit(item.attachment_url).path): item
                   for item in export.attachments}
    old_refs, other_uploads = 0, 0
    for relative, _url, path in references.outside_site(site):
        item = attachments.get(path) or attachments.get(RESIZED.sub("", path))
        if item is not None:
            old_refs += 1
            result.failures.append(f"/{relative} refers to the old site for {path} "
                                   f"({describe(item)})")
        elif "/uploads/" in path:
            other_uploads += 1
    if other_uploads:
        result.notes.append(f"{other_uploads} references to old-site uploads that the export "
                            "does not list as attachments")
    compared = 0
    if source is not None:
        compared = _compare_with_source(export, site, source, result)
    result.summary = f"{len(attachments)} media files of the export checked"
    if source is not None:
        result.summary += f"; {compared} copies in the site compared byte for byte with {source}"
    return result


def _compare_with_source(export, site, source, result):
    # Site files by name with any resize suffix taken off: name.jpg finds name-300x200.jpg too.
    by_original = defaultdict(list)
    for relative in sorted(site.files):
        by_original[RESIZED.sub("", relative.rsplit("/", 1)[-1])].append(relative)
    compared = 0
    for item in export.attachments:
        inside = uploads_path(item.attachment_url)
        folder, _, name = inside.rpartition("/")
        for relative in by_original.get(name, ()):
            file_name = relative.rsplit("/", 1)[-1]
            if not relative.endswith(f"{folder}/{file_name}" if folder else file_name):
                continue
            original = source / folder / file_name
            if not original.is_file():
                if file_name == name:
                    result.failures.append(f"/{relative}: {describe(item)} is not in the "
                                           f"source folder ({original})")
                continue
            compared += 1
            if (site.root / relative).read_bytes() != original.read_bytes():
                result.failures.append(f"/{relative} differs from {original} "
                                       f"({describe(item)})")
    return compared
