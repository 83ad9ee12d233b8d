"""Links: no file links to an old-site post or page that has a new home in the site."""

from collections import defaultdict
from urllib.parse import parse_qs, unquote, urlsplit

from ..report import CheckResult, some_files
from .posts import describe


def check_links(export, site, references, found):
    result = CheckResult("links")
    by_path, by_id, homed = {}, {}, 0
    for item in export.published:
        if found[item.number].page is None:
            continue
        homed += 1
        by_id[item.post_id] = item
        parts = urlsplit(item.link)
        if parts.path.strip("/"):
            by_path[unquote(parts.path).rstrip("/")] = item
    other, linking = 0, defaultdict(list)
    for reference in references.outside_site(site):
        query = parse_qs(reference.query)
        path = reference.path
        item = by_path.get(path.rstrip("/")) if path.strip("/") else None
        for key in ("p", "page_id"):
            item = item or by_id.get((query.get(key) or [""])[0])
        if item is None:
            other += 1
            continue
        linking[(reference.url, item.number)].append((reference.file, item))
    for (url, _number), files in linking.items():
        item = files[0][1]
        new = site.url_of(found[item.number].page)
        result.fail("a file links to the old address of a post or page the site has",
                    f"{url}, the old address of {describe(item)}, now at {new}, is linked "
                    f"from {some_files([relative for relative, _item in files])}")
    if other:
        result.notes.append(f"{other} other references to the old site besides links to its "
                            "posts and pages (media files are the media check's)")
    result.summary = f"links to the old addresses of {homed} published items looked for"
    return result
