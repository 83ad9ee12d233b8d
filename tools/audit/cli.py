"""Command line: python -m tools.audit --wxr EXPORT.xml [--site DIR] [--media SOURCE]."""

import argparse
import sys

from .audit import DEFAULT_MAX_DEPTH, AuditError, run_audit
from .export import ExportError


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="audit-migration",
        description="Check a built site against the WordPress export it was migrated from.",
    )
    parser.add_argument("--wxr", required=True, help="the WordPress export (WXR)")
    parser.add_argument("--site", default="output", help="the built site (default: output)")
    parser.add_argument("--media", help="a copy of the old site's uploads folder")
    parser.add_argument("--max-depth", type=int, default=DEFAULT_MAX_DEPTH,
                        help="the site's deepest reply nesting (RESPONSES_MAX_DEPTH)")
    parser.add_argument("--all", action="store_true", dest="every",
                        help="list every occurrence of each problem, not only a few examples")
    arguments = parser.parse_args(argv)

    def progress(message):
        print(f"audit: {message}", file=sys.stderr, flush=True)

    try:
        report = run_audit(arguments.wxr, arguments.site, arguments.media,
                           arguments.max_depth, progress)
    except (AuditError, ExportError) as error:
        print(f"audit-migration: {error}", file=sys.stderr)
        return 2
    print(report.render(every=arguments.every))
    return 0 if report.passed else 1
