"""Parse stage: one message to its subject, date, id and the reader's own words, as written.

Only Subject, Date, Message-ID and X-Spam-Flag are read: never From, Reply-To,
Received or any other header, so nothing about the sender can be kept.

The body is read as the reader wrote it: format=flowed lines joined again (RFC 3676,
DelSp too), an HTML-only message's links kept as "the text (https://…)", the name found
after the reply protocol's name line (plugins/responses/reply.py) or on the line below it,
and quoted earlier mail cut off in the styles of the common clients.
"""

import email
import re
import textwrap
from dataclasses import dataclass
from datetime import UTC
from email import policy
from email.parser import BytesHeaderParser
from html.parser import HTMLParser
from urllib.parse import urlsplit

from responses.reply import NAME_LINE, WRITE_LINE

# "On Mon, 30 Nov 2026 at 10:00, Someone <a@b> wrote:" (Gmail, Apple Mail) and its
# forms in other languages, which clients may wrap onto a second line; everything from
# there on is the mail being answered. It always holds a date, so a digit is required: a
# reader's own "On reflection, as Rick\nwrote:" is not cut. Where the verb comes before
# the name ("Am … schrieb Someone <a@b>:"), anything may follow it up to the colon.
_INTRO = r"^\s*(?:On|Am|Le|El|Op|Il|Em|Den|Dne|W dniu)\b(?=[^\n]*\d)"
QUOTE_HEADER = re.compile(
    _INTRO + r".{0,300}?(?:\b(?:wrote|a écrit|escribió|ha scritto|escreveu|geschreven|"
    r"napsal(?:\(a\))?|napisał(?:\(a\))?)\s?:"
    r"|\b(?:schrieb|schreef|skrev)\b[^\n]{1,200}:)\s*$",
    re.IGNORECASE | re.DOTALL,
)
# Outlook's header block of the mail answered: "From: …" with "Sent: …" (or "Date:")
# within the next lines, in English, French, Spanish, German, Dutch, Italian, Swedish.
OUTLOOK_FROM = re.compile(r"^\s*\**(?:From|De|Von|Van|Da|Från|Od)\s*:\**\s*\S", re.IGNORECASE)
OUTLOOK_SENT = re.compile(
    r"^\s*\**(?:Sent|Date|Envoyé|Enviado|Gesendet|Verzonden|Inviato|Skickat|Datum|Odesláno)"
    r"\s*:\**\s*\S", re.IGNORECASE)
FORWARDED = re.compile(
    r"^\s*(-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|"
    r"Message d'origine|Mensaje original|Oorspronkelijk bericht)\s*-{2,}|_{10,})\s*$",
    re.IGNORECASE,
)
# Phones' one-line signatures, which come without the "-- " separator.
DEVICE_SIGNATURE = re.compile(r"^\s*(Sent from my|Von meinem|Envoyé de mon|Enviado desde mi)"
                              r" \w[\w ]{0,40}$", re.IGNORECASE)
MBOX_ESCAPED_FROM = re.compile(r"^>+From ")
NAME_LIMIT = 100
# Real clients nest a few levels (a forwarded message inside a signed one); a message
# nested deeper is built to exhaust the parser.
MIME_DEPTH_LIMIT = 20


@dataclass
class Mail:
    subject: str
    date: object  # an aware datetime, or None when the Date header is missing or unreadable
    message_id: str
    spam: bool
    name: str
    text: str
    # Why the body could not be read (e.g. MIME nested too deeply), or None.
    problem: str | None = None


class _TextExtractor(HTMLParser):
    """Visible text of an HTML part: block elements become line breaks, scripts vanish, and
    a link keeps its address after its text, "the text (https://…)"."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "pre", "table", "ul", "ol", "hr"}
    HIDDEN = {"script", "style", "head", "title", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0
        self.quoted = 0
        self.links = []  # (href, index in parts where its text starts)

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "blockquote":
            # A quoted earlier message (Gmail, Apple Mail, Outlook on the web).
            self.quoted += 1
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag == "blockquote" and self.quoted:
            self.quoted -= 1
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            self._show_address(href.strip(), "".join(self.parts[start:]))
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def _show_address(self, href, text):
        """Only web addresses are kept: a mailto: link's address is someone's personal data,
        a javascript: one is nobody's business."""
        if self.hidden or self.quoted or urlsplit(href).scheme.lower() not in ("http", "https"):
            return
        if href.rstrip("/") not in text:
            self.parts.append(f" ({href})" if text.strip() else href)

    def handle_data(self, data):
        if not self.hidden and not self.quoted:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self):
        lines = (re.sub(" {2,}", " ", line).strip() for line in "".join(self.parts).splitlines())
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html):
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.text()


