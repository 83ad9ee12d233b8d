"""Responses: the old blog's comments, pingbacks and trackbacks, rendered from static JSON.

Reads RESPONSES_PATH (comments.schema.json is the contract), stops the build on
any bad record, and gives every article ``responses`` (top-level responses,
replies nested in ``children``) and ``response_count``; the context gets
``recent_responses``. The theme's partials write the markup.
"""

import logging
import os
import time

from pelican import signals

from .feed import write_response_feeds
from .load import display_name, load_sources, resolve_path
from .problems import Problem, ResponsesError
from .sanitise import plain_text, safe_url, sanitise
from .thread import check_references, thread
from .validate import Validator

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
    # How many entries `recent_responses` holds for the home page.
    "RESPONSES_RECENT_COUNT": 5,
    # Per-post Atom feed of responses, e.g. "feeds/responses/{slug}.atom.xml";
    # None writes none (local builds).
    "RESPONSES_FEED_ATOM": None,
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


def read_responses(settings, article_slugs):
    """Load, validate, sanitise and thread; return ({slug: top-level list}, all responses).

    Raises ResponsesError listing every problem found.
    """
    path = resolve_path(settings["RESPONSES_PATH"], settings["PATH"])
    if not path.exists():
        if settings["RESPONSES_PATH"] is None:
            logger.debug("responses: no %s, so no responses", display_name(path))
            return {}, []
        raise ResponsesError(
            [Problem(display_name(path), field="RESPONSES_PATH", message="does not exist")]
        )
    sources = load_sources(path)
    if not sources:
        logger.warning("responses: %s holds no *.json files", display_name(path))
    validator = Validator(settings["TIMEZONE"])
    problems, responses, unusable_ids = [], [], set()
    for source in sources:
        problems.extend(source.problems)
        if source.problems:
            continue
        found, found_problems, found_unusable = validator.validate(source)
        responses.extend(found)
        problems.extend(found_problems)
        unusable_ids |= found_unusable
    problems.extend(
        check_references(responses, article_slugs, unusable_ids, _line_finder(sources, responses))
    )
    if problems:
        raise ResponsesError(problems)
    dropped_urls = 0
    for response in responses:
        response.content = sanitise(response.content)
        url = safe_url(response.url)
        dropped_urls += response.url not in (None, "") and url is None
        response.url = url
    if dropped_urls:
        logger.info("responses: %d URLs were not http(s) and are shown unlinked", dropped_urls)
    return thread(responses, settings["RESPONSES_MAX_DEPTH"]), responses


def _line_finder(sources, responses):
    """line_of(response) for messages; the index it needs is built on first use only."""
    by_name = {source.name: source for source in sources}
    occurrences = {}

    def line_of(response):
        if not occurrences:
            seen = {}
            for each in responses:
                key = (each.source, each.id)
                occurrences[id(each)] = seen[key] = seen.get(key, -1) + 1
        return by_name[response.source].line_of(response.id, occurrences[id(response)])

    return line_of


def attach_responses(generator):
    """Give every article its thread, afresh each build: cached articles carry nothing over."""
    started = time.perf_counter()
    settings = generator.settings
    by_slug = _articles_by_slug(generator)
    threads, responses = read_responses(settings, by_slug.keys())
    counts = {}
    for response in responses:
        counts[response.post] = counts.get(response.post, 0) + 1
    for slug, articles in by_slug.items():
        for article in articles:
            article.responses = threads.get(slug, [])
            article.response_count = counts.get(slug, 0)
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
        "responses: %d responses on %d posts in %.3f s",
        len(responses),
        len(threads),
        time.perf_counter() - started,
    )


def register():
    signals.initialized.connect(apply_defaults)
    signals.article_generator_finalized.connect(attach_responses)
    signals.article_writer_finalized.connect(write_response_feeds)
