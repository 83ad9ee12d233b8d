"""Write the import's files all at once, next to what the content folder holds already.

Everything is first written to a temporary folder beside the content folder (same file
system, so each move is an atomic rename) and moved into place only when every file is
ready. A file that already holds exactly what we would write is left alone, so a re-import
changes nothing, not even mtimes. A file that differs (edited since the import, or changed
in a newer export) is kept as it is, and named in the report with why; `force` replaces it,
and the report names it as replaced. Nothing is ever written through a symlink.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# The longest file name most file systems allow, and all the published site's hosts do.
NAME_MAX = 255
KEPT_EDITED = "differs from the export (edited since the import?); --force replaces it"
REPLACED_FORCED = "it differed from the export; replaced because of --force"


def name_max(folder):
    """The longest file name (in bytes) the file system holding `folder` allows."""
    folder = Path(folder).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return min(os.pathconf(folder, "PC_NAME_MAX"), NAME_MAX)
    except (OSError, ValueError):
        return NAME_MAX


@dataclass
class WriteResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    replaced: list[tuple[Path, str]] = field(default_factory=list)  # (file, why)
    kept: list[tuple[Path, str]] = field(default_factory=list)  # (file, why it was not written)


def _data(value):
    """The bytes to write: text is UTF-8; a Path (a media file) is copied byte for byte."""
    return value.read_bytes() if isinstance(value, Path) else value.encode("utf-8")


def _current_bytes(path):
    if path.is_file():
        return path.read_bytes()
    if path.exists():
        return b""  # a folder or something else: never equal
    return None


def _refusal(content_dir, target):
    """Why `target` must not be written (a symlink there or on its way), or None."""
    if target.is_symlink():
        return "is a symlink; left alone"
    folder = target.parent
    while folder != content_dir and not folder.exists():
        folder = folder.parent
    if not folder.resolve().is_relative_to(content_dir):
        return "a folder on its way is a symlink out of the content folder; not written"
    if target.exists() and not target.is_file():
        return "is not a file; left alone"
    return None


def write_files(content_dir, files, *, force=False):
    """Write `files` ({relative posix path: text, bytes or a Path to copy}) under `content_dir`."""
    content_dir = Path(content_dir).resolve()
    result = WriteResult()
    to_write = {}
    for relative, text in sorted(files.items()):
        target = content_dir / relative
        refusal = _refusal(content_dir, target)
        if refusal:
            result.kept.append((target, refusal))
            continue
        data = _data(text)
        current = _current_bytes(target)
        if current == data:
            result.unchanged.append(target)
            continue
        if current is not None:
            if not force:
                result.kept.append((target, KEPT_EDITED))
                continue
            result.replaced.append((target, REPLACED_FORCED))
        else:
            result.written.append(target)
        # A media file is read again when staged rather than held in memory.
        to_write[relative] = text if isinstance(text, Path) else data
    if not to_write:
        return result
    content_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{content_dir.name}.import-", dir=content_dir.parent))
    try:
        for relative, data in to_write.items():
            staged = staging / relative
            staged.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, Path):
                shutil.copyfile(data, staged)
            else:
                staged.write_bytes(data)
        for relative in to_write:
            target = content_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result
