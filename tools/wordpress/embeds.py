"""Turn WordPress's ``[audio]`` and ``[video]`` shortcodes into HTML5 players, and its
embeds (YouTube, Vimeo, tweets...) into links.

``[audio mp3="…" ogg="…"]``, ``[audio src="…"]``, WordPress.com's
``[audio https://…]`` and ``[video mp4="…" poster="…" width="640" height="360"]``
become ``<audio controls>``/``<video controls>`` with a ``<source>`` per file and
a plain link as fallback, as WordPress's own players are; the link rewriting
that follows then brings the files along.
"""

import html
import json
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


# Embeds: WordPress shows a video (or a tweet...) in an iframe from the provider, which
# sets its cookies on every reader who opens the page. The site shows a plain link instead:
# nothing loads from the provider until the reader follows it.
PROVIDERS = {
    "youtube.com": "YouTube", "youtu.be": "YouTube", "youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo", "dailymotion.com": "Dailymotion", "ted.com": "TED",
    "wordpress.tv": "WordPress.tv", "videopress.com": "VideoPress", "twitter.com": "Twitter",
    "x.com": "X", "instagram.com": "Instagram", "facebook.com": "Facebook",
    "flickr.com": "Flickr", "soundcloud.com": "SoundCloud", "spotify.com": "Spotify",
    "mixcloud.com": "Mixcloud", "slideshare.net": "SlideShare", "scribd.com": "Scribd",
    "speakerdeck.com": "Speaker Deck", "tiktok.com": "TikTok", "reddit.com": "Reddit",
    "tumblr.com": "Tumblr", "imgur.com": "Imgur", "issuu.com": "Issuu", "kickstarter.com":
    "Kickstarter", "animoto.com": "Animoto", "cloudup.com": "Cloudup", "crowdsignal.com":
    "Crowdsignal", "polldaddy.com": "Polldaddy", "screencast.com": "Screencast",
    "smugmug.com": "SmugMug", "amazon.com": "Amazon", "pinterest.com": "Pinterest",
}  # fmt: skip
EMBED_BLOCK = re.compile(
    r"<!-- wp:(?P<name>(?:core-)?embed(?:/[\w-]+)?) (?P<json>\{(?:(?!-->).)*?\}) -->(?P<inner>.*?)"
    r"<!-- /wp:(?P=name) -->\n?", re.DOTALL)
EMBED_SHORTCODE = re.compile(r"\[embed(?:\s[^\]]*)?\](?P<url>[^\[]*?)\[/embed\]", re.IGNORECASE)
# WordPress.com's [youtube=URL], [youtube URL], [vimeo 123456], [vimeo URL].
PROVIDER_SHORTCODE = re.compile(r"\[(?P<name>youtube|vimeo)[=\s](?P<value>[^\]\s]+)[^\]]*\]",
                                re.IGNORECASE)
BARE_URL_LINE = re.compile(r"^(?P<lead>[ \t]*)(?P<url>https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
PLAYER = re.compile(
    r"<(?P<tag>iframe|object)\b[^>]*?(?:src|data)\s*=\s*[\"'](?P<src>[^\"']+)[\"'][^>]*>"
    r".*?</(?P=tag)>", re.IGNORECASE | re.DOTALL)
PLAYER_ADDRESSES = [
    (re.compile(r"^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/(?:embed|v)/([\w-]+)"),
     "https://www.youtube.com/watch?v={}"),
    (re.compile(r"^(?:https?:)?//player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
]
FIGCAPTION = re.compile(r"<figcaption\b.*?</figcaption>", re.IGNORECASE | re.DOTALL)
PRE_BLOCK = re.compile(r"(<pre\b.*?</pre>)", re.IGNORECASE | re.DOTALL)


def provider_of(url):
    """The provider's name for an embed address ("YouTube"), or "" for any other site."""
    host = (urlsplit(url).hostname or "").lower()
    while host:
        if host in PROVIDERS:
            return PROVIDERS[host]
        host = host.partition(".")[2]
    return ""


def embed_link(url, found, caption=""):
    """A paragraph linking to an embedded item (in a figure with its caption, if it had
    one); `found` counts them by provider."""
    provider = provider_of(url) or (urlsplit(url).hostname or "another site")
    found[provider] += 1
    link = f'{html.escape(provider)}: <a href="{html.escape(url)}">{html.escape(url)}</a>'
    if caption:
        return f'<figure class="embed"><p>{link}</p>{caption}</figure>'
    return f'<p class="embed">{link}</p>'


def _block(match, found):
    try:
        url = json.loads(match["json"]).get("url", "")
    except ValueError:
        url = ""
    if not url.startswith(("http://", "https://")):
        inner = re.search(r"https?://[^\s<>\"]+", match["inner"])
        url = inner[0] if inner else ""
    if not url:
        return match[0]
    caption = FIGCAPTION.search(match["inner"])  # the block's caption stays with it
    return embed_link(html.unescape(url), found, caption[0] if caption else "") + "\n"


def _provider_shortcode(match, found):
    value = html.unescape(match["value"]).strip()
    if not value.startswith(("http://", "https://")):
        if match["name"].lower() == "vimeo" and value.isdigit():
            value = f"https://vimeo.com/{value}"
        elif match["name"].lower() == "youtube" and re.fullmatch(r"[\w-]{6,}", value):
            value = f"https://www.youtube.com/watch?v={value}"
        else:
            return match[0]
    return embed_link(value, found)


def _player_link(match, found):
    source = html.unescape(match["src"])
    for pattern, address in PLAYER_ADDRESSES:
        known = pattern.match(source)
        if known:
            return embed_link(address.format(known[1]), found)
    return match[0]


def _outside_pre(text, change):
    return "".join(piece if index % 2 else change(piece)
                   for index, piece in enumerate(PRE_BLOCK.split(text)))


def embeds_to_links(text, found):
    """`text` with every embed WordPress would have shown as a player made a link.

    Embed blocks, ``[embed]``, ``[youtube]``/``[vimeo]``, a known provider's address alone
    on a line (WordPress's auto-embed), and YouTube/Vimeo iframes. `found` (a Counter)
    counts them by provider.
    """
    text = EMBED_BLOCK.sub(lambda match: _block(match, found), text)

    def change(piece):
        piece = EMBED_SHORTCODE.sub(lambda m: embed_link(html.unescape(m["url"].strip()), found)
                                    if m["url"].strip() else m[0], piece)
        piece = PROVIDER_SHORTCODE.sub(lambda m: _provider_shortcode(m, found), piece)
        piece = PLAYER.sub(lambda m: _player_link(m, found), piece)
        return BARE_URL_LINE.sub(
            lambda m: m["lead"] + embed_link(html.unescape(m["url"]), found)
            if provider_of(m["url"]) else m[0], piece)

    return _outside_pre(text, change)
