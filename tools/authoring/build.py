"""Run Pelican in-process and report every problem as one line naming the file.

Takes exactly the ``pelican`` command line (``-s publishconf.py --fatal warnings -o DIR``).
Unlike ``pelican`` itself it does not stop at the first problem with a traceback: it reads
every post, prints each warning and error as one line (Pelican's own messages reworded to
name the post's file and line; ``content_checks`` lines as they are), and, when any of them
is at the ``--fatal`` level, stops before anything is written. ``-D`` (debug) adds the
tracebacks back. ``python -m tools.authoring.build -s pelicanconf.py`` runs it on its own.
"""

import contextlib
import logging
import os
import re
import sys
import traceback
import weakref
from dataclasses import dataclass, field

import blinker
from content_checks.content_checks import display_path
from content_checks.files import Refused
from content_checks.source import Source
from pelican import get_instance, parse_arguments
from pelican.log import FatalLogger, LimitFilter
from pelican.plugins import signals

FATAL_LEVELS = {"": logging.CRITICAL + 1, "errors": logging.ERROR, "warnings": logging.WARNING}
STATUSES = "published, hidden or draft"


@contextlib.contextmanager
def fresh_pelican_log():
    """Pelican's log state belongs to the process: inside, a build starts afresh (no warning
    held back as already said by an earlier build) and Pelican's logger never raises."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    saved_fatal_level = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.CRITICAL + 1
    try:
        yield
    finally:
        FatalLogger.fatal_lvl = saved_fatal_level


@contextlib.contextmanager
def plugins_disconnected_after():
    """Disconnect, on leaving, every signal receiver the plugins connected inside: blinker's
    signals are global, so a second build in the same process (a test, a livereload
    rebuild) would otherwise run the first one's plugins too."""
    before = {signal: receivers(signal) for signal in pelican_signals()}
    try:
        yield
    finally:
        for signal, kept in before.items():
            for receiver in receivers(signal):
                if receiver not in kept:
                    signal.disconnect(receiver)


def pelican_signals():
    return [value for value in vars(signals).values() if isinstance(value, blinker.Signal)]


def receivers(signal):
    found = []
    for reference in list(signal.receivers.values()):
        receiver = reference() if isinstance(reference, weakref.ref) else reference
        if receiver is not None:
            found.append(receiver)
    return found


class BuildStopped(Exception):
    """Problems at the fatal level were found after reading; nothing was written."""


@dataclass
class Problem:
    level: int
    line: str


@dataclass
class Report:
    problems: list = field(default_factory=list)
    fatal_level: int = logging.CRITICAL + 1
    crashed: bool = False
    stopped: bool = False  # before writing, on a problem at the fatal level

    @property
    def fatal(self):
        return [p for p in self.problems if p.level >= self.fatal_level]

    @property
    def failed(self):
        return self.crashed or self.stopped or bool(self.fatal)


def where(path, content_root, key=None):
    full = os.path.join(content_root, str(path))  # an absolute `path` is kept as it is
    line = Source(full).key_line(key) if key else None
    return display_path(full) + (f":{line}" if line else "")


@dataclass
class Known:
    """What the build's own checks reported, so Pelican's vaguer message for it is dropped."""

    content_root: str = ""
    checks_on: bool = False
    urls: set = field(default_factory=set)
    files: set = field(default_factory=set)


def reword(record, known):
    """One line for a log record, naming the file where Pelican's message does not; or None."""
    message, content_root = record.getMessage(), known.content_root
    if getattr(record, "content_check", False):
        return message.removeprefix("content_checks: ")
    template, args = str(record.msg), record.args or ()
    if template == "Could not process %s":
        path, error = args[0], getattr(record, "exception", None)
        text = str(error) if error else "it could not be read"
        date = re.match(r"'(.*)' is not a valid date", text)
        if date:
            return (f"{where(path, content_root, 'date')}: Date '{date[1]}' is not a real "
                    "date; write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30")
        # docutils' own report on a reStructuredText post: "file:7: (WARNING/2) what".
        docutils = re.match(r".+?:(\d+): \((?:INFO|WARNING|ERROR|SEVERE)/\d\) (.*)", text,
                            re.DOTALL)
        if docutils:
            what = " ".join(docutils[2].split())
            # File insertion is off (DOCUTILS_SETTINGS, pelicanconf.py).
            refused = re.match(r'(?:File and URL access deactivated; ignoring )?"([\w-]+)" '
                               r"directive(?: disabled)?\.", what)
            if refused and ("disabled" in what or "deactivated" in what):
                what = (f'"{refused[1]}" directive disabled: a post is built from its own '
                        "text only, never from other files; paste the text in instead")
            return f"{where(path, content_root)}:{docutils[1]}: {what}"
        return f"{where(path, content_root)}: could not be read: {text}"
    if template.startswith("Skipping %s: could not find information about"):
        key = args[1]
        return (f"{where(args[0], content_root)}: has no {key.capitalize()}: line; add "
                f"'{key.capitalize()}: …' to its header")
    if template.startswith("Unknown status '%s' for file %s"):
        return (f"{where(args[1], content_root, 'status')}: Status '{args[0]}' is not one of "
                f"{STATUSES}; fix it, or delete the line to publish the post")
    if template.startswith("Unable to find '%s'"):
        if args[0] in known.urls:
            return None
        return (f"a link to '{args[0]}' leads nowhere (Pelican does not say in which post: "
                "search content/ for it)")
    if template.startswith("Cannot get modification stamp for %s") and args[0] in known.files:
        return None  # a {static} link to a missing file, named by content_checks
    if known.checks_on and template.startswith(("There are %s original", "There are %s items")):
        return None  # two posts with one slug: content_checks names both files
    if known.checks_on and template.startswith((
            "Skipping %s: file %r would be written outside output path",
            "Unable to generate valid slug for")):
        return None  # content_checks names the file, the line and the field
    return " ".join(message.split())


