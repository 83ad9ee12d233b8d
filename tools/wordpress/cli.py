"""Command line: python -m tools.wordpress --wxr EXPORT.xml [--content DIR] [--force]."""

import argparse
import logging
import sys

from .importer import ImportConflictError, WxrError, import_wordpress


def main(argv=None):
    """Run an import; print the report. Returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m tools.wordpress", description=__doc__)
    parser.add_argument("--wxr", required=True, help="the WordPress export (WXR 1.1 or 1.2)")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument(
        "--force", action="store_true", help="overwrite files edited since the last import"
    )
    parser.add_argument("--timezone", default="America/New_York", help="the site's timezone")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        report = import_wordpress(
            arguments.wxr, arguments.content, force=arguments.force, timezone=arguments.timezone
        )
    except (WxrError, ImportConflictError) as error:
        print(f"import-wordpress: {error}", file=sys.stderr)
        return 1
    print(report)
    return 0
