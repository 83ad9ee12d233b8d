"""Work each article's and page's URL and output path out once per build.

Pelican formats ``ARTICLE_URL`` and ``ARTICLE_SAVE_AS`` (dates included)
afresh on every read of ``url`` and ``save_as``, and a site reads them many
times: listings, neighbours, JSON-LD, the sitemap, the menu's page links on
every page, the writer and the redirects plugin. Pelican's own
``override_url`` and ``override_save_as`` hold the results instead. They are
set after the content cache is saved, so the cache never holds a frozen URL.
"""

import logging

from pelican import signals

import site_facts

logger = logging.getLogger(__name__)

FROZEN = ("url", "save_as")


def freeze_urls(generator):
    """Freeze each item's URL and path, unless its author set one (URL:/Save_as: metadata)."""
    frozen = 0
    for content in site_facts.contents(generator):
        for attribute in FROZEN:
            if not hasattr(content, "override_" + attribute):
                setattr(content, "override_" + attribute, getattr(content, attribute))
                frozen += 1
    logger.debug("url_cache: %d URLs and output paths worked out once", frozen)


def register():
    signals.article_generator_finalized.connect(freeze_urls)
    signals.page_generator_finalized.connect(freeze_urls)
