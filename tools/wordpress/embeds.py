"""Turn WordPress's ``[audio]`` and ``[video]`` shortcodes into HTML5 players.

``[audio mp3="…" ogg="…"]``, ``[audio src="…"]``, WordPress.com's
``[audio https://…]`` and ``[video mp4="…" poster="…" width="640" height="360"]``
become ``<audio controls>``/``<video controls>`` with a ``<source>`` per file and
a plain link as fallback, as WordPress's own players are; the link rewriting
that follows then brings the files along.
"""

import html
import posixpath
import re
from urllib.parse import urlsplit

from .convert import _shortcode_attributes

EMBED = re.compile(
    r"\[(?P<kind>audio|video)(?P<attributes>[^\]]*)\](?:(?P<inner>.*?)\[/(?P=kind)\])?",
    re.IGNORECASE | re.DOTALL,
)
FORMATS = {
    "audio": {"mp3": "audio/mpeg", "m4a": "audio/mp4", "ogg": "audio/ogg", "oga": "audio/ogg",
              "wav": "audio/wav", "wma": "", "flac": "audio/flac"},
    "video": {"mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm", "ogv": "video/ogg",
              "wmv": "", "flv": "", "mov": "video/quicktime"},
}  # fmt: skip


def _sources(kind, attributes):
    """[(url, MIME type)] named by the shortcode, in WordPress's order."""
    found = []
    positional = attributes.get("0", "")
    for name in ("src", *FORMATS[kind]):
        url = attributes.get(name, "").strip()
        if name == "src" and not url and positional.startswith(("http://", "https://", "/")):
            url = positional
        if url and url not in [existing for existing, _type in found]:
            suffix = posixpath.splitext(urlsplit(url).path)[1].lstrip(".").lower()
            found.append((url, FORMATS[kind].get(suffix, "")))
    return found


def _player(match, problems):
    kind = match["kind"].lower()
    text = html.unescape(match["attributes"]).strip()
    attributes = _shortcode_attributes(text)
    if text and "=" not in text.split()[0]:
        attributes["0"] = text.split()[0]
    sources = _sources(kind, attributes)
    if not sources:
        problems.append(f"[{kind}] names no file, left as text")
        return match[0]
    extra = ""
    if kind == "video":
        for name in ("poster", "width", "height"):
            value = attributes.get(name, "").strip()
            if value and (name == "poster" or value.isdigit()):
                extra += f' {name}="{html.escape(value)}"'
    parts = [f'<{kind} class="wp-{kind}-shortcode" controls preload="metadata"{extra}>']
    for url, mime in sources:
        type_attribute = f' type="{mime}"' if mime else ""
        parts.append(f'<source src="{html.escape(url)}"{type_attribute}>')
    first = sources[0][0]
    name = posixpath.basename(urlsplit(first).path) or first
    parts.append(f'<a href="{html.escape(first)}">{html.escape(name)}</a></{kind}>')
    return "".join(parts)


def expand_players(body, problems):
    """`body` with every [audio]/[video] naming a file replaced by a player.

    Shortcodes naming no file are left as text and described in `problems`.
    """
    return EMBED.sub(lambda match: _player(match, problems), body)
