"""Tables that scroll sideways on a phone instead of squeezing their words apart.

Every ``<table>`` in a post or page body is wrapped in
``<div class="table-scroll" role="region" tabindex="0" aria-label="…">``: a
labelled region a keyboard user can focus and scroll (WCAG 2.1.1), which the
theme's stylesheet lets scroll when the table is wider than the column. The
label is the table's caption, or else its column headings.
"""

import html
import logging
import re

from pelican import signals

from pelican_adapter import body, set_body

logger = logging.getLogger(__name__)

TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)
HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def plain(fragment):
    return " ".join(html.unescape(TAG.sub("", fragment)).split())


def label_for(table):
    caption = CAPTION.search(table)
    if caption and plain(caption.group(1)):
        return plain(caption.group(1))
    headings = [plain(heading) for heading in HEADING.findall(table)]
    headings = [heading for heading in headings if heading]
    return "Table: " + ", ".join(headings) if headings else "Table"


def wrap(match):
    table = match.group(0)
    if table.lower().count("<table") > 1:
        return table
    label = html.escape(label_for(table), quote=True)
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">'
            f"{table}</div>")


def wrap_tables(content):
    """Wrap the tables of one article or page (nested tables are left as they are)."""
    html = body(content)
    if not html or not TABLE_START.search(html) or 'class="table-scroll"' in html:
        return
    set_body(content, TABLE.sub(wrap, html))


def register():
    signals.content_object_init.connect(wrap_tables)
