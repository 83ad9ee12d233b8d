"""Write stage: mailed responses as contract records, added to comments.json.

Records are built and the file is written through the contract module
(plugins/responses/contract.py), the one place that knows the fields and the file's
canonical layout. Because that layout is canonical (records sorted by id, one field
a line), every record already in the file keeps its exact text and the pull
request's diff shows only the new records.
"""

import html
import os
import tempfile
from pathlib import Path

from plugins.responses import contract


class CommentsFileError(contract.ContractError):
    """comments.json cannot be added to without touching what is in it."""


def make_record(record_id, post, parent, author, date, text):
    """One response in the contract's shape. The text is the reader's plain text,
    escaped so that the build shows any markup in it as the characters typed."""
    return contract.make_record(id=record_id, post=post, parent=parent, author=author,
                                date=date, content=html.escape(text, quote=False))


def append_records(path, records):
    """Add `records` to the comments file at `path` (created when missing), atomically."""
    path = Path(path)
    old_text = path.read_text(encoding="utf-8") if path.exists() else None
    old = contract.read_comments(path) if old_text is not None else []
    if old_text is not None and contract.dump_comments(old) != old_text:
        raise CommentsFileError(
            f"{path}: is not in the layout the importers write (records sorted by id, "
            "two-space indent), so new records cannot be added without rewriting the ones "
            "in it; nothing was written"
        )
    new_text = contract.dump_comments([*old, *records])
    mode = path.stat().st_mode & 0o777 if old_text is not None else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".comments-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
        file.write(new_text)
    os.chmod(temporary, mode)
    os.replace(temporary, path)


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
