"""The reply protocol in one place: what the site's mailto: links write, and how the mail
importer (tools/mail) reads it back.

A response's subject carries a tag, "Re: <title> [post:<slug>]", or "[post:<slug>
reply:<id>]" for a reply; a request to remove a response, "[remove:<id>]". The body
starts with a name line ending in a colon and a line saying to write below it. The
theme writes the links through the Jinja globals in ``JINJA_GLOBALS`` (registered by the
plugin); tools/mail parses with ``read_subject`` and the ``*_LINE`` patterns.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

NAME_PROMPT = "Name to show (blank = Anonymous):"
WRITE_PROMPT = "Write your response below this line."
BODY = f"{NAME_PROMPT}\r\n{WRITE_PROMPT}\r\n\r\n"
REMOVAL_BODY = ("Please remove my response {id} from the blog.\r\n"
                "(An editor checks that this comes from the address the response was sent "
                "from, and answers within 30 days.)\r\n\r\n")

# Read back leniently: clients bold the prompt (*Name to show…:*), change its case, or
# lose the part in brackets.
NAME_LINE = re.compile(r"^\s*\**Name to show\b[^:\n]*:\**[ \t]*(?P<name>.*)$", re.IGNORECASE)
WRITE_LINE = re.compile(r"^\s*Write your response below\b.*$", re.IGNORECASE)
_ID = r"[A-Za-z0-9_-]+"
_POST_TAG = re.compile(
    rf"\[\s*post:\s*(?P<post>[^\s\]]+)(?:\s+reply:\s*(?P<reply>{_ID}))?\s*\]", re.IGNORECASE)
_REMOVE_TAG = re.compile(rf"\[\s*remove:\s*(?P<id>{_ID})\s*\]", re.IGNORECASE)


@dataclass(frozen=True)
class Tag:
    """What a subject asks for: a response to `post` (replying to `parent`, or None), or
    the removal of response `remove`."""

    post: str | None = None
    parent: str | None = None
    remove: str | None = None


def subject(title, post, reply_to=None):
    """The subject of a response to the post `post` titled `title` (a reply to response
    `reply_to`)."""
    reply = f" reply:{reply_to}" if reply_to else ""
    return f"Re: {title} [post:{post}{reply}]"


def removal_subject(response_id):
    return f"Please remove my response [remove:{response_id}]"


def read_subject(text):
    """The Tag a subject carries, or None when it names no post and no removal."""
    found = _REMOVE_TAG.search(text)
    if found:
        return Tag(remove=found["id"])
    found = _POST_TAG.search(text)
    if found:
        return Tag(post=found["post"], parent=found["reply"])
    return None


def untagged(text):
    """A subject without its tags (whose ids are no one's personal data)."""
    return _REMOVE_TAG.sub("", _POST_TAG.sub("", text))


def mailto(address, subject_text, body):
    """An RFC 6068 mailto: URL: everything outside the unreserved characters
    percent-encoded in the header values (a "/" or "&" in a title included)."""
    return (f"mailto:{quote(address, safe='@')}?subject={quote(subject_text, safe='')}"
            f"&body={quote(body, safe='')}")


def response_mailto(address, title, post, reply_to=None):
    """The "Respond" link of a post, or a response's "Reply" link."""
    return mailto(address, subject(title, post, reply_to), BODY)


def removal_mailto(address, response_id):
    """A response's "Ask to remove this response" link."""
    return mailto(address, removal_subject(response_id),
                  REMOVAL_BODY.format(id=response_id))


# What the theme sees (partials/respond.html, partials/responses.html).
JINJA_GLOBALS = {
    "response_subject": subject,
    "response_mailto": response_mailto,
    "removal_mailto": removal_mailto,
}
