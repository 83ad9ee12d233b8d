"""The site's dates and its clock, in one place for the build, `invoke check` and `new-post`.

A date is written one way only: ``YYYY-MM-DD`` with an optional ``HH:MM``, read in the site's
``TIMEZONE``; anything else (``01/12/2026`` is January 12 to some and December 1 to others) is
refused. "Now" is the present moment in ``TIMEZONE``, or the moment ``SITE_NOW`` names, in the
same form: ``SITE_NOW="2026-12-25 00:00" invoke check`` shows the site as it will be then, and
tests fix the clock without touching the machine's.
"""

import datetime
import os
import re
from zoneinfo import ZoneInfo

NOW_VARIABLE = "SITE_NOW"
DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?")
DATE_ADVICE = "write it as YYYY-MM-DD HH:MM, e.g. 2026-12-01 09:30"


class DateError(ValueError):
    """A date not in the site's one form, or no real date; the message says what to write."""


def parse_date(text, what="Date"):
    """`text` ("2026-12-01 09:30" or "2026-12-01") as a naive datetime; DateError otherwise."""
    text = str(text).strip()
    if not DATE_FORM.fullmatch(text):
        raise DateError(f"{what} '{text}' is not a date this site reads (only YYYY-MM-DD or "
                        f"YYYY-MM-DD HH:MM); {DATE_ADVICE}")
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M" if " " in text else "%Y-%m-%d")
    except ValueError:
        raise DateError(f"{what} '{text}' is not a real date; {DATE_ADVICE}") from None


def site_now(timezone_name, environ=None):
    """Now in the site's time zone (an aware datetime), or the moment SITE_NOW names."""
    zone = ZoneInfo(timezone_name)
    given = (os.environ if environ is None else environ).get(NOW_VARIABLE, "").strip()
    if not given:
        return datetime.datetime.now(zone)
    return parse_date(given, NOW_VARIABLE).replace(tzinfo=zone)
