"""Command line: python -m tools.mail --mailbox PATH [--content DIR] [--comments PATH]
[--timezone ZONE]."""

import argparse
import sys

from .importer import import_responses
from .mailboxes import MailboxError


def main(argv=None):
    """Run an import and print the report. Returns the exit status: 1 if anything was held
    back or the mailbox could not be read."""
    parser = argparse.ArgumentParser(prog="python -m tools.mail", description=__doc__)
    parser.add_argument("--mailbox", required=True, help="mbox file or Maildir folder")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument("--comments", help="the comments file or folder (RESPONSES_PATH; "
                        "default: comments.json in the content folder)")
    parser.add_argument("--timezone", default="America/New_York", help="the site's TIMEZONE")
    parser.add_argument("--paths", nargs="*", default=["posts", "pages"],
                        help="folders under the content folder holding posts and pages")
    arguments = parser.parse_args(argv)
    try:
        report = import_responses(arguments.mailbox, arguments.content, arguments.timezone,
                                  paths=arguments.paths, comments=arguments.comments)
    except (MailboxError, ValueError) as error:  # StoreError is a ValueError
        print(f"import-responses: {error}; nothing was written.", file=sys.stderr)
        return 1
    print(report)
    return 1 if report.held_back else 0
