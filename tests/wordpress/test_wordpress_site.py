"""An import built with the project's own publish settings: old links answer, responses show."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from wordpress_helpers import EXPORT_12

from sitebuild import PUBLISH_SITEURL as SITEURL
from sitebuild import html_paths, parse, publish_build
from tools.wordpress import import_wordpress

# Every published post and page of the fixture, by old link, with its title.
OLD_LINKS = {
    "https://e-patients.example/archives/2011/07/ethics-and-the-net.html": (
        "Ethics & the \u201cNet\u201d: a sticky wicket"
    ),
    "https://e-patients.example/2011/07/new-style/": "New-style link, with an excerpt",
    "https://e-patients.example/archives/2011/09/caf%c3%a9-talk.html": "Caf\u00e9 talk",
    "https://e-patients.example/archives/2013/01/ethics-and-the-net.html": "Ethics again",
    "https://e-patients.example/about/": "About SPM",
    "https://e-patients.example/about/board/": "Board",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("wordpress-site")
    import_wordpress(EXPORT_12, root / "content")
    return publish_build(root / "content", root / "output").root


def page_at(output, path):
    relative = unquote(path).strip("/")
    file = output / relative
    if path.endswith("/") or not relative:
        file = file / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html5lib")


def follow(output, url):
    """The page a visitor lands on from `url`, following at most one redirect page."""
    soup = page_at(output, urlsplit(url).path)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is None:
        return url, soup
    target = refresh["content"].split("url=", 1)[1]
    assert target.startswith(SITEURL)
    assert soup.find("link", rel="canonical")["href"] == target
    return target, page_at(output, urlsplit(target).path)


@pytest.mark.parametrize(("old_link", "title"), OLD_LINKS.items())
def test_every_old_link_still_answers(site, old_link, title):
    _url, soup = follow(site, old_link)
    assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert soup.find("h1").get_text(" ", strip=True).replace("\u00a0", " ") == title


def test_moved_post_lands_on_its_new_url_with_its_responses(site):
    url, soup = follow(site, "https://e-patients.example/archives/2011/07/ethics-and-the-net.html")
    assert url == f"{SITEURL}/2011/07/ethics-and-the-net/"
    anchors = sorted(tag["id"] for tag in soup.select('[id^="comment-"]'))
    assert anchors == [f"comment-{n}" for n in (1042, 1043, 1045, 1047, 1048, 1049, 1050)]


def published_items_and_their_responses(export):
    """[(post_name, ids of approved responses)] for every published post and page, read
    straight from the export."""
    import xml.etree.ElementTree as ET

    wp = "{http://wordpress.org/export/1.2/}"
    found = []
    for item in ET.parse(export).getroot().iter("item"):
        if (item.findtext(f"{wp}post_type") not in ("post", "page")
                or item.findtext(f"{wp}status") != "publish"
                or item.findtext(f"{wp}post_password")):
            continue
        found.append((unquote(item.findtext(f"{wp}post_name")), {
            comment.findtext(f"{wp}comment_id") for comment in item.iter(f"{wp}comment")
            if comment.findtext(f"{wp}comment_approved") == "1"
            and comment.findtext(f"{wp}comment_type") in ("", "comment", "pingback", "trackback")
        }))
    return found


def test_every_approved_response_of_every_published_post_and_page_is_on_its_page(site):
    expected = published_items_and_their_responses(EXPORT_12)
    assert ("about", {"1080"}) in expected  # the fixture has responses on a page
    shown = {}  # comment id -> the page (path) showing it
    for page in html_paths(site):
        for anchor in parse(site / page).select(
                "#responses li[id^=comment-]"):
            shown.setdefault(anchor["id"].removeprefix("comment-"), set()).add(
                (site / page).parent.relative_to(site).as_posix())
    for slug, ids in expected:
        for response_id in ids:
            [path] = shown[response_id]
            # A slug taken by an earlier post gets a number: ethics-and-the-net-2.
            assert re.fullmatch(re.escape(slug) + r"(-\d+)?", path.rsplit("/", 1)[-1])
    assert set(shown) == set().union(*(ids for _, ids in expected))


def test_no_commenter_email_ip_or_browser_reaches_the_published_site(site):
    from test_wordpress_safety import WP, secrets_in

    secrets = secrets_in(EXPORT_12, WP)
    for file in site.rglob("*"):
        if file.is_file():
            text = file.read_text(encoding="utf-8", errors="replace")
            assert [secret for secret in secrets if secret in text] == [], file
