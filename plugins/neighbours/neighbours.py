"""Each post's older and newer neighbours, worked out once per build.

Like pelican-plugins' neighbors: every published article gets ``older_article``
and ``newer_article`` (the post before and after it by date, or None), so the
post page's "Previous post / Next post" links cost nothing per page. Drafts and
hidden articles get None for both.
"""

import logging

from pelican import signals

logger = logging.getLogger(__name__)


def set_neighbours(generator):
    """Link each published article to its neighbours (generator.articles is newest first)."""
    articles = generator.articles
    for position, article in enumerate(articles):
        article.newer_article = articles[position - 1] if position > 0 else None
        article.older_article = articles[position + 1] if position + 1 < len(articles) else None
    for article in [*generator.drafts, *generator.hidden_articles]:
        article.newer_article = article.older_article = None
    logger.debug("neighbours: linked %d articles", len(articles))


def register():
    signals.article_generator_finalized.connect(set_neighbours)
