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
from content_checks.content_checks import check_planned_links, display_path
from content_checks.files import Refused
from content_checks.source import Source
from pelican import get_instance, parse_arguments
from pelican.plugins import signals
from scheduled.clock import DATE_ADVICE, DateError, parse_date, site_now

from pelican_adapter import fresh_pelican_log, quiet_console

FATAL_LEVELS = {"": logging.CRITICAL + 1, "errors": logging.ERROR, "warnings": logging.WARNING}
STATUSES = "published, hidden or draft"


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
    path: str = ""  # the file the line names, as it shows it ("" when it names none)
    number: int = 0  # the line in that file (0: the file as a whole)


@dataclass
class Report:
    problems: list = field(default_factory=list)
    fatal_level: int = logging.CRITICAL + 1
    crashed: bool = False
    stopped: bool = False  # before writing, on a problem at the fatal level
    scheduled: list = field(default_factory=list)  # posts held back for their date

    @property
    def fatal(self):
        return [p for p in self.problems if p.level >= self.fatal_level]

    @property
    def failed(self):
        return self.crashed or self.stopped or bool(self.fatal)


def header_line(path, key):
    """The line number of `Key:` in a post's header, or None."""
    return Source(path).key_line(key)


def header_key_of(path, value):
    """The header key whose value is `value` (Pelican names the value only), or None."""
    return next((written for _, written, given in Source(path).metadata_lines()
                 if given == value), None)


def where(path, content_root, key=None):
    """(the file as the author types it, the line of `key` in its header or 0)."""
    full = os.path.join(content_root, str(path))  # an absolute `path` is kept as it is
    return display_path(full), (header_line(full, key) or 0) if key else 0


@dataclass
class Known:
    """What the build's own checks reported, so Pelican's vaguer message for it is dropped."""

    content_root: str = ""
    checks_on: bool = False
    urls: set = field(default_factory=set)
    files: set = field(default_factory=set)

    @classmethod
    def of(cls, settings):
        return cls(content_root=settings["PATH"], checks_on="content_checks" in settings["PLUGINS"])

    def learn(self, record):
        """Note what a content_checks record names, before Pelican's vaguer one arrives."""
        self.urls.update(filter(None, [getattr(record, "url", None)]))
        self.files.update(filter(None, [getattr(record, "linked_file", None)]))


def reword(record, known):
    """One line for a log record, naming the file where Pelican's message does not; or None."""
    found = describe(record, known)
    return None if found is None else found.line


def describe(record, known):
    """The Problem a log record reports, in the build's words; None when it is dropped."""
    message, content_root = record.getMessage(), known.content_root
    if getattr(record, "content_check", False):
        return Problem(record.levelno, message.removeprefix("content_checks: "),
                       getattr(record, "source_path", ""), getattr(record, "source_line", 0))
    template, args = str(record.msg), record.args or ()
    place, text = ("", 0), None
    if template == "Could not process %s":
        path, error = args[0], getattr(record, "exception", None)
        text = str(error) if error else "it could not be read"
        date = re.match(r"'(.*)' is not a valid date", text)
        if date:
            key = header_key_of(os.path.join(content_root, str(path)), date[1]) or "date"
            place = where(path, content_root, key)
            try:
                parse_date(date[1], key.capitalize())
                text = f"{key.capitalize()} '{date[1]}' is not a real date; {DATE_ADVICE}"
            except DateError as refused:
                text = str(refused)
        elif docutils := DOCUTILS_REPORT.match(text):  # a reStructuredText post's problem
            place, text = (where(path, content_root)[0], int(docutils[1])), docutils_text(
                docutils[2])
        else:
            place, text = where(path, content_root), f"could not be read: {text}"
    elif template.startswith("Skipping %s: could not find information about"):
        key = args[1].capitalize()
        place, text = where(args[0], content_root), (f"has no {key}: line; add '{key}: …' to "
                                                     "its header")
    elif template.startswith("Unknown status '%s' for file %s"):
        place = where(args[1], content_root, "status")
        text = (f"Status '{args[0]}' is not one of {STATUSES}; fix it, or delete the line to "
                "publish the post")
    elif template.startswith("Unable to find '%s'"):
        if args[0] in known.urls:
            return None
        return Problem(record.levelno, f"a link to '{args[0]}' leads nowhere (Pelican does "
                       "not say in which post: search content/ for it)")
    elif template.startswith("Cannot get modification stamp for %s") and args[0] in known.files:
        return None  # a {static} link to a missing file, named by content_checks
    elif known.checks_on and template.startswith(("There are %s original", "There are %s items")):
        return None  # two posts with one slug: content_checks names both files
    elif known.checks_on and template.startswith((
            "Skipping %s: file %r would be written outside output path",
            "Unable to generate valid slug for")):
        return None  # content_checks names the file, the line and the field
    if text is None:
        return Problem(record.levelno, " ".join(message.split()))
    path, number = place
    return Problem(record.levelno, f"{path}{f':{number}' if number else ''}: {text}", path,
                   number)


