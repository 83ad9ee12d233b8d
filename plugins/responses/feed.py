"""Render stage, beyond WordPress: one Atom feed of responses per post.

Written only when RESPONSES_FEED_ATOM names a path pattern (publishconf.py sets
it; local builds write no feeds), and only for posts that have responses.
"""

import logging
from pathlib import Path

from feedgenerator import Atom1Feed, get_tag_uri
from markupsafe import escape

logger = logging.getLogger(__name__)


def _oldest_first(responses):
    """Every response of a thread, replies included, in date order; no recursion. Placeholders
    for removed responses are left out."""
    pending, flat = list(responses), []
    while pending:
        response = pending.pop()
        if response.type != "removed":
            flat.append(response)
        pending.extend(response.children)
    return sorted(flat, key=lambda response: response.date)


def _entry_text(response):
    """A comment's sanitised text; a pingback's one line, escaped like the page shows it."""
    if response.type == "comment":
        return str(response.content)
    return f"<p>{escape(response.type.capitalize())}: {escape(response.author)}</p>"


def article_feed(article, settings):
    """The Atom feed of `article`'s responses, as a feedgenerator object."""
    site_url = settings["SITEURL"]
    article_url = f"{site_url}/{article.url}"
    title = article.title_text
    feed = Atom1Feed(
        title=f"Responses to “{title}”",
        link=article_url,
        description="",
        language=settings.get("DEFAULT_LANG"),
        feed_url=f"{site_url}/{feed_path(article, settings)}",
        feed_guid=get_tag_uri(article_url + "#responses", article.date),
    )
    for response in _oldest_first(article.responses):
        link = f"{article_url}#comment-{response.id}"
        author = response.author or "Anonymous"
        feed.add_item(
            title=f"{author} on “{title}”",
            link=link,
            description=_entry_text(response),
            author_name=author,
            author_link=response.url,
            pubdate=response.date,
            updateddate=response.date,
            unique_id=get_tag_uri(link, response.date),
        )
    return feed


def feed_path(article, settings):
    return settings["RESPONSES_FEED_ATOM"].format(slug=article.slug)


def write_response_feeds(generator, writer=None):
    """Write each published post's responses feed into the output folder."""
    settings = generator.settings
    if not settings.get("RESPONSES_FEED_ATOM"):
        return
    written = 0
    for article in generator.articles:
        if not getattr(article, "response_count", 0):
            continue
        path = Path(settings["OUTPUT_PATH"]) / feed_path(article, settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as stream:
            article_feed(article, settings).write(stream, "utf-8")
        written += 1
    logger.info("responses: wrote %d responses feeds", written)
