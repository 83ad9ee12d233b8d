"""What the theme sees: one response, its replies beneath it."""

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup

from .contract import FIELDS


@dataclass(eq=False, slots=True)
class Response:
    """A comment, pingback or trackback, checked and ready to render.

    ``content`` is sanitised Markup once the sanitise stage has run; ``author``
    and ``url`` stay plain text for the template to escape. ``depth`` (1 for a
    top-level response), ``children``, ``parent_response`` and ``closes`` are
    filled in by the thread stage; ``date_text``, ``date_iso`` and ``article``
    (the article or page it belongs to, for recent responses) by the attach stage.
    """

    id: str
    post: str
    parent: str | None
    type: str
    author: str
    url: str | None
    date: datetime
    has_time: bool
    content: Markup | str
    children: list["Response"] = field(default_factory=list)
    depth: int = 1
    closes: int = 0
    # The response this one replies to (None at top level), set by the thread stage.
    parent_response: "Response | None" = None
    date_text: str = ""
    date_iso: str = ""
    # Where the record came from, for error messages.
    source: str = ""
    article: object = None
    # The record's fields this class does not name (an optional field added to the schema),
    # read as attributes like the others: `response.<field>`, None when the record has none.
    extra: dict | None = None

    def __getattr__(self, name):
        if name in FIELDS:
            return (self.extra or {}).get(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
