"""Work each article's URL out once per build.

Pelican formats ``ARTICLE_URL`` (dates included) afresh on every read of
``article.url``, and a site's templates read it dozens of times per article:
listings, neighbours, JSON-LD, the sitemap. Pelican's own ``override_url``
holds the result instead. It is set after the content cache is saved, so the
cache never holds a frozen URL.
"""

import logging

from pelican import signals

logger = logging.getLogger(__name__)

CONTENT_LISTS = (
    "articles", "translations", "hidden_articles", "hidden_translations",
    "drafts", "drafts_translations",
)


def fix_article_urls(generator):
    """Freeze each article's URL, unless its author already set one (URL: metadata)."""
    fixed = 0
    for name in CONTENT_LISTS:
        for article in getattr(generator, name, []):
            if not hasattr(article, "override_url"):
                article.override_url = article.url
                fixed += 1
    logger.debug("url_cache: %d article URLs worked out once", fixed)


def register():
    signals.article_generator_finalized.connect(fix_article_urls)
