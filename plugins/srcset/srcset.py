"""``{static}`` and ``{filename}`` links inside ``srcset`` attributes.

Pelican resolves intra-site links only in single-URL attributes (``href``, ``src``...), so a
responsive image's ``srcset`` would keep ``{static}/media/a-300x200.jpg 300w`` as written.
This plugin resolves each candidate of a ``srcset`` when Pelican resolves the page's other
links, by running Pelican's own replacer on the candidate as if it were a ``src``: the same
URL (relative to the page with RELATIVE_URLS, under SITEURL otherwise), the same warning for
a missing file, and the linked files copied to the output like any ``{static}`` file.

Pelican offers no signal at that point, so the two Content methods involved are wrapped once
per process; the wrappers do nothing for a site that does not load this plugin (its
``SRCSET_LINKS`` setting is unset), and nothing is stored on the content objects, which
Pelican's content cache pickles.
"""

import copy
import re

from pelican import signals
from pelican.contents import Content

DEFAULTS = {"SRCSET_LINKS": True}
SRCSET = re.compile(
    r"""(?P<markup><[^>]+?\ssrcset\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)
URL = re.compile(r"[\s,]*(?P<url>[^\s,]\S*)")
_pelican = {}  # Pelican's own methods, as they were before wrapping


def candidate_urls(srcset):
    """(start, end) of each candidate's URL in a srcset value, as the HTML spec splits it:
    a URL runs to the next space (less any trailing commas), its descriptors to the next comma."""
    position = 0
    while match := URL.match(srcset, position):
        start, end = match.span("url")
        if match["url"].endswith(","):
            end = start + len(match["url"].rstrip(","))
            position = match.end()
        else:
            comma = srcset.find(",", end)
            position = len(srcset) if comma < 0 else comma + 1
        yield start, end


def resolve_candidates(srcset, resolve):
    """The srcset with every candidate URL replaced by resolve(url)."""
    parts, last = [], 0
    for start, end in candidate_urls(srcset):
        parts += [srcset[last:start], resolve(srcset[start:end])]
        last = end
    return "".join(parts) + srcset[last:]


def as_src(url):
    return f'<img src="{url}">'


def update_content(self, content, siteurl):
    """Pelican's link resolution, then the same for every srcset candidate."""
    content = _pelican["_update_content"](self, content, siteurl)
    if not content or not self.settings.get("SRCSET_LINKS") or "srcset" not in content:
        return content
    links = self._get_intrasite_link_regex()

    def resolve(url):
        if not links.search(as_src(url)):
            return url
        resolved = links.sub(lambda m: self._link_replacer(siteurl, m), as_src(url))
        return resolved[len(as_src("")) - 2:-2]

    return SRCSET.sub(
        lambda m: m["markup"] + m["quote"] + resolve_candidates(m["value"], resolve)
        + m["quote"],
        content,
    )


def get_static_links(self):
    """Pelican's static links, and the {static} files srcset candidates name, so that those
    are copied to the output even from outside STATIC_PATHS, like any linked file."""
    static_links = _pelican["get_static_links"](self)
    if not self.settings.get("SRCSET_LINKS") or "srcset" not in (self._content or ""):
        return static_links
    urls = []
    for match in SRCSET.finditer(self._content):
        value = match["value"]
        urls += [as_src(value[start:end]) for start, end in candidate_urls(value)]
    # A throwaway copy whose body is the candidates as src attributes.
    shadow = copy.copy(self)
    shadow._content = "\n".join(urls)
    return static_links | _pelican["get_static_links"](shadow)


def enable(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    if not _pelican:
        for name, wrapper in (("_update_content", update_content),
                              ("get_static_links", get_static_links)):
            _pelican[name] = getattr(Content, name)
            setattr(Content, name, wrapper)


def register():
    signals.initialized.connect(enable)
