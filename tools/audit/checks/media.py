"""Media: nothing in the site still loads a file from the old site's uploads, every image in
the site decodes, and, with a copy of the uploads folder, every copy of an upload in the site
was made from its original (images.made_from: the same bytes, or the same picture resized
or re-encoded).

Where the uploads folder was is worked out from the export alone: an attachment's
``wp:attachment_url`` minus its ``_wp_attached_file`` (``…/wp-content/uploads/``, a
multisite's ``…/uploads/sites/2/``), a hosted blog's ``name.files.wordpress.com/``, or
WordPress's ``…/uploads/`` and ``YYYY/MM/name`` layouts when the path is not given.
"""

import filecmp
import functools
import hashlib
import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..export import host_of
from ..images import decode_problem, is_image, made_from
from ..report import CheckResult, some_files
from .posts import describe

# WordPress's resized copies sit beside the original: name-300x200.jpg.
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")
YEAR_MONTH_FILE = re.compile(r"(?:^|/)(\d{4}/\d{2}/[^/]+)$")
UPLOADS = "/uploads/"
SUBSITE = re.compile(r"^sites/\d+/")
# A copy's name starts with its original's stem and one of these: name-600w.webp, name.600.jpg.
COPY_SEPARATORS = "-_.@"
# plugins/images names a narrower copy by the original's sha256 (its stem made a slug):
# "2013-10-19-17.19.46.png" -> "2013-10-19-171946.68bbbbeb-360.webp".
DIGEST_COPY = re.compile(r"\.(?P<digest>[0-9a-f]{8})-\d+\.\w+$")


def uploads_base(item):
    """(host, path of the uploads folder, path of the file inside it) of an attachment."""
    parts = urlsplit(item.attachment_url)
    host, path = host_of(item.attachment_url), unquote(parts.path)
    attached = item.attached_file.replace("\\", "/").lstrip("/")
    if "/wp-content/uploads/" in "/" + attached:  # before 2.7: the server's absolute path
        attached = attached.split("/wp-content/uploads/", 1)[1]
    if attached and path.endswith("/" + attached):
        return host, path[: -len(attached)], attached
    if UPLOADS in path:
        base, inside = path.split(UPLOADS, 1)
        base += UPLOADS
        if subsite := SUBSITE.match(inside):
            base, inside = base + subsite[0], inside[subsite.end():]
        return host, base, inside
    if host.endswith(".files.wordpress.com"):
        return host, "/", path.lstrip("/")
    if match := YEAR_MONTH_FILE.search(path):
        return host, path[: -len(match[1])], match[1]
    return host, "/", path.lstrip("/")


class OldUploads:
    """The old site's uploads folders, and which attachment a path inside them is."""

    def __init__(self, export):
        self.bases = defaultdict(set)  # host -> uploads folder paths
        self.attachments = {}  # path inside the uploads folder -> Item
        for item in export.attachments:
            host, base, inside = uploads_base(item)
            self.bases[host].add(base)
            self.attachments.setdefault(inside, item)

    def inside(self, host, path):
        """The path inside an uploads folder of the file at `host` `path`, or None."""
        for base in sorted(self.bases.get(host, ()), key=len, reverse=True):
            if path.startswith(base) and len(path) > len(base):
                return path[len(base):]
        if UPLOADS in path and (host in self.bases or not self.bases):
            # The same folder under an older address of the site (it moved from /blog/ to /).
            return SUBSITE.sub("", path.split(UPLOADS, 1)[1])
        return None

    def attachment(self, inside):
        return self.attachments.get(inside) or self.attachments.get(RESIZED.sub("", inside))


