"""Attach stage: each article and page gets its thread, the home page the recent responses.

Done afresh every build, after Pelican's content cache is saved, so cached content
never carries an old thread. What the markup needs is worked out here once: dates as
WordPress showed them ("July 21, 2011 at 9:14 am") and each title as plain text.
"""

import heapq

from site_facts import display_title

from .thread import by_date, in_page_order

# WordPress's English "F j, Y \a\t g:i a", whatever the build's locale; spelled out
# rather than strftime'd twice per response, which was a third of this stage.
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def format_date(response):
    """Set ``date_text`` for people ("July 21, 2011 at 9:14 am") and ``date_iso`` for
    <time datetime>."""
    date = response.date
    day = f"{MONTHS[date.month - 1]} {date.day}, {date.year}"
    if response.has_time:
        response.date_iso = date.isoformat()
        hour = date.hour % 12 or 12
        response.date_text = f"{day} at {hour}:{date.minute:02d} {'am' if date.hour < 12 else 'pm'}"
    else:
        response.date_iso = date.date().isoformat()
        response.date_text = day


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
            # A placeholder for a removed response holds its replies but is not one.
            item.response_count = sum(response.type != "removed" for response in ordered)
            # Once per article, not once per listing it appears in.
            item.title_text = display_title(item)


def recent_responses(responses, published, count):
    """The `count` latest responses on published articles and pages, each with its
    ``article`` (the article or page it is on)."""
    recent = heapq.nlargest(count, (response for response in responses
                                    if response.post in published
                                    and response.type != "removed"), key=by_date)
    for response in recent:
        response.article = published[response.post]
    return recent
