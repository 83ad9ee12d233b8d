"""Prepared responses kept between builds, as Pelican's content cache keeps posts.

Only when the settings turn Pelican's content cache on, as `invoke livereload`
does: CACHE_CONTENT writes it, LOAD_CONTENT_CACHE reads it. The key is
everything prepare() depends on: each comments file's path, size and
modification time, the site's timezone, the plugin's own source files and
nh3's version. An edited comments file, setting, allow-list or sanitiser is
never answered from an old result.
"""

import hashlib
import logging
import os
import pickle
from importlib.metadata import version
from pathlib import Path

from .load import find_files, resolve_path

logger = logging.getLogger(__name__)

CACHE_NAME = "responses.pickle"
PLUGIN_DIR = Path(__file__).parent


def cache_key(path_setting, content_path, timezone):
    """What prepare() depends on, as a string; None when there is nothing to read."""
    path = resolve_path(path_setting, content_path)
    if not path.exists():
        return None
    digest = hashlib.sha256()
    for source in sorted(PLUGIN_DIR.glob("*.py")) + [PLUGIN_DIR / "comments.schema.json"]:
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    digest.update(f"nh3 {version('nh3')}\0{timezone}\0".encode())
    for file in find_files(path):
        status = file.stat()
        digest.update(f"{file}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def load(settings, key):
    """The packed result stored under `key`, or None."""
    if key is None or not settings["LOAD_CONTENT_CACHE"]:
        return None
    try:
        with open(Path(settings["CACHE_PATH"]) / CACHE_NAME, "rb") as cache:
            stored_key = pickle.load(cache)
            if stored_key == key:
                logger.debug("responses: prepared responses from the cache")
                return cache.read()
    except (OSError, EOFError, ValueError, pickle.UnpicklingError):
        pass  # no cache yet, or an unreadable one: prepare afresh
    return None


def save(settings, key, packed):
    """Store a packed result under `key`, if the settings keep a content cache."""
    if key is None or not settings["CACHE_CONTENT"]:
        return
    folder = Path(settings["CACHE_PATH"])
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / (CACHE_NAME + ".part")
    with open(partial, "wb") as cache:
        pickle.dump(key, cache)
        cache.write(packed)
    os.replace(partial, folder / CACHE_NAME)
