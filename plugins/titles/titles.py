"""A title is text: what an author types in ``Title:`` is shown, never run as markup.

Pelican passes a post's title to typogrify as HTML and the theme prints it as HTML, so
``Title: <script>…`` would run on every page that lists the post. Each reader's title is
escaped as it is read, before typogrify, and marked safe (Markup) once typogrify has added
its curly quotes and no-break spaces: the theme prints ``article.title`` as it is, and
``|striptags`` gives the plain text for attributes, feeds and JSON-LD. Markdown titles are
plain text (a character reference such as ``&amp;`` is the character); the
reStructuredText and HTML readers give HTML, which is read as text first.
"""

import functools
import html

from markupsafe import Markup
from pelican import signals
from pelican.readers import BaseReader, MarkdownReader


def escape_titles(readers):
    """Put a reader that escapes the title in place of each of Pelican's readers."""
    for extension, reader_class in readers.reader_classes.items():
        # BaseReader reads static files, which have no title.
        if reader_class not in (None, BaseReader) and not getattr(
                reader_class, "reads_text_titles", False):
            readers.reader_classes[extension] = text_title_reader(reader_class)


@functools.cache
def text_title_reader(reader_class):
    """`reader_class`, reading its title as text; the same class name, so Pelican's
    ``reader`` metadata is unchanged."""

    def read(self, source_path):
        content, metadata = reader_class.read(self, source_path)
        title = metadata.get("title")
        if isinstance(title, str):
            # Character references are a way of typing characters ("Q&amp;A"), not markup.
            text = html.unescape(title) if issubclass(reader_class, MarkdownReader) else Markup(
                title).striptags()
            metadata["title"] = html.escape(text, quote=False)
        return content, metadata

    return type(reader_class.__name__, (reader_class,), {
        "read": read, "reads_text_titles": True, "__module__": __name__,
        "__doc__": reader_class.__doc__})


def mark_safe(generator, metadata):
    """The escaped (and typogrified) title is safe HTML."""
    if isinstance(metadata.get("title"), str):
        metadata["title"] = Markup(metadata["title"])


def register():
    signals.readers_init.connect(escape_titles)
    signals.article_generator_context.connect(mark_safe)
    signals.page_generator_context.connect(mark_safe)
