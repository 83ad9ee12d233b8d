"""Attach stage: each article and page gets its thread, the home page the recent responses.

Done afresh every build, after Pelican's content cache is saved, so cached content
never carries an old thread. What the markup needs is worked out here once: dates as
WordPress showed them ("July 21, 2011 at 9:14 am") and each title as plain text.
"""

from .sanitise import plain_text
from .thread import in_page_order

DATE_FORMAT = "%B %-d, %Y"
TIME_FORMAT = "%-I:%M %p"


def format_date(response):
    """Set ``date_text`` for people and ``date_iso`` for <time datetime>."""
    date = response.date
    if response.has_time:
        response.date_iso = date.isoformat()
        time = date.strftime(TIME_FORMAT).lower()
        response.date_text = f"{date.strftime(DATE_FORMAT)} at {time}"
    else:
        response.date_iso = date.date().isoformat()
        response.date_text = date.strftime(DATE_FORMAT)


def attach(threads, content_by_slug):
    """Give every article and page (drafts, hidden ones and translations too) its thread."""
    for slug, items in content_by_slug.items():
        roots = threads.get(slug, [])
        ordered = in_page_order(roots) if roots else []
        for response in ordered:
            format_date(response)
        for item in items:
            item.responses = roots
            item.responses_in_order = ordered
            item.response_count = len(ordered)
            # Once per article, not once per listing it appears in.
            item.title_text = plain_text(item.title)


def recent_responses(responses, published, count):
    """The `count` latest responses on published articles and pages, each with its
    ``article`` (the article or page it is on)."""
    recent = sorted((response for response in responses if response.post in published),
                    key=lambda response: response.date, reverse=True)[:count]
    for response in recent:
        response.article = published[response.post]
    return recent
