"""Command line: python -m tools.wordpress --wxr EXPORT.xml [--content DIR] [--media SOURCE].

Exit status: 0 when everything the old site published was imported; 1 when the import
finished but something is missing (an item that could not be converted, a media file
that could not be had: the report names each), or when nothing could be imported (a bad
export, --media or comments file: one line says which); 2 for a wrong command line.
"""

import argparse
import logging
import sys

from .download import DEFAULT_MAX_BYTES, DEFAULT_SECONDS
from .importer import MediaSourceError, StoreError, WxrError, import_wordpress


def main(argv=None):
    """Run an import; print the report. Returns the process exit status."""
    parser = argparse.ArgumentParser(prog="python -m tools.wordpress", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wxr", required=True, help="the WordPress export (WXR 1.1 or 1.2)")
    parser.add_argument("--content", default="content", help="content folder (default: content)")
    parser.add_argument(
        "--force", action="store_true",
        help="replace files that differ from the export (edited since the last import); "
             "the report names each",
    )
    parser.add_argument("--timezone", help="the site's timezone (default: its TIMEZONE)")
    parser.add_argument(
        "--media", help="the old uploads folder: a copy of it, or its http(s) URL on the old site"
    )
    parser.add_argument(
        "--media-cache", help="where downloads are kept (default: CACHE_PATH/wordpress-media)"
    )
    parser.add_argument(
        "--media-timeout", type=float, default=DEFAULT_SECONDS,
        help=f"seconds a whole download may take (default: {DEFAULT_SECONDS:g})",
    )
    parser.add_argument(
        "--media-max-mb", type=float, default=DEFAULT_MAX_BYTES / 1024 / 1024,
        help=f"largest file to download, in MB (default: {DEFAULT_MAX_BYTES // 1024 // 1024})",
    )
    parser.add_argument("--debug", action="store_true", help="show Python's tracebacks too")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if arguments.debug else logging.INFO,
                        format="%(message)s")
    try:
        report = import_wordpress(
            arguments.wxr,
            arguments.content,
            force=arguments.force,
            timezone=arguments.timezone,
            media=arguments.media,
            media_cache=arguments.media_cache,
            media_timeout=arguments.media_timeout,
            media_max_bytes=int(arguments.media_max_mb * 1024 * 1024),
        )
    except (WxrError, MediaSourceError, StoreError) as error:
        if arguments.debug:
            raise
        print(f"import-wordpress: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the content folder or the cache cannot be written
        if arguments.debug:
            raise
        print(f"import-wordpress: {error.filename or ''}: {error.strerror}", file=sys.stderr)
        return 1
    print(report)
    if report.failed:
        missing = len(report.media.missing) if report.media else 0
        what = [f"{len(report.problems)} item(s) could not be imported" if report.problems
                else "", f"{missing} media file(s) could not be had" if missing else ""]
        print(f"import-wordpress: {' and '.join(filter(None, what))}; the report above names "
              "each, and the rest is imported", file=sys.stderr)
        return 1
    return 0
