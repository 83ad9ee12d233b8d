"""``{static}`` and ``{filename}`` links inside ``srcset`` attributes.

Pelican resolves intra-site links only in single-URL attributes (``href``, ``src``...), so a
responsive image's ``srcset`` would keep ``{static}/media/a-300x200.jpg 300w`` as written.
This plugin resolves each candidate of a ``srcset`` when Pelican resolves the page's other
links, by running Pelican's own replacer on the candidate as if it were a ``src``: the same
URL (relative to the page with RELATIVE_URLS, under SITEURL otherwise), the same warning for
a missing file, and the linked files copied to the output like any ``{static}`` file.

Pelican offers no signal at that point: pelican_adapter hooks both steps, once per process;
the hooks do nothing for a site that does not load this plugin (its ``SRCSET_LINKS`` setting
is unset), and nothing is stored on the content objects, which Pelican's content cache
pickles.
"""

import re

from pelican import signals

from pelican_adapter import (
    after_link_resolution,
    body,
    more_static_links,
    resolve_link,
    static_links_of,
)

DEFAULTS = {"SRCSET_LINKS": True}
SRCSET = re.compile(
    r"""(?P<markup><[^>]+?\ssrcset\s*=\s*)(?P<quote>["'])(?P<value>.*?)(?P=quote)""",
    re.IGNORECASE | re.DOTALL,
)
URL = re.compile(r"[\s,]*(?P<url>[^\s,]\S*)")


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


def resolve_srcsets(content, html, siteurl):
    """After Pelican's link resolution, the same for every srcset candidate."""
    if not html or not content.settings.get("SRCSET_LINKS") or "srcset" not in html:
        return html
    return SRCSET.sub(
        lambda m: m["markup"] + m["quote"]
        + resolve_candidates(m["value"], lambda url: resolve_link(content, url, siteurl))
        + m["quote"],
        html,
    )


def srcset_static_links(content):
    """The {static} files srcset candidates name, so that those are copied to the output even
    from outside STATIC_PATHS, like any linked file."""
    html = body(content) or ""
    if not content.settings.get("SRCSET_LINKS") or "srcset" not in html:
        return set()
    urls = [match["value"][start:end] for match in SRCSET.finditer(html)
            for start, end in candidate_urls(match["value"])]
    return static_links_of(content, urls)


def enable(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    after_link_resolution(resolve_srcsets)
    more_static_links(srcset_static_links)


def register():
    signals.initialized.connect(enable)
