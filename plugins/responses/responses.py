"""Responses: the old blog's comments, pingbacks and trackbacks, rendered from static JSON.

Reads RESPONSES_PATH (comments.schema.json is the contract), stops the build on
any bad record, and gives every article ``responses`` (top-level responses,
replies nested in ``children``), ``responses_in_order`` (the same responses
flat, in page order, see present.py) and ``response_count``; the context gets
``recent_responses``. The theme's partials write the markup.

The reading itself (prepare.py) needs no article, so it runs in a worker
process while Pelican reads the posts, on the machine's second core; with
Pelican's content cache on, its result is kept for the next build
(prepared_cache.py).
"""

import logging
import multiprocessing
import os
import site
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pelican import signals

from . import prepared_cache
from .feed import write_response_feeds
from .load import line_finder, resolve_path, unparsed_sources
from .prepare import pack, prepare, prepare_packed, unpack
from .present import in_page_order
from .problems import Problem, ResponsesError
from .sanitise import plain_text
from .thread import check_posts, thread

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
    # Read the responses in a second process while Pelican reads the posts;
    # False reads them in Pelican's own process (for a debugger, say).
    "RESPONSES_WORKER": True,
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


def _articles_by_slug(generator):
    """Every article object that can show a thread: published, hidden, drafts, translations."""
    by_slug = {}
    for article in [
        *generator.articles,
        *generator.translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
        *generator.drafts,
        *generator.drafts_translations,
    ]:
        by_slug.setdefault(article.slug, []).append(article)
    return by_slug


def _prepare_arguments(settings):
    return settings["RESPONSES_PATH"], settings["PATH"], settings["TIMEZONE"]


def _finish(prepared, settings, article_slugs):
    """Log the worker's messages, check every response's post, raise on any problem; then
    thread. Return ({slug: top-level list}, {slug: page order}, all responses)."""
    for level, message, *arguments in prepared.messages:
        logger.log(level, message, *arguments)
    path = resolve_path(settings["RESPONSES_PATH"], settings["PATH"])
    problems = [
        *prepared.problems,
        *check_posts(prepared.responses, article_slugs,
                     line_finder(prepared.responses, lambda: unparsed_sources(path))),
    ]
    if problems:
        raise ResponsesError(problems)
    threads = thread(prepared.responses, settings["RESPONSES_MAX_DEPTH"])
    in_order = {slug: in_page_order(roots) for slug, roots in threads.items()}
    return threads, in_order, prepared.responses


def read_responses(settings, article_slugs):
    """Load, validate, sanitise and thread here and now; return ({slug: top-level list},
    all responses). Raises ResponsesError listing every problem found."""
    threads, _, responses = _finish(prepare(*_prepare_arguments(settings)), settings,
                                    article_slugs)
    return threads, responses


def _start_method():
    """How to start the worker, a child of this process either way.

    fork re-imports nothing and shares this process's memory until either side writes to
    it, but is unsafe once other threads run, as under `invoke livereload`; there, and off
    Linux, spawn starts a fresh interpreter. Pelican imports plugins from PLUGIN_PATHS
    without putting them on sys.path, so a spawned worker is given this plugin's folder.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


def start_preparing(generator):
    """Start reading the responses beside Pelican's reading of the posts (or from the cache)."""
    settings = generator.settings
    arguments = _prepare_arguments(settings)
    caching = settings["CACHE_CONTENT"] or settings["LOAD_CONTENT_CACHE"]
    key = prepared_cache.cache_key(*arguments) if caching else None
    cached = prepared_cache.load(settings, key)
    if cached is not None:
        generator.responses_job = (lambda: (unpack(cached), None), None)
        return
    if settings["RESPONSES_WORKER"]:
        try:
            executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context(_start_method()),
                initializer=site.addsitedir, initargs=(str(Path(__file__).parents[1]),))
            job = executor.submit(prepare_packed, *arguments)
            executor.shutdown(wait=False)  # frees the worker once the job is done

            def collect():
                packed = job.result()
                return unpack(packed), packed

            generator.responses_job = (collect, key)
            return
        except (OSError, NotImplementedError) as error:
            logger.warning("responses: no worker process (%s); reading them in this one", error)
    prepared = prepare(*arguments)
    generator.responses_job = (lambda: (prepared, None), key)


def attach_responses(generator):
    """Give every article its thread, afresh each build: cached articles carry nothing over."""
    started = time.perf_counter()
    settings = generator.settings
    by_slug = _articles_by_slug(generator)
    collect, cache_key = generator.responses_job
    del generator.responses_job
    try:
        prepared, packed = collect()
    except BrokenProcessPool as error:
        # Typically a script that runs Pelican itself without `if __name__ == "__main__":`,
        # which a worker process re-imports (Python's rule for starting processes).
        logger.warning("responses: the worker process failed (%s); reading them in this one",
                       error)
        prepared, packed = prepare(*_prepare_arguments(settings)), None
    waited = time.perf_counter() - started
    keep = cache_key is not None and settings["CACHE_CONTENT"] and not prepared.problems
    if keep and packed is None:
        packed = pack(prepared)  # now: threading links the responses to each other
    threads, in_order, responses = _finish(prepared, settings, by_slug.keys())
    if keep:
        prepared_cache.save(settings, cache_key, packed)
    for slug, articles in by_slug.items():
        for article in articles:
            article.responses = threads.get(slug, [])
            article.responses_in_order = in_order.get(slug, [])
            article.response_count = len(article.responses_in_order)
            # Once per article, not once per listing it appears in.
            article.title_text = plain_text(article.title)
    published = {article.slug: article for article in generator.articles}
    recent = sorted(
        (response for response in responses if response.post in published),
        key=lambda response: response.date,
        reverse=True,
    )[: settings["RESPONSES_RECENT_COUNT"]]
    for response in recent:
        response.article = published[response.post]
    generator.context["recent_responses"] = recent
    logger.debug(
        "responses: %d responses on %d posts; waited %.3f s for them, attached in %.3f s",
        len(responses),
        len(threads),
        waited,
        time.perf_counter() - started - waited,
    )


def register():
    signals.initialized.connect(apply_defaults)
    signals.article_generator_init.connect(start_preparing)
    signals.article_generator_finalized.connect(attach_responses)
    signals.article_writer_finalized.connect(write_response_feeds)
