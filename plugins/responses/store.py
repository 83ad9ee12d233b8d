"""The comments store: the one owner of the comments file(s) at RESPONSES_PATH.

The plugin's load stage reads through it (``load``: parse, keeping what error messages
need), and so does every writer — the WordPress and mail importers, the remover — through
``CommentsStore``: records read with the contract, added by a canonical merge by id (a
record whose id is there already is kept once when it is the same, and refused, naming
both, when it differs), written atomically. Nothing else opens the file.
"""

import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from content_checks.files import symlink_problem

from . import contract
from .problems import Problem

logger = logging.getLogger(__name__)

# What a file of arrays inside arrays a thousand deep gets (json.loads recurses).
TOO_DEEP = ("nests its arrays or objects too deep to be a comments file (a record is one "
            "object of text fields)")
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
        lines, line, counted_to = {}, 1, 0
        for match in _ID_IN_TEXT.finditer(text):
            # Counted on from the last match: counting from the top for every id made a
            # report on a large file quadratic.
            line += text.count("\n", counted_to, match.start())
            counted_to = match.start()
            lines.setdefault(_decoded(match.group(1)), []).append(line)
        return lines

    def line_of(self, response_id, occurrence=0):
        """Line of the record with this id (the n-th, for a repeated id), or None.

        Only computed when a problem needs it.
        """
        if not isinstance(response_id, str) or self.path is None:
            return None
        lines = self._id_lines.get(response_id, [])
        return lines[occurrence] if occurrence < len(lines) else None


def _decoded(quoted):
    """A JSON string's text without its quotes, as the record holds it."""
    if "\\" not in quoted:
        return quoted
    try:
        return json.loads(f'"{quoted}"')
    except json.JSONDecodeError:
        return quoted


def display_name(path):
    """The path relative to the working directory when it is below it, else absolute."""
    # A symbolic link is named as itself, not as the file it points to.
    path = Path(os.path.abspath(path)) if os.path.islink(path) else Path(path).resolve()
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
    if path.is_dir() and not path.is_symlink():
        return sorted(child for child in path.glob("*.json")
                      if child.is_file() or child.is_symlink())
    return [path]


def parse_file(path):
    """Read and parse one file; syntax errors become problems with line and column."""
    source = Source(display_name(path), path)
    if path.is_symlink():  # it could hold any file of the machine: never read through it
        source.problems.append(Problem(source.name, message=symlink_problem(path)))
        return source
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
    except RecursionError:
        source.problems.append(Problem(source.name, message=TOO_DEEP))
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


class StoreError(contract.ContractError):
    """The comments cannot be read or added to without losing or changing what is there."""


@dataclass
class Added:
    """What CommentsStore.add did: records written, records already there unchanged, and
    records whose id is a response removed at its author's request (kept removed)."""

    added: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    removed: list = field(default_factory=list)


def _canonical(record):
    return contract.dump_comments([record])


