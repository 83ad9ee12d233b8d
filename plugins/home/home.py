"""What the home page shows first: pinned posts and the main topics.

``Pinned: yes`` in a post's metadata puts it at the head of the home page. Every
article gets ``pinned`` (True or False); any value but yes/no (or true/false)
stops the build with a message naming the file. The context gets
``pinned_articles`` (newest first) and ``main_topics``: the HOME_TOPICS
categories with the most posts, as (category, articles) pairs.
"""

import logging

from pelican import signals
from pelican.generators import ArticlesGenerator

import site_facts

logger = logging.getLogger(__name__)

DEFAULTS = {
    # How many categories the home page offers as its main topics; 0 for none.
    "HOME_TOPICS": 6,
    # A sentence or two under the header of the home page; None for none.
    "HOME_INTRO": None,
}
PINNED_VALUES = {"yes": True, "true": True, "no": False, "false": False}


class PinnedError(ValueError):
    """A Pinned: value that is neither yes nor no."""


def apply_defaults(pelican):
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)


def read_pinned(article):
    value = getattr(article, "pinned", False)
    if isinstance(value, bool):
        return value
    pinned = PINNED_VALUES.get(str(value).strip().lower())
    if pinned is None:
        raise PinnedError(
            f"home: {article.source_path}: field 'Pinned' must be yes or no, not {value!r}"
        )
    return pinned


def read_pins(generator):
    """Set every article's `pinned`; give the context the pinned posts, newest first."""
    for article in site_facts.articles(generator, translations=False):
        article.pinned = read_pinned(article)
    generator.context["pinned_articles"] = [article for article in generator.articles
                                            if article.pinned]


def count_topics(generators):
    """Give the context the main topics, at all_generators_finalized: it follows every
    generator's own finalized signal, so the categories plugin has listed each post under
    all of its categories by then, wherever the two stand in PLUGINS."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            by_size = sorted(generator.categories,
                             key=lambda pair: (-len(pair[1]), pair[0].name.lower()))
            generator.context["main_topics"] = by_size[: generator.settings["HOME_TOPICS"]]
            logger.debug("home: %d pinned posts, %d main topics",
                         len(generator.context["pinned_articles"]),
                         len(generator.context["main_topics"]))


def register():
    signals.initialized.connect(apply_defaults)
    signals.article_generator_finalized.connect(read_pins)
    signals.all_generators_finalized.connect(count_topics)
