"""Posts dated in the future: held back from the published site until their date, marked
"Scheduled" in local builds.

Every published post whose date is later than the site's "now" (``clock.site_now``: the time in
``TIMEZONE``, or ``SITE_NOW``) gets ``article.scheduled``, which the theme's
``partials/article_meta.html`` turns into a "Scheduled" mark. With ``SCHEDULED_HOLD_BACK``
(publishconf.py) such a post is kept out of the site, as a draft is, until the first build
after its date: the workflow's daily run. This plugin holds posts back rather than Pelican
(``WITH_FUTURE_DATES = False``) so that the build, `invoke check` and `invoke new-post` read
one clock.
"""

from pelican import signals
from pelican.contents import Article

from .clock import site_now

DEFAULTS = {"SCHEDULED_HOLD_BACK": False}


def mark_scheduled(content):
    date = getattr(content, "date", None)
    if not isinstance(content, Article) or date is None or content.status != "published":
        content.scheduled = False
        return
    settings = {**DEFAULTS, **content.settings}
    content.scheduled = date > site_now(settings["TIMEZONE"])
    if content.scheduled and settings["SCHEDULED_HOLD_BACK"]:
        # Pelican's own hold-back: written nowhere, as a draft is in the publish build.
        content.status = "draft"


def register():
    signals.content_object_init.connect(mark_scheduled)
