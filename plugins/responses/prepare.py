"""The stages that need no article: load → validate → sanitise → present the dates.

responses.py runs them in a worker process while Pelican reads the posts, and
does the rest (does each response's post exist? then thread) once the posts are
read. The result crosses the process boundary as one pickle made without a memo
(each response is in it once), which keeps the worker's peak memory down;
messages for Pelican's log travel with it, as the worker has no log of its own.
"""

import io
import logging
import pickle
from dataclasses import dataclass, field

from .load import display_name, line_finder, load_sources, resolve_path
from .present import format_date
from .problems import Problem
from .sanitise import safe_url, sanitise
from .thread import check_references
from .validate import Validator


@dataclass
class Prepared:
    """The responses, sanitised and dated, or the problems that stop the build."""

    responses: list = field(default_factory=list)  # every response, in file order
    problems: list = field(default_factory=list)
    messages: list = field(default_factory=list)  # (level, message, *arguments)


def prepare(path_setting, content_path, timezone):
    """Read the responses at RESPONSES_PATH (`path_setting`) and get them ready to thread."""
    prepared = Prepared()
    path = resolve_path(path_setting, content_path)
    if not path.exists():
        if path_setting is None:
            prepared.messages.append(
                (logging.DEBUG, "responses: no %s, so no responses", display_name(path)))
        else:
            prepared.problems.append(
                Problem(display_name(path), field="RESPONSES_PATH", message="does not exist"))
        return prepared
    sources = load_sources(path)
    if not sources:
        prepared.messages.append(
            (logging.WARNING, "responses: %s holds no *.json files", display_name(path)))
    validator = Validator(timezone)
    unusable_ids = set()
    for source in sources:
        prepared.problems.extend(source.problems)
        if source.problems:
            continue
        found, found_problems, found_unusable = validator.validate(source)
        source.data = None  # the parsed records are done with; the responses hold the rest
        prepared.responses.extend(found)
        prepared.problems.extend(found_problems)
        unusable_ids |= found_unusable
    prepared.problems.extend(check_references(
        prepared.responses, unusable_ids, line_finder(prepared.responses, lambda: sources)))
    if prepared.problems:
        return prepared
    dropped_urls = 0
    for response in prepared.responses:
        response.content = sanitise(response.content)
        url = safe_url(response.url)
        dropped_urls += response.url not in (None, "") and url is None
        response.url = url
        format_date(response)
    if dropped_urls:
        prepared.messages.append(
            (logging.INFO, "responses: %d URLs were not http(s) and are shown unlinked",
             dropped_urls))
    return prepared


def pack(prepared):
    """Prepared as bytes, for the trip back from the worker and for the cache."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    # No memo: nothing in Prepared is referred to twice (replies are threaded afterwards),
    # and the memo of 20,000 responses' objects would double the worker's peak memory.
    pickler.fast = True
    pickler.dump(prepared)
    return buffer.getvalue()


def prepare_packed(*arguments):
    """prepare() in the worker: its result, packed."""
    return pack(prepare(*arguments))


def unpack(packed):
    return pickle.loads(packed)
