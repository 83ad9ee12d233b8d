"""A post's source file as an author sees it: its metadata lines and line numbers."""

import re
from pathlib import Path

# Python-Markdown's meta extension: "Key: value" lines until the first blank line.
HEADER_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")


class Source:
    """The text of one content file, with the line numbers problems are reported at."""

    def __init__(self, path):
        self.path = Path(path)
        try:
            self.text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.text = ""
        self.lines = self.text.splitlines()

    @property
    def is_markdown(self):
        return self.path.suffix.lower() in MARKDOWN_SUFFIXES

    def metadata_lines(self):
        """(line number, key as written, value) for every metadata line of the header block.

        The one reading of a post's header in the project: content_checks, the one-line build
        messages (tools/authoring) and the mail importer's slugs (tools/mail) all use it.
        """
        found = []
        for number, line in enumerate(self.lines, 1):
            if not line.strip():
                break
            match = HEADER_LINE.match(line)
            if match:
                found.append((number, match["key"], match["value"].strip()))
            elif not line.startswith((" ", "\t")):
                break
        return found

    def header(self):
        """(line number, key as written) for every metadata line of a Markdown file."""
        return [(number, key) for number, key, _ in self.metadata_lines()]

    def key_line(self, key):
        """The header line of metadata `key` (in any case), or None."""
        return next((number for number, written, _ in self.metadata_lines()
                     if written.lower() == key.lower()), None)

    def line_of(self, text):
        """The first line holding `text` (1-based), or None."""
        for number, line in enumerate(self.lines, 1):
            if text in line:
                return number
        return None

    def body_lines(self):
        """(line number, line) after the metadata, for Markdown; every line otherwise."""
        start = 0
        if self.is_markdown:
            header = self.header()
            start = header[-1][0] if header else 0
        return list(enumerate(self.lines, 1))[start:]
