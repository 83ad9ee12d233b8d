"""The invoke tasks' settings (CONFIG) and the local Pelican settings they read, in one module
that tasks.py and the tools import alike (a tool importing tasks.py would load invoke's tasks).
"""

import datetime
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE_BASE = ROOT / "pelicanconf.py"
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(str(SETTINGS_FILE_BASE))}

CONFIG = {
    "settings_base": str(SETTINGS_FILE_BASE),
    "settings_publish": str(ROOT / "publishconf.py"),
    "deploy_path": str(ROOT / "output"),
    "content_path": str(ROOT / SETTINGS["PATH"]),
    "posts_path": str(ROOT / SETTINGS["PATH"] / "posts"),
    # Local builds stop on errors; the publish build stops on warnings too, so
    # CI never deploys a site that skipped a post or lost a link.
    "local_fatal": "errors",
    "publish_fatal": "warnings",
    # GitHub Pages
    "github_pages_remote": "origin",
    "github_pages_branch": "gh-pages",
    "commit_message": f"Publish site on {datetime.date.today().isoformat()} from {{commit}}",
    # Host and port for `serve` and `livereload`
    "host": "127.0.0.1",
    "port": 8000,
    "tests_path": str(ROOT / "tests"),
    # Debian's Chromium (Playwright's own browser download is not used), started
    # without the background services that would reach for the network.
    "chromium": "/usr/bin/chromium",
    "chromium_args": [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    "screenshots_path": str(ROOT / "screenshots"),
    # The theme's sample site: every feature of the theme on a few posts (also the theme
    # tests' fixture).
    "theme_sample_path": str(ROOT / "tests" / "theme" / "content"),
}