def unflow(text, delete_space=False):
    """format=flowed text (RFC 3676) as its writer typed it: a line ending in a space goes on
    in the next line of the same quote depth. Space-stuffing is undone; with DelSp=yes the
    space that marked the soft break was added by the client and goes too."""
    joined, pending, pending_depth = [], None, 0
    for line in text.split("\n"):
        content = line.lstrip(">")
        depth = len(line) - len(content)
        if content.startswith(" "):
            content = content[1:]
        if pending is not None and depth != pending_depth:
            joined.append(_quote(pending_depth, pending))  # a soft break cannot cross depths
            pending = None
        flowed = content.endswith(" ") and content != "-- "  # the signature line is fixed
        if flowed and delete_space:
            content = content[:-1]
        pending = content if pending is None else pending + content
        pending_depth = depth
        if not flowed:
            joined.append(_quote(depth, pending))
            pending = None
    if pending is not None:
        joined.append(_quote(pending_depth, pending))
    return "\n".join(joined)


def _quote(depth, text):
    return f"{'>' * depth} {text}" if depth else text


def body_text(message):
    """The plain-text part, or the HTML part as text; '' when there is neither."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):
        # An unknown or wrong charset: keep what decodes, mark what does not.
        content = part.get_payload(decode=True).decode("utf-8", errors="replace")
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_type() == "text/html":
        return html_to_text(content)
    if (part.get_param("format") or "").lower() == "flowed":
        return unflow(content, (part.get_param("delsp") or "").lower() == "yes")
    return content


def _quote_starts(lines, number):
    """Whether the mail being answered starts at lines[number]."""
    line = lines[number]
    if line.rstrip() == "--" or FORWARDED.match(line):  # many clients trim the "-- " space
        return True
    if QUOTE_HEADER.match(line) or QUOTE_HEADER.match("\n".join(lines[number:number + 2])):
        return True
    return bool(OUTLOOK_FROM.match(line)) and any(
        OUTLOOK_SENT.match(following) for following in lines[number + 1:number + 4])


def reader_words(text):
    """Split the body into (name, response): prompts, quoted mail and signatures removed.

    The name is what follows the name line's colon or, when nothing does, the line below
    it, when the line saying to write below comes after that (a reader who typed the name
    on a line of its own)."""
    name = None
    kept = []
    lines = text.split("\n")
    skip = set()
    for number, line in enumerate(lines):
        if number in skip:
            continue
        if _quote_starts(lines, number):
            break
        if MBOX_ESCAPED_FROM.match(line):
            line = line[1:]  # mbox writes a body line "From ..." as ">From ..."
        elif line.lstrip().startswith(">"):
            continue
        if name is None and (found := NAME_LINE.match(line)):
            name = found["name"].strip()
            if not name:
                below = _name_below(lines, number)
                if below is not None:
                    name = lines[below].strip()
                    skip.add(below)
            continue
        if WRITE_LINE.match(line):
            continue
        kept.append(line.rstrip())
    while kept and DEVICE_SIGNATURE.match(kept[-1]) or kept and not kept[-1].strip():
        kept.pop()
    response = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return " ".join((name or "").split())[:NAME_LIMIT], _dedent(response)


def _name_below(lines, prompt):
    """The number of the line below the name prompt that holds a name, or None."""
    for number in range(prompt + 1, min(prompt + 3, len(lines))):
        if not lines[number].strip():
            continue
        if WRITE_LINE.match(lines[number]):
            return None  # the name was left blank
        following = [line for line in lines[number + 1:number + 4] if line.strip()]
        return number if following and WRITE_LINE.match(following[0]) else None
    return None


def _dedent(text):
    """Strip leading blank lines and the spaces every line shares."""
    return textwrap.dedent(text).strip()


def mime_depth(message):
    """How deeply the message's parts nest (1 for a single part), without recursion."""
    deepest, stack = 0, [(message, 1)]
    while stack:
        part, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MIME_DEPTH_LIMIT:
            break
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((child, depth + 1) for child in payload)
    return deepest


def parse_mail(raw):
    """A Mail from a message's bytes. The headers are read on their own first, so a body
    that cannot be parsed still leaves a subject and a date to report it by."""
    headers = BytesHeaderParser(policy=policy.default).parsebytes(raw)
    mail = Mail(
        subject=" ".join(str(headers.get("Subject", "") or "").split()),
        date=_date(headers),
        message_id=str(headers.get("Message-ID", "") or "").strip(),
        # Every X-Spam-Flag header: a second filter's YES counts as much as the first's.
        spam=any(str(flag).strip().upper().startswith("YES")
                 for flag in headers.get_all("X-Spam-Flag") or ()),
        name="", text="",
    )
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        if mime_depth(message) > MIME_DEPTH_LIMIT:
            raise RecursionError
        mail.name, mail.text = reader_words(body_text(message))
    except RecursionError:
        mail.problem = f"its MIME parts nest more than {MIME_DEPTH_LIMIT} levels deep"
    return mail


def _date(headers):
    try:
        date_header = headers.get("Date")
        date = date_header.datetime if date_header is not None else None
    except (TypeError, ValueError, AttributeError):
        return None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)  # "-0000": UTC, the sender's own offset unknown
    return date
