"""What several plugins need to know about the site, worked out one way: Pelican's content
lists, its categories, tags and authors, the file a link names, and the title of an article or
page as plain text.

Pelican keeps articles and pages on their generators in a list per status, each with its
translations beside it (``articles``/``translations``, ``hidden_pages``/``hidden_translations``,
``draft_pages``/``draft_translations``...). A plugin that walks them asks here, so that none
of them leaves a list out; a receiver with no generators at hand (a static generator's
signal, a plugin's own generator) asks for the lists in the context they share, which holds
the originals only. Plugins and tools import this module by its one name, ``site_facts``
(plugins/ is on the path of both).
"""

import os

from markupsafe import Markup
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

STATUSES = ("published", "hidden", "draft")
# Each generator's lists by status: (the originals, their translations).
LISTS = {
    ArticlesGenerator: {"published": ("articles", "translations"),
                        "hidden": ("hidden_articles", "hidden_translations"),
                        "draft": ("drafts", "drafts_translations")},
    PagesGenerator: {"published": ("pages", "translations"),
                     "hidden": ("hidden_pages", "hidden_translations"),
                     "draft": ("draft_pages", "draft_translations")},
}


def _as_list(generators):
    return generators if isinstance(generators, list | tuple) else [generators]


def content_lists(generators, statuses=STATUSES, translations=True, kinds=tuple(LISTS)):
    """The generators' own list objects holding articles and pages of these statuses (status
    by status, the originals before their translations); `kinds` narrows it to
    ArticlesGenerator or PagesGenerator."""
    found = []
    for generator in _as_list(generators):
        kind = next((kind for kind in kinds if isinstance(generator, kind)), None)
        if kind is None:
            continue
        for status in statuses:
            originals, translated = LISTS[kind][status]
            names = (originals, translated) if translations else (originals,)
            found += [getattr(generator, name) for name in names if hasattr(generator, name)]
    return found


def contents(generators, statuses=STATUSES, translations=True, kinds=tuple(LISTS)):
    """Every article and page of these statuses, translations included unless told not."""
    return [item for items in content_lists(generators, statuses, translations, kinds)
            for item in items]


def articles(generators, statuses=STATUSES, translations=True):
    return contents(generators, statuses, translations, kinds=(ArticlesGenerator,))


def pages(generators, statuses=STATUSES, translations=True):
    return contents(generators, statuses, translations, kinds=(PagesGenerator,))


def in_context(context, statuses=STATUSES, kinds=tuple(LISTS)):
    """Every article and page of these statuses in the generators' shared context: Pelican
    puts the originals there (under their lists' names), never their translations."""
    return [item for kind in kinds for status in statuses
            for item in context.get(LISTS[kind][status][0], [])]


def taxonomies(articles_generator):
    """(kind, term, its articles) for every category, tag and author, kind being "category",
    "tag" or "author": Pelican keeps tags in a dict, categories and authors as pairs."""
    generator = articles_generator
    tags = generator.tags.items() if hasattr(generator.tags, "items") else generator.tags
    for kind, groups in (("category", generator.categories), ("tag", tags),
                         ("author", generator.authors)):
        for term, items in groups:
            yield kind, term, items


def static_files(generators):
    """Every static file the site copies (the content's, not the theme's)."""
    return [item for generator in _as_list(generators)
            if isinstance(generator, StaticGenerator) for item in generator.staticfiles]


def linked_source(content, path):
    """The file in the content folder that a {static} or {filename} link's `path` names, by
    Pelican's rule: from the content folder when it starts with "/", else from the folder of
    `content`'s own file."""
    if path.startswith("/"):
        return path[1:]
    return content.get_relative_source_path(os.path.join(content.relative_dir, path))


def display_title(content):
    """The title as plain text (no typogrify spans, no no-break spaces), for headings,
    screen-reader labels, mail subjects and feeds."""
    return Markup(content.title).striptags().replace("\xa0", " ")
