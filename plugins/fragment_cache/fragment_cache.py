"""Render a template fragment once per build for each object it shows, then reuse it.

A post appears in many listings (the home page, each of its categories, tags and
authors), and its card there is the same markup every time for the same SITEURL,
which in local builds is the page's relative path to the site root. The theme
wraps such markup in a call block::

    {% call cached_fragment(article, SITEURL) %}…{% endcall %}

The body is rendered the first time an (object, key) pair is met and reused
after that, so it must depend on nothing but the object and the key. The store
belongs to one generator's Jinja environment, which Pelican makes afresh for
every build, so nothing outlives the build that rendered it.

The theme requires ``cached_fragment``. ``FRAGMENT_CACHE_REUSE = False`` keeps it
but renders every call afresh: the way to check that a fragment really depends
on nothing but its object and key (the same site must come out).
"""

import logging

from pelican import signals

logger = logging.getLogger(__name__)

DEFAULTS = {"FRAGMENT_CACHE_REUSE": True}


class FragmentCache:
    """The ``cached_fragment`` template global of one generator."""

    def __init__(self, reuse=True):
        self._rendered = {}
        self.hits = 0
        self.reuse = reuse

    def __call__(self, owner, *key, caller):
        if not self.reuse:
            return caller()
        slot = (id(owner), *key)
        found = self._rendered.get(slot)
        if found is None:
            # The owner is kept alongside, so its id cannot be reused by another object.
            found = self._rendered[slot] = (owner, caller())
        else:
            self.hits += 1
        return found[1]

    def __len__(self):
        return len(self._rendered)


def add_fragment_cache(generator):
    reuse = generator.settings.get("FRAGMENT_CACHE_REUSE", DEFAULTS["FRAGMENT_CACHE_REUSE"])
    generator.env.globals["cached_fragment"] = FragmentCache(reuse=reuse)


def report(generator, writer):
    cache = generator.env.globals.get("cached_fragment")
    if isinstance(cache, FragmentCache):
        logger.debug(
            "fragment_cache: %d fragments rendered, %d reused",
            len(cache), cache.hits,
        )


def register():
    signals.generator_init.connect(add_fragment_cache)
    signals.article_writer_finalized.connect(report)
