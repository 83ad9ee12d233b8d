"""Mark posts dated in the future, so the local build can show them as scheduled.

The publish build keeps them out (``WITH_FUTURE_DATES = False``) until the daily run on or
after their date; the local build shows them with ``article.scheduled`` set, which the theme's
``partials/article_meta.html`` turns into a "Scheduled" mark.
"""

import datetime

from pelican import signals


def mark_scheduled(content):
    date = getattr(content, "date", None)
    if date is None:
        return
    now = datetime.datetime.now(date.tzinfo) if date.tzinfo else datetime.datetime.now()
    content.scheduled = date > now


def register():
    signals.content_object_init.connect(mark_scheduled)