class Collector(logging.Handler):
    """Keeps warnings and errors for the report; passes Pelican's progress lines through."""

    def __init__(self, verbosity, stream):
        super().__init__(level=logging.DEBUG)
        self.verbosity, self.stream = verbosity, stream
        self.records, self.known = [], Known()

    def emit(self, record):
        if record.levelno < logging.WARNING:
            if record.levelno >= self.verbosity and record.name.startswith("pelican"):
                self.stream.write(record.getMessage() + "\n")
            return
        # Pelican logs "Could not process" inside its except block: the reason is the
        # exception being handled, which it leaves out unless DEBUG is on.
        record.exception = sys.exc_info()[1]
        self.known.urls.update(filter(None, [getattr(record, "url", None)]))
        self.known.files.update(filter(None, [getattr(record, "linked_file", None)]))
        self.records.append(record)

    def problems(self):
        found = []
        for record in self.records:
            line = reword(record, self.known)
            if line is not None:
                found.append((record, Problem(record.levelno, line)))
        return found


def build(argv, stream=None, labels=True):
    """Build as ``pelican argv`` would; return a Report after printing each problem to
    `stream` (stderr) as one line, after "WARNING " or "ERROR " unless `labels` is False."""
    stream = stream or sys.stderr
    args = parse_arguments(argv)
    debug = args.verbosity == logging.DEBUG
    verbosity = args.verbosity or logging.WARNING
    report = Report(fatal_level=FATAL_LEVELS[args.fatal or ""])
    root_logger = logging.getLogger()
    saved_level = root_logger.level
    root_logger.setLevel(min(verbosity, logging.WARNING))
    collector = Collector(verbosity, stream)
    root_logger.addHandler(collector)

    def stop_if_fatal(generators):
        # Every post has been read and checked; stop before anything is written.
        if any(record.levelno >= report.fatal_level for record in collector.records):
            raise BuildStopped

    crash = None
    try:
        # The fatal level is applied here, after reading, not by Pelican's logger.
        with fresh_pelican_log(), plugins_disconnected_after():
            pelican, settings = get_instance(args)
            collector.known.content_root = settings["PATH"]
            collector.known.checks_on = "content_checks" in settings["PLUGINS"]
            # After the plugins' receivers, so their checks have run when it looks.
            signals.all_generators_finalized.connect(stop_if_fatal)
            pelican.run()
    except (BuildStopped, Refused):  # Refused: the plugins' reasons are logged already
        report.stopped = True
    except Exception as error:  # Pelican's own crash: one line, the traceback with -D
        crash = error
    finally:
        root_logger.removeHandler(collector)
        root_logger.setLevel(saved_level)
    for record, problem in collector.problems():
        label = "ERROR " if problem.level >= logging.ERROR else "WARNING "
        stream.write(f"{label if labels else ''}{problem.line}\n")
        if debug and record.exception:
            traceback.print_exception(record.exception, file=stream)
        report.problems.append(problem)
    if crash is not None:
        report.crashed = True
        for line in crash_lines(crash):
            report.problems.append(Problem(logging.CRITICAL, line))
            stream.write(f"{'ERROR ' if labels else ''}{line}\n")
        if debug:
            traceback.print_exception(crash, file=stream)
    return report


def crash_lines(error):
    """What a build that raised prints: one line per problem when the error lists them (the
    responses plugin's), else one line for the error."""
    listed = getattr(error, "problem_lines", None)
    return listed() if callable(listed) else [crash_line(error)]


def crash_line(error):
    if isinstance(error, OSError) and error.errno == 36:
        return (f"could not write {display_path(error.filename or '?')}: the file name is too "
                "long; give the post a shorter Slug: (at most 80 characters)")
    return (f"the build stopped: {error.__class__.__name__}: {error} "
            "(run again with -D for the traceback)")


def main(argv=None):
    report = build(sys.argv[1:] if argv is None else argv)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
