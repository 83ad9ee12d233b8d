"""The comments data contract in one place: comments.schema.json, and how to build, check
and write records that follow it.

The plugin's validate stage, the comments store (store.py, which every writer uses), the
benchmark's generator and the importers go through this module; nothing else lists the
fields.

A response names the article or page it belongs to by slug in ``post``. A slug shared by
an article and a page is refused when a response names it (the build cannot tell which).

Checking: fastjsonschema (the schema compiled to Python) answers whether a document
holds, about 0.07 s for 20,000 responses; only when it does not, jsonschema lists every
error with its path, which becomes a message. jsonschema alone takes about 1.1 s for the
same file (measured in tools/bench/findings.md).
"""

import json
import re
from datetime import datetime
from pathlib import Path

import fastjsonschema
import jsonschema

SCHEMA_PATH = Path(__file__).with_name("comments.schema.json")
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VERSION = SCHEMA["properties"]["version"]["const"]
RESPONSE_SCHEMA = SCHEMA["$defs"]["response"]
FIELDS = tuple(RESPONSE_SCHEMA["properties"])  # also the order fields are written in
_DEFAULTS = {name: rule["default"] for name, rule in RESPONSE_SCHEMA["properties"].items()
             if "default" in rule}
# A response removed at its author's request: a placeholder that holds its replies.
REMOVED = "removed"
_FIELD_ORDER = {name: index for index, name in enumerate(FIELDS)}
ID_PATTERN = re.compile(RESPONSE_SCHEMA["properties"]["id"]["pattern"])

# use_default=False: by default fastjsonschema writes "default" values into the data.
_holds = fastjsonschema.compile(SCHEMA, use_default=False)
_holds_record = fastjsonschema.compile({**RESPONSE_SCHEMA, "$defs": SCHEMA["$defs"]},
                                       use_default=False)
_explain = jsonschema.Draft202012Validator(SCHEMA)
_explain_record = jsonschema.Draft202012Validator({**RESPONSE_SCHEMA, "$defs": SCHEMA["$defs"]})

# Commenters' e-mail, IP address and browser must never be stored (WordPress export
# names: comment_author_email, comment_author_IP, comment_agent). Matched on the name
# with separators removed and case folded.
_PERSONAL_DATA = re.compile(r"mail|agent|ip$|^ip|ipaddress|remoteaddr|browser")
PERSONAL_DATA_MESSAGE = (
    "holds commenters' personal data (e-mail, IP address or browser), "
    "which must never be stored here; remove the field from the file"
)


class ContractError(ValueError):
    """A record a writer built does not follow the contract."""


def is_personal_data(field_name):
    return bool(_PERSONAL_DATA.search(re.sub(r"[^a-z]", "", field_name.lower())))


def json_type(value):
    """The JSON name of a Python value's type, for messages."""
    for python_type, name in ((bool, "boolean"), (type(None), "null"), (str, "string"),
                              (int, "integer"), (float, "number"), (dict, "object"),
                              (list, "array")):
        if isinstance(value, python_type):
            return name
    return type(value).__name__


def schema_errors(document):
    """Every way `document` breaks the schema, as (path, message); [] when it holds.

    A path is a tuple such as ("responses", 3, "author"). Messages never repeat a value
    of a field that holds personal data.
    """
    try:
        _holds(document)
        return []
    except fastjsonschema.JsonSchemaValueException as error:
        first = error
    found = {}  # (path) -> message; dict keeps the order and drops repeats
    records = document.get("responses") if isinstance(document, dict) else None
    if isinstance(records, list):
        # jsonschema explains only the records that break the schema: over a whole file of
        # 20,000 it takes about a second even when one is wrong.
        for error in _explain.iter_errors({**document, "responses": []}):
            for path, message in _messages(error):
                found.setdefault(path, message)
        for index, record in enumerate(records):
            for path, message in _record_explanations(record):
                found.setdefault(("responses", index, *path), message)
    else:
        for error in sorted(_explain.iter_errors(document), key=_record_order):
            for path, message in _messages(error):
                found.setdefault(path, message)
    if not found:  # the two libraries disagree: still refuse, naming where
        path = tuple(int(part) if part.isdigit() else part for part in first.path[1:])
        found[path] = f"breaks the schema's {first.rule!r} rule"
    return list(found.items())


