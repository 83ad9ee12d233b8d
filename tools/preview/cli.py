"""Command line of the preview: `python -m tools.preview [--port N]`, run by `invoke livereload`."""

import argparse
import logging
import sys
import threading
import time
from pathlib import Path

from pelican import ParseOverrides
from pelican.settings import read_settings

from tools.authoring.build import OneLineWarnings

from .search import SearchIndex
from .server import PreviewServer
from .site import Site
from .watch import Preview

REPO_ROOT = Path(__file__).resolve().parents[2]


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.preview", description=__doc__)
    parser.add_argument("--settings", type=Path, default=REPO_ROOT / "pelicanconf.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--content", type=Path, help="content folder (default: settings' PATH)")
    parser.add_argument("--output", type=Path, help="output folder (default: OUTPUT_PATH)")
    parser.add_argument("--no-search", action="store_true",
                        help="do not rebuild the Pagefind search index")
    parser.add_argument("-e", "--extra-settings", dest="overrides", nargs="*", default={},
                        action=ParseOverrides, metavar="SETTING=VALUE",
                        help="override settings, as pelican -e does (VALUE in JSON)")
    return parser.parse_args(argv)


def preview_settings(settings_file, content=None, output=None, overrides=None):
    """The local settings, with the overrides a preview needs."""
    override = {
        **(overrides or {}),
        # Pelican's generator-layer content cache, kept in this process instead of a
        # pickle on disk (site.py): nothing is read from or written to CACHE_PATH.
        "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
        # The preview writes only changed files, and deletes stale ones itself.
        "DELETE_OUTPUT_DIRECTORY": False,
    }
    if content:
        override["PATH"] = str(Path(content).resolve())
    if output:
        override["OUTPUT_PATH"] = str(Path(output).resolve())
    settings = read_settings(str(settings_file), override=override)
    # Relative to where it is run, as for `pelican`; absolute from here on, as the writer's are.
    settings["OUTPUT_PATH"] = str(Path(settings["OUTPUT_PATH"]).resolve())
    return settings


def make_preview(settings, settings_file, host, port, search=True, **options):
    """A Preview with its server bound (not yet serving) and nothing built yet."""
    site = Site(settings)
    server = PreviewServer((host, port), site.output)
    watched = [settings["PATH"], settings["THEME"], settings_file, *settings["PLUGIN_PATHS"]]
    restart_paths = [settings_file, *settings["PLUGIN_PATHS"]]
    return Preview(site, server, watched, restart_paths, search=SearchIndex if search else None,
                   **options)


def start_threads(preview):
    """Serve, watch and work in daemon threads; return them."""
    threads = [threading.Thread(target=target, daemon=True, name=name) for name, target in (
        ("preview-server", preview.server.serve_forever),
        ("preview-watch", preview.watch),
        ("preview-work", preview.work),
    )]
    for thread in threads:
        thread.start()
    return threads


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    settings = preview_settings(args.settings, args.content, args.output, args.overrides)
    # Warnings in the words and one-line form of `invoke build`; errors stop a build, and
    # the preview prints them with the failure.
    logging.basicConfig(level=logging.WARNING, handlers=[OneLineWarnings(settings)], force=True)
    search = not args.no_search and settings.get("SEARCH_ENABLED")
    preview = make_preview(settings, str(args.settings.resolve()), args.host, args.port,
                           search=search)
    started = time.perf_counter()
    print("preview: building the whole site ...", file=sys.stderr)
    preview.start()
    print(f"preview: built in {time.perf_counter() - started:.1f} s; serving at "
          f"{preview.server.url()} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    start_threads(preview)
    try:
        preview.stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop.set()
        preview.server.shutdown()
        preview.server.server_close()
    return 0