# docutils' own report on a reStructuredText post: "file:7: (WARNING/2) what".
DOCUTILS_REPORT = re.compile(r".+?:(\d+): \((?:INFO|WARNING|ERROR|SEVERE)/\d\) (.*)", re.DOTALL)
# What docutils says of a directive that would read a file (DOCUTILS_SETTINGS, pelicanconf.py).
FILE_INSERTION = re.compile(r'(?:File and URL access deactivated; ignoring )?"([\w-]+)" '
                            r"directive(?: disabled)?\.")


def docutils_text(what):
    what = " ".join(what.split())
    refused = FILE_INSERTION.match(what)
    if refused and ("disabled" in what or "deactivated" in what):
        return (f'"{refused[1]}" directive disabled: a post is built from its own text only, '
                "never from other files; paste the text in instead")
    return what


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
        self.known.learn(record)
        self.records.append(record)

    def problems(self):
        """(record, Problem) for every problem, in file and line order (Pelican's messages
        that name no file last)."""
        found = [(record, problem) for record in self.records
                 if (problem := describe(record, self.known)) is not None]
        return sorted(found, key=lambda pair: (not pair[1].path, pair[1].path, pair[1].number))


class OneLineWarnings(logging.Handler):
    """Prints each warning as it is logged, as the one line `invoke build` prints for it
    ("WARNING path:line: ..."): for the live preview, which builds again and again. Errors
    are the preview's to report: they stop its build (tools/preview/site.py)."""

    def __init__(self, settings, stream=None):
        super().__init__(logging.WARNING)
        self.stream, self.known = stream, Known.of(settings)

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            return
        record.exception = sys.exc_info()[1]
        self.known.learn(record)
        if (problem := describe(record, self.known)) is not None:
            stream = self.stream or sys.stderr
            stream.write(f"WARNING {problem.line}\n")
            stream.flush()


def build(argv, stream=None, labels=True, scratch=False, summary=True):
    """Build as ``pelican argv`` would; return a Report after printing each problem to
    `stream` (stderr) as one line, after "WARNING " or "ERROR " unless `labels` is False.

    Problems at the fatal level stop the build before anything is written, except in a
    `scratch` build (`invoke check`'s, into a folder thrown away), which only errors stop: it
    writes the site through warnings so that the links in it are checked too, and every
    problem the build would report is named in one run. `summary` False leaves out Pelican's
    "Done: Processed ..." line, which counts posts scheduled for later as drafts."""
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

    stop_level = max(report.fatal_level, logging.ERROR) if scratch else report.fatal_level

    def stop_if_fatal(generators):
        report.scheduled = sorted(
            (content.source_path, content.date) for generator in generators
            for content in getattr(generator, "drafts", []) if getattr(content, "scheduled", 0))
        # Every post has been read and checked; stop before anything is written, naming
        # the links that would lead nowhere too, so that one run names every problem.
        if any(record.levelno >= stop_level for record in collector.records):
            if generators:
                check_planned_links(generators[0].settings)
            raise BuildStopped

    crash = None
    try:
        # The fatal level is applied here, after reading, not by Pelican's logger.
        with quiet_console(not summary), fresh_pelican_log(), plugins_disconnected_after():
            pelican, settings = get_instance(args)
            collector.known = Known.of(settings)
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


def scheduled_lines(report, timezone_name):
    """`invoke check`'s words for each post held back for its date: when it goes live."""
    now = site_now(timezone_name)
    return [f"{display_path(path)} is dated {date:%Y-%m-%d %H:%M} ({date.tzinfo}), "
            f"{from_now(date - now)}: it appears on the first daily run after that"
            for path, date in report.scheduled]


def from_now(delta):
    """A time ahead, in the unit a person would say it in: 40 minutes, 5 hours, 3 days."""
    minutes = max(1, round(delta.total_seconds() / 60))
    count, unit = ((minutes, "minute") if minutes < 60 else
                   (round(minutes / 60), "hour") if minutes < 48 * 60 else
                   (round(minutes / (24 * 60)), "day"))
    return f"{count} {unit}{'s' * (count != 1)} from now"


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
