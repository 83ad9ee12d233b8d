"""Write stage: mailed responses as contract records, appended to comments.json in place.

The record's shape and the file's layout are exactly the WordPress importer's
(tools/wordpress/comments.py, ``comments_json``): fields in the order id, post,
parent, type, author, url, date, content; ``indent=2``, ``ensure_ascii=False``,
a final newline. New records are inserted as text before the array's closing
bracket, so every byte already in the file stays where it was and the pull
request's diff shows only the new records.
"""

import html
import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path

import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "plugins" / "responses" / "comments.schema.json"
# The end of a canonical file: the last record's "}", the array's "]", the object's "}".
_ARRAY_END = re.compile(r"\}(?P<tail>\n  \]\n\}\n?)\Z")
_EMPTY_FILE = re.compile(r'\{\s*"version":\s*1,\s*"responses":\s*\[\s*\]\s*\}\s*\Z')


class CommentsFileError(Exception):
    """comments.json cannot be appended to without touching what is in it."""


@cache
def _validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def make_record(record_id, post, parent, author, date, text):
    """One response in the contract's shape. The text is the reader's plain text,
    escaped so that the build shows any markup in it as the characters typed."""
    record = {"id": record_id, "post": post}
    if parent is not None:
        record["parent"] = parent
    record.update(author=author, date=date, content=html.escape(text, quote=False))
    errors = sorted(_validator().iter_errors({"version": 1, "responses": [record]}),
                    key=lambda error: list(error.path))
    if errors:
        where = "/".join(str(step) for step in errors[0].path)
        raise ValueError(f"response {record_id}: {where}: {errors[0].message}")
    return record


def serialise(responses):
    """A whole comments file, byte for byte as the WordPress importer writes it."""
    return json.dumps({"version": 1, "responses": responses}, indent=2, ensure_ascii=False) + "\n"


def appended(text, records, path="comments.json"):
    """`text` (a comments file) with `records` added at the end of its array, every existing
    byte kept. Raises CommentsFileError when the file's layout does not allow that."""
    if _EMPTY_FILE.match(text):
        return serialise(records)
    end = _ARRAY_END.search(text)
    if end is None:
        raise CommentsFileError(
            f"{path}: does not end with the responses array as the importers write it "
            '("  ]\\n}"), so new records cannot be added without rewriting the file'
        )
    inserted = ",\n".join(
        "    " + json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        for record in records
    )
    return text[: end.start() + 1] + ",\n" + inserted + end["tail"]


def append_records(path, records):
    """Append `records` to the comments file at `path` (created when missing), atomically."""
    path = Path(path)
    old_text = path.read_text(encoding="utf-8") if path.exists() else ""
    old = json.loads(old_text)["responses"] if old_text else []
    new_text = appended(old_text, records, path) if old_text else serialise(records)
    written = json.loads(new_text)
    # What was there is still there, and only the new records follow it.
    if written["responses"] != [*old, *records]:
        raise CommentsFileError(f"{path}: appending would change the records already in it")
    errors = list(_validator().iter_errors(written))
    if errors:
        raise CommentsFileError(f"{path}: {errors[0].message}")
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".comments-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
        file.write(new_text)
    os.chmod(temporary, mode)
    os.replace(temporary, path)


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
