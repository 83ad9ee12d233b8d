"""Validate stage: check each file against comments.schema.json, then turn records into Responses.

The schema file is the published contract. Checking 20,000 records with
jsonschema's Draft202012Validator takes about a second, so the loader compiles
the small subset of JSON Schema the contract uses into plain Python checks. A
keyword outside that subset stops the build, so schema and loader cannot drift
apart silently; the tests run both validators over the same data.
"""

import json
import re
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from .model import Response
from .problems import Problem

SCHEMA_PATH = Path(__file__).with_name("comments.schema.json")

# Keywords that only document the schema; nothing to check.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"}
)
_JSON_TYPES = {
    "string": str,
    "object": dict,
    "array": list,
    "null": type(None),
    "boolean": bool,
    "integer": int,
    "number": (int, float),
}

# Commenters' e-mail, IP address and browser must never be stored (WordPress
# export names: comment_author_email, comment_author_IP, comment_agent). Matched
# on the name with separators removed and case folded.
_PERSONAL_DATA = re.compile(r"mail|agent|ip$|^ip|ipaddress|remoteaddr|browser")


def json_type(value):
    """The JSON name of a Python value's type, for messages."""
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    for name, python_type in _JSON_TYPES.items():
        if name not in ("boolean", "null") and isinstance(value, python_type):
            return "integer" if name == "number" and isinstance(value, int) else name
    return type(value).__name__


def json_equal(value, expected):
    """Equality as JSON Schema defines it: 1 == 1.0, but true is not 1."""
    if isinstance(value, bool) or isinstance(expected, bool):
        return type(value) is type(expected) and value == expected
    numbers = (int, float)
    if isinstance(value, numbers) and isinstance(expected, numbers):
        return value == expected
    return type(value) is type(expected) and value == expected


def is_personal_data(field_name):
    return bool(_PERSONAL_DATA.search(re.sub(r"[^a-z]", "", field_name.lower())))


def _shown_id(record, index):
    """The record's id, or its position in the file when it has no usable id."""
    response_id = record.get("id") if isinstance(record, dict) else None
    if isinstance(response_id, str) and response_id:
        return response_id
    return f"#{index + 1} (no valid id)"


class UnsupportedSchema(ValueError):
    """comments.schema.json uses a keyword the compiled checker does not implement."""


def load_schema(path=SCHEMA_PATH):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def compile_schema(schema, root=None):
    """Compile a schema node into check(value, path, errors) that appends (path, message)."""
    root = root if root is not None else schema
    unknown = set(schema) - _ANNOTATIONS - set(_COMPILERS) - {"$ref"}
    if unknown:
        raise UnsupportedSchema(f"responses: schema keyword(s) not supported: {sorted(unknown)}")
    if "$ref" in schema:
        if len(set(schema) - _ANNOTATIONS) > 1:
            raise UnsupportedSchema("responses: $ref must stand alone in comments.schema.json")
        return _compile_ref(schema["$ref"], root)
    checks = [_COMPILERS[key](schema, root) for key in _COMPILERS if key in schema]
    checks = [check for check in checks if check is not None]
    if len(checks) == 1:
        return checks[0]

    def check(value, path, errors):
        for one_check in checks:
            # A value of the wrong type gets one message, not one per keyword.
            if one_check(value, path, errors) is False:
                return

    return check


def _compile_ref(ref, root):
    if not ref.startswith("#/"):
        raise UnsupportedSchema(f"responses: only local $ref is supported, not {ref!r}")
    node = root
    for part in ref[2:].split("/"):
        node = node[part]
    return compile_schema(node, root)


def _type(schema, root):
    names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    wanted = " or ".join(names)

    def matches(value, name):
        if name in ("integer", "number") and isinstance(value, bool):
            return False
        if name == "integer" and isinstance(value, float):
            return value.is_integer()
        return isinstance(value, _JSON_TYPES[name])

    # The common case, an exact built-in type, costs one set lookup.
    exact = {_JSON_TYPES[name] for name in names if name in ("string", "object", "array", "null")}

    def check(value, path, errors):
        if type(value) in exact:
            return None
        if not any(matches(value, name) for name in names):
            errors.append((path, f"must be {wanted}, not {json_type(value)}"))
            return False

    return check


def _const(schema, root):
    expected = schema["const"]

    def check(value, path, errors):
        if not json_equal(value, expected):
            errors.append((path, f"must be {json.dumps(expected)}"))
            return False

    return check


def _enum(schema, root):
    allowed = schema["enum"]
    listed = ", ".join(json.dumps(choice) for choice in allowed)

    def check(value, path, errors):
        if not any(json_equal(value, choice) for choice in allowed):
            errors.append((path, f"must be one of {listed}, not {json.dumps(value)}"))
            return False

    return check


def _pattern(schema, root):
    pattern = re.compile(schema["pattern"])

    def check(value, path, errors):
        if isinstance(value, str) and not pattern.search(value):
            errors.append((path, f"{json.dumps(value)} does not match {schema['pattern']}"))
            return False

    return check


def _min_length(schema, root):
    minimum = schema["minLength"]

    def check(value, path, errors):
        if isinstance(value, str) and len(value) < minimum:
            message = "must not be empty" if minimum == 1 else f"needs {minimum}+ characters"
            errors.append((path, message))
            return False

    return check


