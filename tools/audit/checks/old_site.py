"""Find every reference to the old site in the built files (for the media and links checks)."""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..export import host_of

FEED_ID = re.compile(r"<(id|guid)\b[^>]*>[^<]*</\1>")
# Jetpack's image CDN serves a site's uploads as https://i0.wp.com/<host>/<path>.
PHOTON = r"(?:i[0-3]\.wp\.com/)?"


@dataclass
class OldSiteReferences:
    hosts: set[str]
    found: list[tuple[str, str]] = field(default_factory=list)  # (file, URL)

    def __post_init__(self):
        names = "|".join(re.escape(host) for host in sorted(self.hosts, key=len, reverse=True))
        self.pattern = re.compile(
            rf"(?:https?:)?//{PHOTON}(?:www\.)?(?:{names})(?::\d+)?(?:[/?#][^\s\"'<>\\)]*)?",
            re.IGNORECASE,
        ) if names else None

    def scan(self, relative, text):
        if self.pattern is None or not self.pattern.search(text):
            return
        if text.lstrip().startswith("<?xml"):
            # A feed entry's id is a name, not a link: migrated posts keep their WordPress
            # GUIDs (https://old.example/?p=123) there on purpose.
            text = FEED_ID.sub("", text)
        # Feeds and JSON hold escaped markup: read the URLs as a browser would.
        text = html.unescape(text.replace("\\/", "/"))
        for match in self.pattern.finditer(text):
            self.found.append((relative, match[0].rstrip(".,;")))

    def outside_site(self, site):
        """(file, URL, path) of references that the built site itself does not answer."""
        same_domain = bool(self.hosts & site.own_hosts)
        for relative, url in self.found:
            url = re.sub(r"//i[0-3]\.wp\.com/", "//", url, count=1)
            parts = urlsplit(url if "://" in url else "http:" + url)
            if same_domain and host_of(url if "://" in url else "http:" + url) in site.own_hosts \
                    and not parts.query and site.resolve(parts.path) is not None:
                continue
            yield relative, url, unquote(parts.path)
