"""Every stage that needs no article: load → validate → sanitise → thread → present.

responses.py runs this in a worker process while Pelican reads the posts, and
checks the one thing that needs the articles (does each response's post
exist?) once they are read. The result is plain data, so it crosses the process
boundary by pickling; messages for Pelican's log travel with it, as the worker
has no log of its own.
"""

import logging
from dataclasses import dataclass, field

from .load import display_name, line_finder, load_sources, resolve_path
from .present import format_date, in_page_order
from .problems import Problem
from .sanitise import safe_url, sanitise
from .thread import check_references, thread
from .validate import Validator


@dataclass
class Prepared:
    """The responses, threaded and ready to render, or the problems that stop the build."""

    responses: list = field(default_factory=list)  # every response, in file order
    threads: dict = field(default_factory=dict)  # post slug -> top-level responses
    in_order: dict = field(default_factory=dict)  # post slug -> all responses, in page order
    problems: list = field(default_factory=list)
    messages: list = field(default_factory=list)  # (level, message, *arguments)


def prepare(path_setting, content_path, timezone, max_depth):
    """Read the responses at RESPONSES_PATH (`path_setting`) and get them ready to render."""
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
    prepared.threads = thread(prepared.responses, max_depth)
    prepared.in_order = {slug: in_page_order(roots) for slug, roots in prepared.threads.items()}
    return prepared
