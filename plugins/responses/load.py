"""Load stage: find the comments file(s) and parse them, keeping what error messages need."""

import json
import logging
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .problems import Problem

logger = logging.getLogger(__name__)

# Locates `"id": "1042"` in the raw text so a problem can name its line. The
# look-behind skips ids quoted inside a string value (there the quotes are \").
_ID_IN_TEXT = re.compile(r'(?<!\\)"id"\s*:\s*"((?:[^"\\]|\\.)*)"')


class DuplicateKeys(dict):
    """A parsed JSON object that repeated a key; json.loads would silently keep the last."""

    def __init__(self, pairs, duplicates):
        super().__init__(pairs)
        self.duplicates = duplicates


def _object_from_pairs(pairs):
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen, duplicates = set(), []
    for key, _ in pairs:
        if key in seen and key not in duplicates:
            duplicates.append(key)
        seen.add(key)
    return DuplicateKeys(pairs, duplicates)


@dataclass
class Source:
    """One comments file: its name for messages, where it is and what it parsed to.

    The text is not kept: at archive scale it is tens of megabytes, and only a
    message's line number needs it, so it is read again then.
    """

    name: str
    path: Path | None = None
    data: object = None
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def _id_lines(self):
        text = self.path.read_text(encoding="utf-8")
        lines = {}
        for match in _ID_IN_TEXT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            lines.setdefault(match.group(1), []).append(line)
        return lines

    def line_of(self, response_id, occurrence=0):
        """Line of the record with this id (the n-th, for a repeated id), or None.

        Only computed when a problem needs it.
        """
        if not isinstance(response_id, str) or self.path is None:
            return None
        lines = self._id_lines.get(response_id, [])
        return lines[occurrence] if occurrence < len(lines) else None


def display_name(path):
    """The path relative to the working directory when it is below it, else absolute."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def resolve_path(setting, content_path):
    """RESPONSES_PATH as an absolute Path; relative paths are relative to PATH (the content)."""
    if setting is None:
        return Path(content_path) / "comments.json"
    return Path(content_path) / os.fspath(setting)  # an absolute setting replaces content_path


def find_files(path):
    """The file itself, or a folder's *.json files in name order (e.g. one per year)."""
    if path.is_dir():
        return sorted(child for child in path.glob("*.json") if child.is_file())
    return [path]


def parse_file(path):
    """Read and parse one file; syntax errors become problems with line and column."""
    source = Source(display_name(path), path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        source.problems.append(Problem(source.name, message=f"cannot be read: {error}"))
        return source
    try:
        source.data = json.loads(text, object_pairs_hook=_object_from_pairs)
    except json.JSONDecodeError as error:
        source.problems.append(
            Problem(
                source.name,
                line=error.lineno,
                column=error.colno,
                message=f"is not valid JSON: {error.msg}",
            )
        )
    return source


def load(path_setting, content_path):
    """Parse every comments file at RESPONSES_PATH (`path_setting`); return the Sources.

    No file at the default place means no responses; a path that is set must exist.
    """
    path = resolve_path(path_setting, content_path)
    if not path.exists():
        if path_setting is None:
            logger.debug("responses: no %s, so no responses", display_name(path))
            return []
        return [Source(display_name(path), problems=[
            Problem(display_name(path), field="RESPONSES_PATH", message="does not exist")])]
    sources = [parse_file(file) for file in find_files(path)]
    if not sources:
        logger.warning("responses: %s holds no *.json files", display_name(path))
    return sources


def line_finder(responses, get_sources):
    """line_of(response) for messages; the sources and the index are fetched on first use."""
    occurrences, by_name = {}, {}

    def line_of(response):
        if not occurrences:
            by_name.update((source.name, source) for source in get_sources())
            seen = {}
            for each in responses:
                key = (each.source, each.id)
                occurrences[id(each)] = seen[key] = seen.get(key, -1) + 1
        return by_name[response.source].line_of(response.id, occurrences[id(response)])

    return line_of
