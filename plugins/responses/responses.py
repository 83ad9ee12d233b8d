"""Responses: the old blog's comments, pingbacks and trackbacks, rendered from static JSON.

Once Pelican has read every article and page, the responses at RESPONSES_PATH go
through the stages in this order, in Pelican's own process:

    store.py (load) → validate.py → sanitise.py → thread.py → attach.py

(comments.schema.json, through contract.py, is the contract). Any bad record stops
the build with every problem listed. Every article and page gets ``responses``
(top-level responses, replies in ``children``), ``responses_in_order`` (the same,
flat, in page order), ``response_count`` and ``title_text``; the context gets
``recent_responses``. feed.py writes per-post Atom feeds; the theme writes the markup, and
its mailto: links with the reply protocol's Jinja globals (reply.py).
"""

import logging
import os
import time

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

import site_facts

from .attach import attach, recent_responses
from .feed import write_response_feeds
from .problems import Problem, ResponsesError
from .reply import JINJA_GLOBALS
from .sanitise import sanitise_all
from .store import load
from .thread import thread
from .validate import validate

logger = logging.getLogger(__name__)

DEFAULTS = {
    # None: <PATH>/comments.json if it exists. A path (file, or folder of *.json
    # files) relative to PATH, or absolute; a path that is set must exist.
    "RESPONSES_PATH": None,
    # WordPress's default; deeper replies continue flat at this depth.
    "RESPONSES_MAX_DEPTH": 5,
    # Shown where WordPress had "Leave a Reply", with an optional link such as
    # "mailto:editor@example.org" or a contact page.
    "RESPONSES_CLOSED_NOTE": "Responses are closed.",
    "RESPONSES_CONTACT_URL": None,
    "RESPONSES_CONTACT_LABEL": "Write to the editors",
    # An address: readers respond by e-mail (a "Respond" section and "Reply" links).
    "RESPONSES_EMAIL": None,
    # How many entries `recent_responses` holds for the home page.
    "RESPONSES_RECENT_COUNT": 5,
    # Per-post Atom feed of responses, e.g. "feeds/responses/{slug}.atom.xml";
    # None writes none (local builds).
    "RESPONSES_FEED_ATOM": None,
    # One Atom feed of the latest responses on the site (WordPress's /comments/feed/), e.g.
    # "feeds/responses.atom.xml"; FEED_MAX_ITEMS entries. None writes none.
    "RESPONSES_FEED_ALL_ATOM": None,
}


def apply_defaults(pelican):
    """Merge the defaults into the settings, where templates see them too, and check them."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    problems = []
    for name in ("RESPONSES_MAX_DEPTH", "RESPONSES_RECENT_COUNT"):
        value = settings[name]
        minimum = 1 if name == "RESPONSES_MAX_DEPTH" else 0
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            problems.append(
                Problem("settings", field=name, message=f"must be a whole number >= {minimum}")
            )
    path = settings["RESPONSES_PATH"]
    if path is not None and not isinstance(path, str | os.PathLike):
        problems.append(Problem("settings", field="RESPONSES_PATH", message="must be a path"))
    if problems:
        raise ResponsesError(problems, subject="the settings")


def read_responses(settings, content_by_slug):
    """Load, validate, sanitise and thread; return ({slug: top-level list}, all responses).

    Raises ResponsesError listing every problem found.
    """
    sources = load(settings["RESPONSES_PATH"], settings["PATH"])
    responses, problems = validate(sources, settings["TIMEZONE"], content_by_slug)
    if problems:
        raise ResponsesError(problems)
    sanitise_all(responses)
    return thread(responses, settings["RESPONSES_MAX_DEPTH"]), responses


def content_by_slug(generators):
    """Every article and page that can show a thread, by slug: published, hidden, drafts,
    translations."""
    by_slug = {}
    for item in site_facts.contents(generators):
        by_slug.setdefault(item.slug, []).append(item)
    return by_slug


def add_responses(generators):
    """Run the stages once every article and page is read; attach the threads."""
    started = time.process_time()
    generators = [each for each in generators
                  if isinstance(each, ArticlesGenerator | PagesGenerator)]
    if not generators:
        return
    settings = generators[0].settings
    by_slug = content_by_slug(generators)
    threads, responses = read_responses(settings, by_slug)
    attach(threads, by_slug)
    published = {item.slug: item for item in
                 site_facts.contents(generators, ("published",), translations=False)}
    generators[0].context["recent_responses"] = recent_responses(
        responses, published, settings["RESPONSES_RECENT_COUNT"])
    if settings.get("RESPONSES_FEED_ALL_ATOM"):
        generators[0].context["responses_for_feed"] = recent_responses(
            responses, published, settings.get("FEED_MAX_ITEMS") or len(responses))
    logger.debug("responses: %d responses on %d articles and pages in %.3f s of CPU",
                 len(responses), len(threads), time.process_time() - started)


def add_reply_protocol(generator):
    """The mailto: links' writers (reply.py), for the theme's Respond and Reply links."""
    generator.env.globals.update(JINJA_GLOBALS)


def register():
    signals.initialized.connect(apply_defaults)
    signals.generator_init.connect(add_reply_protocol)
    signals.all_generators_finalized.connect(add_responses)
    signals.article_writer_finalized.connect(write_response_feeds)
