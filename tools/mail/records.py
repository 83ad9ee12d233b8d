"""Write stage: mailed responses as contract records, for the comments store.

Records are built through the contract module (plugins/responses/contract.py), the one
place that knows the fields; the comments store (plugins/responses/store.py) writes them in
the canonical layout, so the pull request's diff shows only the new records.
"""

import html

from responses import contract


def make_record(record_id, post, parent, author, date, text):
    """One response in the contract's shape. The text is the reader's plain text,
    escaped so that the build shows any markup in it as the characters typed."""
    return contract.make_record(id=record_id, post=post, parent=parent, author=author,
                                date=date, content=stored_text(text))


def stored_text(text):
    """The reader's plain text as the record's content holds it."""
    return html.escape(text, quote=False)

