"""No file from outside the project reaches the site: symbolic links are refused.

A symbolic link in the content folder (PATH) or the theme would let a pull request publish
any file of the machine that builds the site (``content/images/photo.jpg -> /etc/passwd``).
As each build starts, before Pelican reads a file, both folders are walked and every link is
named in one line; then the build stops, whatever its --fatal level, with nothing read
through a link. Names Pelican never reads (IGNORE_FILES, such as Emacs's ``.#post.md`` lock
links) are skipped as Pelican skips them; the comments store refuses a linked comments file
itself (plugins/responses/store.py), with the same words.

``{static}``, ``{attach}`` and ``{filename}`` links leading out of the content folder are
refused with the other links (content_checks.py).
"""

import fnmatch
import os


class Refused(Exception):
    """The build stops before reading; every reason is logged already, one line each."""


def symlink_problem(path):
    """The one line's text for a link at `path` (after "path: ")."""
    try:
        target = f" (to {os.readlink(path)})"
    except OSError:
        target = ""
    return (f"is a symbolic link{target}, and a link can publish files from outside the "
            "project; put the file itself here, or delete the link")


def symlinks(settings):
    """Every symbolic link in the content folder and the theme (its static paths too), in name
    order."""
    ignored = settings.get("IGNORE_FILES", [])
    found = []
    # The theme's static paths may lie outside it (plugins/decap_cms adds its app's folder).
    static = [os.path.join(settings["THEME"], path) for path in settings["THEME_STATIC_PATHS"]]
    outside_theme = [path for path in static if outside(path, settings["THEME"])]
    for root in (settings["PATH"], settings["THEME"], *outside_theme):
        for folder, folders, files in os.walk(root):
            for name in sorted(folders + files):
                path = os.path.join(folder, name)
                if any(fnmatch.fnmatch(name, pattern) for pattern in ignored):
                    if name in folders:
                        folders.remove(name)
                elif os.path.islink(path):
                    found.append(path)
            # os.walk lists a link to a folder among the folders, and never enters it.
            folders.sort()
    return found


def outside(path, root):
    """Does `path` (relative to `root`, or absolute) lead out of `root`?"""
    full = os.path.normpath(os.path.join(root, path))
    return os.path.relpath(full, os.path.normpath(root)).split(os.sep)[0] == os.pardir
