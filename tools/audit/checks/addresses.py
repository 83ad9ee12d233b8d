"""Old addresses: every published item's old permalink answers and leads to the item.

One exception is a note, not a failure: the old address answers with a page of the site's
own, the page of no item of the export (the shipped About page at /about/, which the import
keeps, while the old site's About page moved to /about-2/), and the item has its page.
"""

from urllib.parse import urlsplit

from ..report import CheckResult
from .posts import describe


def check_addresses(export, site, found):
    result = CheckResult("old addresses")
    checked = direct = redirected = 0
    items_pages = {where.page for where in found.values() if where.page}
    for item in export.published:
        parts = urlsplit(item.link)
        if not item.link or (parts.path.strip("/") == "" and not parts.query):
            continue
        if parts.query:
            result.notes.append(f"{describe(item)}: a query address cannot be answered by a "
                                "static site")
            continue
        checked += 1
        final, passed = site.follow(parts.path)
        home = found[item.number].page
        if final is None:
            via = f" (redirected from {site.url_of(passed[-1])})" if passed else ""
            result.fail("an old address answers nothing",
                        f"{describe(item)}: {parts.path} answers nothing{via}")
        elif final in site.redirects:
            result.fail("an old address redirects in a loop",
                        f"{describe(item)}: {parts.path} redirects in a loop or more than 5 times")
        elif home is not None and final != home and final not in items_pages:
            shown = " ".join(site.titles.get(final, ())) or "no title"
            result.notes.append(f"{describe(item)}: {parts.path} is the address of a page of "
                                f"the site's own (“{shown}”), not from the export; the item is "
                                f"at {site.url_of(home)}")
        elif home is None or final != home:
            should = f", not to the item's page {site.url_of(home)}" if home else ""
            result.fail("an old address leads to another page",
                        f"{describe(item)}: {parts.path} leads to {site.url_of(final)}{should}")
        elif passed:
            redirected += 1
        else:
            direct += 1
    result.summary = (f"{checked} old addresses checked ({direct} answer directly, "
                      f"{redirected} by redirect)")
    return result
