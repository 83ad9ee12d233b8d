"""Command line: python -m tools.wordpress --wxr EXPORT.xml [--content DIR] [--media SOURCE]."""

import argparse
import logging
import sys

from .importer import ImportConflictError, MediaSourceError, WxrError, import_wordpress


def main(argv=None):
    """Run an import; print the report. Returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m tools.wordpress", description=__doc__)
    parser.add_argument("--wxr", required=True, help="the WordPress export (WXR 1.1 or 1.2)")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument(
        "--force", action="store_true", help="overwrite files edited since the last import"
    )
    parser.add_argument("--timezone", help="the site's timezone (default: its TIMEZONE)")
    parser.add_argument(
        "--media", help="the old uploads folder: a copy of it, or its http(s) URL on the old site"
    )
    parser.add_argument(
        "--media-cache", help="where downloads are kept (default: CACHE_PATH/wordpress-media)"
    )
    parser.add_argument(
        "--media-timeout", type=float, default=30.0, help="seconds to wait for a download"
    )
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        report = import_wordpress(
            arguments.wxr,
            arguments.content,
            force=arguments.force,
            timezone=arguments.timezone,
            media=arguments.media,
            media_cache=arguments.media_cache,
            media_timeout=arguments.media_timeout,
        )
    except (WxrError, ImportConflictError, MediaSourceError) as error:
        print(f"import-wordpress: {error}", file=sys.stderr)
        return 1
    print(report)
    return 0
