"""Render stage: Atom feeds of responses, one per post and one for the whole site.

Written only when RESPONSES_FEED_ATOM names a path pattern (per post, only for posts that
have responses) and RESPONSES_FEED_ALL_ATOM a path (the latest FEED_MAX_ITEMS responses on
published posts and pages, as WordPress's /comments/feed/ had; only when there is one);
publishconf.py sets both, local builds write no feeds. A response's entry id is
``<post's Guid:>#comment-<id>`` when the post has a ``Guid:`` its own entry takes as its id
(plugins/wordpress_feeds; WordPress's own comment-feed ids, so readers see nothing new), else
a tag URI.
"""

import logging
from pathlib import Path

from feedgenerator import Atom1Feed, get_tag_uri
from markupsafe import escape
from wordpress_feeds.wordpress_feeds import entry_id

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
        _add_entry(feed, response, article, site_url)
    return feed


def _add_entry(feed, response, article, site_url):
    link = f"{site_url}/{article.url}#comment-{response.id}"
    author = response.author or "Anonymous"
    guid = entry_id(article)
    feed.add_item(
        title=f"{author} on “{article.title_text}”",
        link=link,
        description=_entry_text(response),
        author_name=author,
        author_link=response.url,
        pubdate=response.date,
        updateddate=response.date,
        unique_id=f"{guid}#comment-{response.id}" if guid else get_tag_uri(link, response.date),
    )


def site_feed(responses, settings):
    """The Atom feed of the latest responses on the whole site (newest first)."""
    site_url = settings["SITEURL"]
    feed = Atom1Feed(
        title=f"{settings.get('SITENAME', '')}: responses",
        link=f"{site_url}/",
        description="",
        language=settings.get("DEFAULT_LANG"),
        feed_url=f"{site_url}/{settings['RESPONSES_FEED_ALL_ATOM']}",
    )
    for response in responses:
        _add_entry(feed, response, response.article, site_url)
    return feed


def feed_path(article, settings):
    return settings["RESPONSES_FEED_ATOM"].format(slug=article.slug)


def _write(feed, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        feed.write(stream, "utf-8")


def write_response_feeds(generator, writer=None):
    """Write each published post's responses feed, and the site's, into the output folder."""
    settings = generator.settings
    # A feed with no entry would be dated now, a new file every build: none is written.
    if settings.get("RESPONSES_FEED_ALL_ATOM") and generator.context.get("responses_for_feed"):
        _write(site_feed(generator.context["responses_for_feed"], settings),
               Path(settings["OUTPUT_PATH"]) / settings["RESPONSES_FEED_ALL_ATOM"])
    if not settings.get("RESPONSES_FEED_ATOM"):
        return
    written = 0
    for article in generator.articles:
        if not getattr(article, "response_count", 0):
            continue
        _write(article_feed(article, settings),
               Path(settings["OUTPUT_PATH"]) / feed_path(article, settings))
        written += 1
    logger.info("responses: wrote %d responses feeds", written)
