"""Pelican's writer, writing a file only when its bytes change, and remembering every path.

Rendering goes through Pelican's own ``Writer.write_file`` (pagination, relative
URLs, the ``content_written`` signal); only the last step differs: the page is
compared with the file on disk and replaced atomically when it differs, so the
server never sends half a page and unchanged files keep their times.
"""

import io
import os
import tempfile

from pelican_adapter import PendingWriter


class Cancelled(Exception):
    """A newer change arrived; the rest of this render is wasted work."""


class _PendingFile(io.StringIO):
    def __init__(self, writer, path):
        super().__init__()
        self.writer, self.path = writer, path
        self.skipped = False

    def write(self, text):
        if text is _SKIPPED:
            self.skipped = True
            return 0
        return super().write(text)

    def __exit__(self, *exc_info):
        if exc_info[0] is None and not self.skipped:
            self.writer.commit(self.path, self.getvalue())
        return super().__exit__(*exc_info)


class DiffWriter(PendingWriter):
    """Write changed files only; `paths` is every file this writer produced."""

    def __init__(self, output_path, settings, cancelled=None, wanted=None):
        super().__init__(output_path, settings)
        self.cancelled = cancelled
        # Given a page's template context, should this page be rendered now?
        self.wanted = wanted
        self.paths = set()
        self.changed = []

    def write_file(self, name, template, context, *args, **kwargs):
        if self.wanted is not None:
            template = _Selective(template, self.wanted)
        return super().write_file(name, template, context, *args, **kwargs)

    def pending_file(self, filename):
        if self.cancelled is not None and self.cancelled.is_set():
            raise Cancelled
        return _PendingFile(self, filename)

    def commit(self, path, text):
        data = text.encode("utf-8")
        self.paths.add(os.path.abspath(path))
        try:
            with open(path, "rb") as existing:
                if existing.read() == data:
                    return
        except OSError:
            pass
        write_atomically(path, data)
        self.changed.append(path)


class _Skipped(str):
    """The empty render of a page that was not wanted this time."""


_SKIPPED = _Skipped()


class _Selective:
    """A template that renders only the pages `wanted` accepts."""

    def __init__(self, template, wanted):
        self.template, self.wanted = template, wanted

    def render(self, context):
        return self.template.render(context) if self.wanted(context) else _SKIPPED


def write_atomically(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".preview-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
