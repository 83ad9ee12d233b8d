"""Find every reference to the old site in the built files (for the media and links checks)."""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..export import host_of

FEED_ID = re.compile(r"<(id|guid)\b[^>]*>[^<]*</\1>")
# Jetpack's image CDN serves a site's uploads as https://i0.wp.com/<host>/<path>.
PHOTON = r"(?:i[0-3]\.wp\.com/)?"


@dataclass(frozen=True)
class Reference:
    """One reference to the old site that the built site does not answer."""

    file: str  # the site's file that holds it
    url: str  # as written there, Jetpack's i0.wp.com/ taken out ("//host/…" kept so)
    host: str
    path: str  # decoded
    query: str


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
        """The References that the built site itself does not answer."""
        same_domain = bool(self.hosts & site.own_hosts)
        for relative, url in self.found:
            url = re.sub(r"//i[0-3]\.wp\.com/", "//", url, count=1)
            absolute = url if "://" in url else "http:" + url
            parts, host = urlsplit(absolute), host_of(absolute)
            if same_domain and host in site.own_hosts and not parts.query \
                    and site.resolve(parts.path) is not None:
                continue
            yield Reference(relative, url, host, unquote(parts.path), parts.query)
