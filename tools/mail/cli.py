"""Command line: python -m tools.mail (--mailbox PATH | --imap URL) [--content DIR]
[--comments PATH] [--timezone ZONE] [--paths FOLDER...] [--debug]."""

import argparse
import contextlib
import sys

from .imap import PASSWORD_VARIABLE, ImapSource
from .importer import NotFiled, import_responses
from .mailboxes import MailboxError, MailboxSource


def arguments_parser(prog, description, source_required=True):
    """The options every import shares (this command and the workflow's, pull_request.py)."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    source = parser.add_mutually_exclusive_group(required=source_required)
    source.add_argument("--mailbox", help="mbox file or Maildir folder")
    source.add_argument("--imap", metavar="URL",
                        help="imaps://USER@HOST[:PORT]/FOLDER, the folder of approved mail; "
                             f"the password is read from {PASSWORD_VARIABLE}")
    add_store_options(parser)
    parser.add_argument("--timezone", default="America/New_York", help="the site's TIMEZONE")
    parser.add_argument("--paths", nargs="*", default=["posts", "pages"],
                        help="folders under the content folder holding posts and pages")
    return parser


def add_store_options(parser):
    """--content and --comments (where the comments store is), and --debug: the options of
    every mail tool, remove.py's too."""
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument("--comments", help="the comments file or folder (RESPONSES_PATH; "
                        "default: comments.json in the content folder)")
    parser.add_argument("--debug", action="store_true", help="show Python's tracebacks too")


def store_arguments(settings, content):
    """--content and --comments (RESPONSES_PATH): the comments store of a site with its content
    in `content`, for `invoke remove-response`."""
    from responses.store import CommentsStore

    return ["--content", str(content),
            "--comments", str(CommentsStore.for_site(settings, content).path)]


def site_arguments(settings, content):
    """store_arguments, then --timezone and --paths as a site's settings give them, for
    `invoke import-responses` and the workflow's import (pull_request.py)."""
    return [*store_arguments(settings, content), "--timezone", settings["TIMEZONE"],
            "--paths", *settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]


def open_source(arguments):
    """The mail to import, as a context manager: an IMAP connection, or a mailbox file."""
    if arguments.imap:
        return ImapSource(arguments.imap)
    return contextlib.nullcontext(MailboxSource(arguments.mailbox))


def run_import(arguments, publish=None):
    """Import from the source the arguments name (see import_responses for `publish`)."""
    with open_source(arguments) as source:
        return import_responses(source, arguments.content, arguments.timezone,
                                paths=arguments.paths, comments=arguments.comments,
                                publish=publish)


def main(argv=None):
    """Run an import and print the report. Returns the exit status: 1 if anything was held
    back or skipped, or the mail could not be read or filed away."""
    arguments = arguments_parser("python -m tools.mail", __doc__).parse_args(argv)
    try:
        report = run_import(arguments)
    except NotFiled as error:
        if arguments.debug:
            raise
        print(error.report)
        print(f"import-responses: the responses were written, but filing the messages away "
              f"failed: {error}; run the import again to file them (nothing is added twice).",
              file=sys.stderr)
        return 1
    except (MailboxError, ValueError) as error:  # StoreError is a ValueError
        if arguments.debug:
            raise
        print(f"import-responses: {error}; nothing was written.", file=sys.stderr)
        return 1
    print(report)
    return 1 if report.attention else 0