def record_errors(record):
    """schema_errors() for one response record, paths relative to it."""
    return list(_record_explanations(record))


def _record_explanations(record):
    """(path within the record, message) for each way one record breaks the schema."""
    try:
        _holds_record(record)
        return
    except fastjsonschema.JsonSchemaValueException:
        pass
    for error in _explain_record.iter_errors(record):
        yield from _messages(error, within_record=True)


def _record_order(error):
    """Top-level errors first, then record by record in file order."""
    path = list(error.absolute_path)
    return path[1] if len(path) > 1 and isinstance(path[1], int) else -1


def _messages(error, within_record=False):
    """(path, message) for one jsonschema error, in the plugin's words."""
    path, value, rule = tuple(error.absolute_path), error.instance, error.validator
    if rule == "required":
        return [((*path, name), "is required but missing")
                for name in error.validator_value if name not in value]
    if rule == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        return [((*path, name), PERSONAL_DATA_MESSAGE if is_personal_data(name)
                 else f"is not allowed (allowed fields: {', '.join(allowed)})")
                for name in value if name not in allowed]
    if rule == "type":
        wanted = error.validator_value
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        message = f"must be {wanted}, not {json_type(value)}"
        if (len(path) == 2 and path[0] == "responses") or (within_record and not path):
            message += " (each response must be an object)"
        return [(path, message)]
    if rule == "const":
        return [(path, f"must be {json.dumps(error.validator_value)}")]
    if rule == "enum":
        listed = ", ".join(json.dumps(choice) for choice in error.validator_value)
        return [(path, f"must be one of {listed}, not {json.dumps(value)}")]
    if rule == "pattern":
        return [(path, f"{json.dumps(value)} does not match {error.validator_value}")]
    if rule == "minLength":
        minimum = error.validator_value
        return [(path, "must not be empty" if minimum == 1 else f"needs {minimum}+ characters")]
    if rule == "maxLength":
        return [(path, f"is {len(value):,} characters long; at most {error.validator_value:,} "
                       "(WordPress's own limit): shorten it")]
    return [(path, f"breaks the schema's {rule!r} rule")]


def make_record(*, id, post, author, date, content, **optional):
    """One response record, fields in the contract's order; an optional field (any the schema
    has: parent, type, url...) is left out when it is None, empty or the schema's default.

    `date` is an ISO 8601 string or an aware (or, meaning TIMEZONE, naive) datetime.
    Raises ContractError naming each field that does not follow the contract (a field the
    schema does not have included).
    """
    if isinstance(date, datetime):
        date = date.isoformat()
    values = {"id": id, "post": post, "author": author, "date": date, "content": content,
              **{name: value for name, value in optional.items()
                 if value not in (None, "", _DEFAULTS.get(name))}}
    record = dict(sorted(values.items(), key=lambda item: _FIELD_ORDER.get(item[0], 99)))
    errors = record_errors(record)
    if errors:
        listed = "; ".join(f"field '{'.'.join(map(str, path))}' {message}"
                           for path, message in errors)
        raise ContractError(f"response {id}: {listed}")
    return record


def _id_order(record):
    """Numeric ids in numeric order first (WordPress's), then the others as text."""
    identifier = record["id"]
    return (0, int(identifier), "") if identifier.isdigit() else (1, 0, identifier)


def dump_comments(records):
    """A whole comments file's text, canonical: the same records always give the same bytes.

    Records are sorted by id and their fields written in the contract's order, one field
    per line, so adding records leaves every existing record's text as it was.
    """
    # Fields outside the contract are kept (last), so the check below refuses them.
    ordered = [dict(sorted(record.items(), key=lambda item: _FIELD_ORDER.get(item[0], 99)))
               for record in sorted(records, key=_id_order)]
    document = {"version": VERSION, "responses": ordered}
    errors = schema_errors(document)
    if errors:
        raise ContractError(invalid_file(errors))
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def invalid_file(errors):
    """The one wording for a comments document that breaks the schema (schema_errors)."""
    listed = "; ".join(f"{'.'.join(map(str, path))} {message}" for path, message in errors)
    return f"not a valid comments file: {listed}"

