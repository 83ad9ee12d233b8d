"""Several categories per article, as WordPress had.

``Category: ethics, found on the net, JoPM`` puts the article on each of those
categories' pages and in each category feed. ``article.categories`` lists them
in the order written; ``article.category`` stays the first, for Pelican and for
themes that expect one.
"""

import logging

from pelican import signals
from pelican.urlwrappers import Category

import site_facts

logger = logging.getLogger(__name__)

DEFAULTS = {"CATEGORY_SEPARATOR": ","}


def _settings(pelican_settings):
    return {key: pelican_settings.get(key, default) for key, default in DEFAULTS.items()}


def split_categories(generator, metadata):
    """Turn the one Category Pelican read into the list the author wrote."""
    category = metadata.get("category")
    if category is None:
        return
    separator = _settings(generator.settings)["CATEGORY_SEPARATOR"]
    categories = []
    for name in category.name.split(separator):
        found = Category(name.strip(), generator.settings) if name.strip() else None
        # Categories are equal when their slugs are: "Ethics" repeats "ethics".
        if found is not None and found not in categories:
            categories.append(found)
    if not categories:
        return
    metadata["category"] = categories[0]
    metadata["categories"] = categories


def list_under_every_category(generator):
    """Rebuild the category index so each article appears under all of its categories."""
    by_category = {}
    for article in generator.articles:
        for category in getattr(article, "categories", [article.category]):
            by_category.setdefault(category, []).append(article)
    generator.categories = sorted(
        by_category.items(), reverse=generator.settings["REVERSE_CATEGORY_ORDER"]
    )
    generator.context["categories"] = generator.categories
    logger.debug("categories: %d categories indexed", len(generator.categories))


def ensure_categories_attribute(generator):
    """Give every article (drafts too) a `categories` list for the theme.

    An article read before this plugin was enabled can come from the content
    cache without one; its single category is then its whole list.
    """
    for article in site_facts.articles(generator):
        if not getattr(article, "categories", None):
            article.categories = [article.category]


def register():
    signals.article_generator_context.connect(split_categories)
    signals.article_generator_pretaxonomy.connect(ensure_categories_attribute)
    signals.article_generator_finalized.connect(list_under_every_category)
