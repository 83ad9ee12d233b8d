"""Validate stage: every record against the contract, then what JSON Schema cannot say.

File by file: the schema (through contract.py) and real calendar dates; good records
become Responses. Then across all files: ids are unique, a parent exists on the same
post and parents form no cycle, and each response's post is an article or a page of
the site. Every problem is collected, so one build lists them all.
"""

import json
from datetime import datetime, time
from zoneinfo import ZoneInfo

from pelican.contents import Page

from .contract import json_type, schema_errors
from .model import Response
from .problems import Problem
from .sanitise import MAX_NESTING, nesting_depth
from .store import display_name, line_finder

# The record fields Response names; any other field the schema allows goes to its `extra`.
MODELLED = {"id", "post", "parent", "type", "author", "url", "date", "content"}


def validate(sources, timezone, content_by_slug):
    """Check the parsed Sources; return (responses in file order, problems).

    `content_by_slug` maps every slug a response may name to the articles and pages
    (drafts and hidden ones too) that have it.
    """
    zone = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    responses, problems, unusable_ids = [], [], set()
    for source in sources:
        problems.extend(source.problems)
        if source.problems:
            continue
        found, found_problems, found_unusable = _validate_file(source, zone)
        source.data = None  # the parsed records are done with; the responses hold the rest
        responses.extend(found)
        problems.extend(found_problems)
        unusable_ids |= found_unusable
    line_of = line_finder(responses, lambda: sources)
    problems.extend(_check_references(responses, unusable_ids, line_of))
    problems.extend(_check_posts(responses, content_by_slug, line_of))
    return responses, problems


def _shown_id(record, index):
    """The record's id, or its position in the file when it has no usable id."""
    response_id = record.get("id") if isinstance(record, dict) else None
    if isinstance(response_id, str) and response_id:
        return response_id
    return f"#{index + 1} (no valid id)"


def _validate_file(source, zone):
    """One file's (responses, problems, ids of records left out).

    The ids of records left out are kept, so replies to them are not reported a
    second time as replies to a missing response.
    """
    document = source.data
    if not isinstance(document, dict):
        # Say what the top level should be, not only what it is.
        message = ('top level must be an object {"version": 1, "responses": [...]}, '
                   f"not {json_type(document)}")
        return [], [Problem(source.name, message=message)], set()
    errors = schema_errors(document)
    errors[:0] = [(("responses", index, name), "appears more than once in the same record")
                  for index, record in enumerate(document.get("responses") or [])
                  for name in getattr(record, "duplicates", ())]
    records = document.get("responses")
    problems = [_problem(source, records, path, message) for path, message in errors]
    if not isinstance(records, list) or any(
        path[:1] == ("version",) or path == ("responses",) for path, _ in errors
    ):
        # Another version of the contract, or no list of responses: records mean nothing.
        return [], problems, set()
    in_records = [path for path, _ in errors if len(path) >= 2]
    bad_records = {path[1] for path in in_records}
    bad_dates = {path[1] for path in in_records if path[2:3] == ("date",)}
    responses, unusable_ids = [], set()
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            continue
        # An impossible date is reported now too, not after the other fields are fixed.
        date, has_time = None, False
        if "date" in record and index not in bad_dates:
            date, has_time = _date(record["date"], zone)
            if date is None:
                problems.append(Problem(
                    source.name, source.line_of(record.get("id")), _shown_id(record, index),
                    "date", f"{json.dumps(record['date'])} is not a real date"))
        if index not in bad_records and nesting_depth(record["content"]) > MAX_NESTING:
            problems.append(Problem(
                source.name, source.line_of(record.get("id")), _shown_id(record, index),
                "content", f"nests its tags more than {MAX_NESTING} deep; no comment needs "
                           "that many: remove the extra tags"))
            bad_records.add(index)
        if index in bad_records or date is None:
            if isinstance(record.get("id"), str):
                unusable_ids.add(record["id"])
            continue
        responses.append(Response(
            id=record["id"], post=record["post"], parent=record.get("parent"),
            type=record.get("type", "comment"), author=record["author"], url=record.get("url"),
            date=date, has_time=has_time, content=record["content"], source=source.name,
            extra={name: record[name] for name in record.keys() - MODELLED} or None,
        ))
    return responses, problems, unusable_ids


def _problem(source, records, path, message):
    if len(path) >= 2 and path[0] == "responses" and isinstance(records, list):
        record = records[path[1]]
        response_id = record.get("id") if isinstance(record, dict) else None
        field = path[2] if len(path) > 2 else None
        return Problem(source.name, source.line_of(response_id), _shown_id(record, path[1]),
                       field, message)
    field = ".".join(str(part) for part in path) if path else None
    return Problem(source.name, field=field, message=message)


def _date(text, zone):
    """(aware datetime, has_time), or (None, False) for dates like 2011-02-30."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None, False
    has_time = "T" in text
    if not has_time:
        parsed = datetime.combine(parsed.date(), time())
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed, has_time


def _check_references(responses, unusable_ids, line_of):
    """Problems with ids and parents; iterative, so a chain of 1,000 replies is fine."""
    problems = []

    def problem(response, field, message):
        problems.append(Problem(response.source, line_of(response), response.id, field, message))

    by_id = {}
    for response in responses:
        first = by_id.setdefault(response.id, response)
        if first is not response:
            problem(response, "id", f"is used twice; first in {first.source}")
        elif response.id in unusable_ids:
            problem(response, "id", "is used twice (the other record is invalid)")
    for response in responses:
        if response.parent is None or by_id.get(response.id) is not response:
            continue
        parent = by_id.get(response.parent)
        if parent is None:
            if response.parent not in unusable_ids:
                problem(response, "parent",
                        f"names no response: there is no id {response.parent!r}")
        elif parent.post != response.post:
            problem(response, "parent", f"names response {parent.id!r}, which is on post "
                                        f"{parent.post!r}, not {response.post!r}")
    problems.extend(_cycles(by_id, line_of))
    return problems


def _cycles(by_id, line_of):
    """One problem per cycle of parents, found by walking up from every response once."""
    problems = []
    finished = set()
    for start in by_id:
        path, on_path = [], set()
        node = start
        while node in by_id and node not in finished:
            if node in on_path:
                cycle = path[path.index(node):]
                first = by_id[cycle[0]]
                chain = " → ".join([*cycle, cycle[0]])
                problems.append(Problem(first.source, line_of(first), first.id, "parent",
                                        f"makes a cycle of replies: {chain}"))
                break
            on_path.add(node)
            path.append(node)
            node = by_id[node].parent
        finished.update(path)
    return problems


def _check_posts(responses, content_by_slug, line_of):
    """Problems with responses whose post is no article or page, or both an article and a page.

    Drafts and hidden content count: a response to a draft is kept for when it is published.
    """
    problems = []
    message_by_slug = {}  # once per slug, not once per response
    for response in responses:
        slug = response.post
        if slug not in message_by_slug:
            message_by_slug[slug] = _post_problem(slug, content_by_slug.get(slug))
        message = message_by_slug[slug]
        if message:
            problems.append(Problem(response.source, line_of(response), response.id, "post",
                                    message))
    return problems


def _post_problem(slug, content):
    """What is wrong with the slug a response names, or None."""
    if not content:
        return f"names no article: no article has the slug {slug!r}"
    if len({isinstance(each, Page) for each in content}) > 1:
        files = " and ".join(sorted({display_name(each.source_path) for each in content}))
        return (f"{slug!r} is the slug of both an article and a page ({files});"
                " give one of them another slug")
    return None