def check_media(export, site, references, source=None):
    result = CheckResult("media")
    uploads = OldUploads(export)
    referring = defaultdict(list)  # (path, what) -> files that still load it from the old site
    for reference in references.outside_site(site):
        inside = uploads.inside(reference.host, reference.path)
        if inside is not None:
            item = uploads.attachment(inside)
            what = describe(item) if item else "not an attachment of the export"
            referring[(reference.path, what)].append(reference.file)
    for (path, what), files in referring.items():
        result.fail("a file of the old site's uploads is still loaded from the old site",
                    f"{path} ({what}) is loaded from the old site by {some_files(files)}")
    images = [relative for relative in sorted(site.files) if is_image(relative)]
    originals = _copies_of_uploads(uploads, site, source) if source is not None else {}
    compared = Counter()
    same_bytes = set()
    for relative, (inside, original) in originals.items():
        item = uploads.attachment(inside) or (
            uploads.attachment(SUBSITE.sub("", original.relative_to(source).as_posix()))
            if original else None)
        about = f" ({describe(item)})" if item else ""
        if original is None:
            result.fail("a media file in the site has no original in the source folder",
                        f"/{relative}: no {inside} in {source}{about}")
        elif filecmp.cmp(site.root / relative, original, shallow=False):
            compared["bytes"] += 1
            same_bytes.add(relative)
        elif problem := made_from(site.root / relative, original):
            result.fail("a media file in the site is not made from its original",
                        f"/{relative} {problem}: {original}{about}")
        else:
            compared["picture"] += 1
    broken_before = []
    for relative in images:
        if relative in originals and originals[relative][1] is not None \
                and relative not in same_bytes:
            continue  # decoded, whole, by made_from
        if problem := decode_problem(site.root / relative):
            if relative in same_bytes:
                broken_before.append(relative)
            else:
                result.fail("an image in the site does not decode", f"/{relative} {problem}")
    if broken_before:
        result.notes.append(f"{len(broken_before)} images do not decode, as on the old site "
                            f"(the same bytes as the source's), e.g. /{broken_before[0]}")
    result.summary = (f"{len(export.attachments)} media files of the export checked, "
                      f"{len(images)} images in the site decoded")
    if source is not None:
        result.summary += (f"; {sum(compared.values())} copies in the site compared with "
                           f"{source} ({compared['bytes']} byte for byte, "
                           f"{compared['picture']} as pictures)")
    return result


def _source_files(source, uploads):
    """{path inside the uploads folder: file} of the copy of the uploads folder. A copy of
    a multisite's whole uploads folder (sites/2/2011/07/…) serves as that site's folder."""
    files = {}
    for folder, subfolders, names in os.walk(source):
        subfolders.sort()
        for name in names:
            path = Path(folder, name)
            files[path.relative_to(source).as_posix()] = path
    known = set(uploads.attachments)
    if known and not known & files.keys():
        stripped = {SUBSITE.sub("", relative): path for relative, path in files.items()
                    if SUBSITE.match(relative)}
        if known & stripped.keys():
            return stripped
    return files


def _media_prefixes(site, uploads):
    """Where the site keeps its copies of the uploads ("media/"): the folders under which
    the export's attachment files are found."""
    by_name = defaultdict(list)
    for inside in uploads.attachments:
        by_name[inside.rsplit("/", 1)[-1]].append(inside)
    prefixes = Counter()
    for relative in site.files:
        for inside in by_name.get(relative.rsplit("/", 1)[-1], ()):
            if relative == inside or relative.endswith("/" + inside):
                prefixes[relative[: -len(inside)]] += 1
                break
    return [prefix for prefix, _count in prefixes.most_common()]


def _original_of(inside, files, by_folder, digests):
    """The source file a site file (path `inside` the uploads) was made from, or None."""
    if inside in files:
        return files[inside]
    folder, _, name = inside.rpartition("/")
    if (match := DIGEST_COPY.search(name)) and (found := digests(folder).get(match["digest"])):
        return found
    best = None
    for stem, path in by_folder.get(folder, ()):
        if (name.startswith(stem) and len(name) > len(stem)
                and name[len(stem)] in COPY_SEPARATORS and is_image(name) and is_image(path)
                and (best is None or len(stem) > len(best[0]))):
            best = (stem, path)
    return best[1] if best else None


def _copies_of_uploads(uploads, site, source):
    """{site file: (path inside the uploads, its original in `source` or None)} for every
    file the site keeps where it keeps the uploads."""
    files = _source_files(source, uploads)
    by_folder = defaultdict(list)
    for inside, path in files.items():
        folder, _, name = inside.rpartition("/")
        by_folder[folder].append((name.rsplit(".", 1)[0], path))
    prefixes = _media_prefixes(site, uploads)

    @functools.cache
    def digests(folder):
        """{first 8 hex digits of the sha256: file} of the source's pictures in a folder."""
        return {hashlib.sha256(path.read_bytes()).hexdigest()[:8]: path
                for _stem, path in by_folder.get(folder, ()) if is_image(path)}

    copies = {}
    for relative in sorted(site.files):
        prefix = next((p for p in prefixes if relative.startswith(p)), None)
        if prefix is not None:
            inside = relative[len(prefix):]
            copies[relative] = (inside, _original_of(inside, files, by_folder, digests))
    return copies
