"""Each post's older and newer neighbours, worked out once per build.

Like pelican-plugins' neighbors: every published article gets ``older_article``
and ``newer_article`` (the post before and after it by date, or None), so the
post page's "Previous post / Next post" links cost nothing per page. Drafts and
hidden articles get None for both.

The links are set once every generator has saved its content cache: an article
chained to all the others through its neighbours would make the cache's pickle
recurse through the whole archive (RecursionError at 4,000 posts).
"""

import logging

from pelican import signals
from pelican.generators import ArticlesGenerator

import site_facts

logger = logging.getLogger(__name__)


def set_neighbours(generators):
    """Link each published article to its neighbours (generator.articles is newest first)."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            link(generator)


def link(generator):
    articles = generator.articles
    for position, article in enumerate(articles):
        article.newer_article = articles[position - 1] if position > 0 else None
        article.older_article = articles[position + 1] if position + 1 < len(articles) else None
    for article in site_facts.articles(generator, ("hidden", "draft"), translations=False):
        article.newer_article = article.older_article = None
    logger.debug("neighbours: linked %d articles", len(articles))


def register():
    signals.all_generators_finalized.connect(set_neighbours)
