"""Parse stage: one message to its subject, date, id and the reader's own words.

Only Subject, Date, Message-ID and X-Spam-Flag are read: never From, Reply-To,
Received or any other header, so nothing about the sender can be kept.

The template the site's "Respond" and "Reply" links fill in
(theme/templates/partials/respond.html) has a name line ending with a colon and
a line saying to write below it; both prompts are recognised here.
"""

import re
import textwrap
from dataclasses import dataclass
from datetime import UTC
from html.parser import HTMLParser

NAME_PROMPT = re.compile(r"^\s*\**Name to show\b[^:\n]*:\**[ \t]*(?P<name>.*)$", re.IGNORECASE)
WRITE_PROMPT = re.compile(r"^\s*Write your response below\b.*$", re.IGNORECASE)
# "On Mon, 30 Nov 2026 at 10:00, Someone <a@b> wrote:" (and its German, French and
# Spanish forms), which clients may wrap onto a second line; everything from there on
# is the mail being answered. It always holds a date, so a digit is required: a
# reader's own "On reflection, as Rick\nwrote:" is not cut.
QUOTE_HEADER = re.compile(
    r"^\s*(On|Am|Le|El)\b(?=[^\n]*\d).{0,300}?\b(wrote|schrieb|a écrit|escribió)\s?:\s*$",
    re.IGNORECASE | re.DOTALL,
)
FORWARDED = re.compile(
    r"^\s*(-{2,}\s*(Original Message|Forwarded message)\s*-{2,}|_{10,})\s*$", re.IGNORECASE
)
# Phones' one-line signatures, which come without the "-- " separator.
DEVICE_SIGNATURE = re.compile(r"^\s*Sent from my \w[\w ]{0,40}$", re.IGNORECASE)
MBOX_ESCAPED_FROM = re.compile(r"^>+From ")
NAME_LIMIT = 100


@dataclass
class Mail:
    subject: str
    date: object  # an aware datetime, or None when the Date header is missing or unreadable
    message_id: str
    spam: bool
    name: str
    text: str


class _TextExtractor(HTMLParser):
    """Visible text of an HTML part: block elements become line breaks, scripts vanish."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "pre", "table", "ul", "ol", "hr"}
    HIDDEN = {"script", "style", "head", "title", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0
        self.quoted = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "blockquote":
            # A quoted earlier message (Gmail, Apple Mail, Outlook on the web).
            self.quoted += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag == "blockquote" and self.quoted:
            self.quoted -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

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
    return html_to_text(content) if part.get_content_type() == "text/html" else content


def reader_words(text):
    """Split the body into (name, response): prompts, quoted mail and signatures removed."""
    name = None
    kept = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        # "-- " starts a signature; many clients trim its space.
        if line.rstrip() == "--" or FORWARDED.match(line):
            break
        if QUOTE_HEADER.match(line) or QUOTE_HEADER.match("\n".join(lines[number:number + 2])):
            break
        if MBOX_ESCAPED_FROM.match(line):
            line = line[1:]  # mbox writes a body line "From ..." as ">From ..."
        elif line.lstrip().startswith(">"):
            continue
        if name is None and (found := NAME_PROMPT.match(line)):
            name = found["name"].strip()
            continue
        if WRITE_PROMPT.match(line):
            continue
        kept.append(line.rstrip())
    while kept and DEVICE_SIGNATURE.match(kept[-1]) or kept and not kept[-1].strip():
        kept.pop()
    response = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return " ".join((name or "").split())[:NAME_LIMIT], _dedent(response)


def _dedent(text):
    """Strip leading blank lines and the spaces every line shares."""
    return textwrap.dedent(text).strip()


def parse_mail(message):
    """A Mail from an email.message.EmailMessage parsed with email.policy.default."""
    subject = " ".join(str(message.get("Subject", "") or "").split())
    try:
        date_header = message.get("Date")
        date = date_header.datetime if date_header is not None else None
    except (TypeError, ValueError, AttributeError):
        date = None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)  # "-0000": UTC, the sender's own offset unknown
    name, text = reader_words(body_text(message))
    return Mail(
        subject=subject,
        date=date,
        message_id=str(message.get("Message-ID", "") or "").strip(),
        spam=str(message.get("X-Spam-Flag", "") or "").strip().upper() == "YES",
        name=name,
        text=text,
    )
