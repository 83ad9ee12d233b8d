"""Write the import's files all at once, or not at all.

Everything is first written to a temporary folder beside the content folder
(same file system, so each move is an atomic rename) and moved into place
only when every file is ready. Files that already hold exactly what we would
write are left alone, so a re-import changes nothing, not even mtimes. A file
that differs was edited by someone: we refuse to overwrite it unless forced.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


class ImportConflictError(Exception):
    """Files the import would overwrite were changed since they were written."""

    def __init__(self, paths):
        self.paths = list(paths)
        listed = "\n".join(f"  {path}" for path in self.paths)
        super().__init__(
            f"{len(self.paths)} file(s) exist with different content "
            "(edited since the last import?); nothing was written. "
            f"Re-run with --force to overwrite them:\n{listed}"
        )


@dataclass
class WriteResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    overwritten: list[Path] = field(default_factory=list)


def _data(value):
    """The bytes to write: text is UTF-8; a Path (a media file) is copied byte for byte."""
    return value.read_bytes() if isinstance(value, Path) else value.encode("utf-8")


def _current_bytes(path):
    if path.is_file():
        return path.read_bytes()
    if path.exists():
        return b""  # a folder or something else: never equal, so a conflict
    return None


def write_files(content_dir, files, *, force=False):
    """Write `files` ({relative posix path: text, bytes or a Path to copy}) under `content_dir`."""
    content_dir = Path(content_dir).resolve()
    result = WriteResult()
    to_write = {}
    conflicts = []
    for relative, text in sorted(files.items()):
        target = content_dir / relative
        data = _data(text)
        current = _current_bytes(target)
        if current == data:
            result.unchanged.append(target)
            continue
        if current is not None:
            if not force or not (target.is_file() or target.is_symlink()):
                conflicts.append(target)
                continue
            result.overwritten.append(target)
        else:
            result.written.append(target)
        # A media file is read again when staged rather than held in memory.
        to_write[relative] = text if isinstance(text, Path) else data
    if conflicts:
        raise ImportConflictError(conflicts)
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
