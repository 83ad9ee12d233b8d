"""Present stage: each thread in page order, with what its markup needs worked out once.

The theme writes the thread as one flat loop instead of a recursive macro: per
response it opens ``<ol class="children">`` when the response has replies, and
otherwise closes its ``<li>`` and ``closes`` enclosing reply lists. Dates are
formatted here as WordPress showed them ("July 21, 2011 at 9:14 am").
"""

DATE_FORMAT = "%B %-d, %Y"
TIME_FORMAT = "%-I:%M %p"


def in_page_order(roots):
    """Every response of a thread, each reply right after its parent; sets ``closes``."""
    order = []
    stack = roots[::-1]
    while stack:
        response = stack.pop()
        order.append(response)
        stack.extend(response.children[::-1])
    for response, following in zip(order, [*order[1:], None], strict=True):
        next_depth = following.depth if following is not None else 1
        response.closes = 0 if response.children else response.depth - next_depth
    return order


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
