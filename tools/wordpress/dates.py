"""WordPress dates to aware datetimes in the site's timezone."""

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

WORDPRESS_FORMAT = "%Y-%m-%d %H:%M:%S"


def _parse(text):
    # WordPress writes 0000-00-00 00:00:00 for "never set" (drafts, old imports).
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(text.strip(), WORDPRESS_FORMAT)
    except ValueError:
        return None


def wordpress_datetime(gmt_text, local_text, timezone, rfc822_text=""):
    """The moment from the GMT date, else the local date, else the RSS pubDate.

    Returned in `timezone` (a name such as "America/New_York"), or None when
    no usable date is given. The local date is read as the site's wall time,
    which is what WordPress meant by it.
    """
    zone = ZoneInfo(timezone)
    moment = _parse(gmt_text)
    if moment is not None:
        return moment.replace(tzinfo=UTC).astimezone(zone)
    moment = _parse(local_text)
    if moment is not None:
        return moment.replace(tzinfo=zone)
    if rfc822_text:
        try:
            return parsedate_to_datetime(rfc822_text).astimezone(zone)
        except (TypeError, ValueError):
            return None
    return None