def _properties(schema, root):
    """properties, required and additionalProperties together: one pass over the keys."""
    properties = {
        name: compile_schema(subschema, root)
        for name, subschema in schema.get("properties", {}).items()
    }
    required = schema.get("required", [])
    additional = schema.get("additionalProperties", True)
    if additional not in (True, False):
        raise UnsupportedSchema("responses: additionalProperties must be true or false")

    def check(value, path, errors):
        if not isinstance(value, dict):
            return None
        for name in getattr(value, "duplicates", ()):
            errors.append(((*path, name), "appears more than once in the same record"))
        for name, item in value.items():
            property_check = properties.get(name)
            if property_check is not None:
                property_check(item, (*path, name), errors)
            elif additional is False:
                if is_personal_data(name):
                    message = (
                        "holds commenters' personal data (e-mail, IP address or browser), "
                        "which must never be stored here; remove the field from the file"
                    )
                else:
                    allowed = ", ".join(properties)
                    message = f"is not allowed (allowed fields: {allowed})"
                errors.append(((*path, name), message))
        for name in required:
            if name not in value:
                errors.append(((*path, name), "is required but missing"))

    return check


def _items(schema, root):
    item_check = compile_schema(schema["items"], root)

    def check(value, path, errors):
        if isinstance(value, list):
            for index, item in enumerate(value):
                item_check(item, (*path, index), errors)

    return check


# Order matters: type first, so a mistyped value is reported once.
_COMPILERS = {
    "type": _type,
    "const": _const,
    "enum": _enum,
    "minLength": _min_length,
    "pattern": _pattern,
    "properties": _properties,
    "required": lambda schema, root: None,  # handled by _properties
    "additionalProperties": lambda schema, root: None,  # handled by _properties
    "items": _items,
}


class Validator:
    """The compiled contract plus the checks JSON Schema cannot express (real dates)."""

    def __init__(self, timezone, schema=None):
        schema = schema if schema is not None else load_schema()
        self.check_document = compile_schema(schema)
        self.timezone = ZoneInfo(timezone) if isinstance(timezone, str) else timezone

    def validate(self, source):
        """Check one parsed Source; return (responses, problems, unusable_ids).

        Records with problems are left out but their ids are returned, so replies
        to them are not reported a second time as replies to a missing response.
        """
        if not isinstance(source.data, dict):
            # Say what the top level should be, not only what it is.
            message = (
                'top level must be an object {"version": 1, "responses": [...]}, '
                f"not {json_type(source.data)}"
            )
            return [], [Problem(source.name, message=message)], set()
        errors = []
        self.check_document(source.data, (), errors)
        records = source.data.get("responses")
        problems = [self._problem(source, records, path, message) for path, message in errors]
        if not isinstance(records, list) or any(
            path[:1] == ("version",) or path == ("responses",) for path, _ in errors
        ):
            # Another version of the contract, or no list of responses: records mean nothing.
            return [], problems, set()
        in_records = [path for path, _ in errors if len(path) >= 2 and path[0] == "responses"]
        bad_records = {path[1] for path in in_records}
        bad_dates = {path[1] for path in in_records if path[2:3] == ("date",)}
        responses, unusable_ids = [], set()
        for index, record in enumerate(records):
            if index not in bad_records:
                response = self._response(source, record, problems)
                if response is not None:
                    responses.append(response)
                    continue
            elif isinstance(record, dict) and "date" in record and index not in bad_dates:
                # Report an impossible date now too, not after the other fields are fixed.
                self._checked_date(source, record, problems, _shown_id(record, index))
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                unusable_ids.add(record["id"])
        return responses, problems, unusable_ids

    def _problem(self, source, records, path, message):
        if len(path) >= 2 and path[0] == "responses" and isinstance(records, list):
            record = records[path[1]]
            response_id = record.get("id") if isinstance(record, dict) else None
            shown_id = _shown_id(record, path[1])
            field = path[2] if len(path) > 2 else None
            if field is None:
                message = f"{message} (each response must be an object)"
            return Problem(
                source.name, source.line_of(response_id), shown_id, field, message
            )
        field = ".".join(str(part) for part in path) if path else None
        return Problem(source.name, field=field, message=message)

    def _checked_date(self, source, record, problems, shown_id=None):
        """(aware datetime, has_time); (None, False) after reporting a date like 2011-02-30."""
        date, has_time = self._date(record["date"])
        if date is None:
            problems.append(
                Problem(
                    source.name,
                    source.line_of(record.get("id")),
                    shown_id or record["id"],
                    "date",
                    f"{json.dumps(record['date'])} is not a real date",
                )
            )
        return date, has_time

    def _response(self, source, record, problems):
        date, has_time = self._checked_date(source, record, problems)
        if date is None:
            return None
        return Response(
            id=record["id"],
            post=record["post"],
            parent=record.get("parent"),
            type=record.get("type", "comment"),
            author=record["author"],
            url=record.get("url"),
            date=date,
            has_time=has_time,
            content=record["content"],
            source=source.name,
        )

    def _date(self, text):
        """(aware datetime, has_time), or (None, False) for dates like 2011-02-30."""
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None, False
        has_time = "T" in text
        if not has_time:
            parsed = datetime.combine(parsed.date(), time())
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=self.timezone)
        return parsed, has_time