class CommentsStore:
    """The comments at one RESPONSES_PATH (a file, or a folder of *.json files), for writers.

    New records go to the file itself, or to a folder's last file in name order (a new
    ``responses.json`` in an empty folder). Every file written is in the contract's
    canonical layout, so adding records leaves the text of those already there as it was
    and a pull request's diff shows only the new ones.
    """

    def __init__(self, path):
        self.path = Path(path)

    @classmethod
    def for_site(cls, settings, content=None):
        """The store at the site's RESPONSES_PATH; `content` stands in for its PATH."""
        return cls(resolve_path(settings.get("RESPONSES_PATH"), content or settings["PATH"]))

    def files(self):
        return find_files(self.path) if self.path.exists() else []

    def target(self):
        """The file new records are written to."""
        if self.path.is_dir():
            files = find_files(self.path)
            return files[-1] if files else self.path / "responses.json"
        return self.path

    def records(self):
        """Every record, file by file; StoreError naming the file (and line) when one is not
        a valid comments file."""
        records = []
        for path in self.files():
            records += self._read(path)[1]
        return records

    def add(self, records, source):
        """Merge `records` in by id and write them; return Added. Nothing is written when any
        record's id is there already with other content: StoreError names both, the new
        one by `source` (e.g. "the WordPress export export.xml")."""
        existing = {}
        for path in self.files():
            for record in self._read(path)[1]:
                existing.setdefault(record["id"], (path, record))
        result, conflicts = Added(), []
        for record in records:
            if record["id"] not in existing:
                existing[record["id"]] = (None, record)
                result.added.append(record)
                continue
            path, there = existing[record["id"]]
            if there.get("type") == contract.REMOVED:
                result.removed.append(record)  # an import must not bring it back
            elif _canonical(there) == _canonical(record):
                result.unchanged.append(record)
            elif path is None:
                conflicts.append(f"{source}: two different responses have the id {record['id']}")
            else:
                conflicts.append(f"{display_name(path)}: response {record['id']} is already "
                                 f"there and differs from response {record['id']} in {source}")
        if conflicts:
            raise StoreError("; ".join(conflicts))
        if result.added:
            target = self.target()
            old = self._read_canonical(target, "new records cannot be added") \
                if target.exists() else []
            _write(target, contract.dump_comments([*old, *result.added]))
        return result

    def remove(self, response_id):
        """Remove response `response_id` at its author's request; return the record as it was.

        Its name, text and web site go; a placeholder keeps its id, post, parent and date
        (type "removed"), so replies to it still read as replies and no import brings it
        back. StoreError, nothing written, when there is no such response or it is removed
        already."""
        for path in self.files():
            records = self._read(path)[1]
            for index, record in enumerate(records):
                if record["id"] != response_id:
                    continue
                if record.get("type") == contract.REMOVED:
                    raise StoreError(f"{display_name(path)}: response {response_id} was "
                                     "removed already")
                records = self._read_canonical(path, "a response cannot be removed")
                records[index] = contract.make_record(
                    id=response_id, post=record["post"], parent=record.get("parent"),
                    type=contract.REMOVED, author="", date=record["date"], content="")
                _write(path, contract.dump_comments(records))
                return record
        raise StoreError(f"{display_name(self.path)}: no response has the id {response_id}")

    def _read_canonical(self, path, what_cannot):
        """The records of `path`, which must be in the canonical layout: rewriting it in
        that layout would change the text of every record in the pull request's diff."""
        text, records = self._read(path)
        if contract.dump_comments(records) != text:
            raise StoreError(
                f"{display_name(path)}: is not in the layout the importers write (records "
                f"sorted by id, two-space indent), so {what_cannot} without rewriting the "
                "ones in it")
        return records

    def create(self, records):
        """Write a new comments file holding `records` (a generated site); StoreError, and
        nothing written, when there is one at the path already."""
        if self.path.exists():
            raise StoreError(f"{display_name(self.path)}: is there already; add to it instead")
        _write(self.path, contract.dump_comments(records))

    @staticmethod
    def _read(path):
        """(text, records) of one file, checked with the contract."""
        if path.is_symlink():
            raise StoreError(f"{display_name(path)}: {symlink_problem(path)}")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(f"{display_name(path)}: cannot be read: {error}") from error
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise StoreError(f"{display_name(path)}:{error.lineno}: not valid JSON: "
                             f"{error.msg}") from error
        except RecursionError as error:
            raise StoreError(f"{display_name(path)}: {TOO_DEEP}") from error
        errors = contract.schema_errors(document)
        if errors:
            raise StoreError(f"{display_name(path)}: {contract.invalid_file(errors)}")
        return text, document["responses"]


def _write(comments_file, text):
    try:
        write_atomically(comments_file, text)
    except OSError as error:
        raise StoreError(f"{display_name(comments_file)}: cannot be written "
                         f"({error.strerror or error}); it is as it was") from error


def write_atomically(path, text):
    """Replace `path` with `text` whole, or leave it as it was (no temporary file left)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".comments-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
