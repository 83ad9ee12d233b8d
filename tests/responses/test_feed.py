"""The per-post Atom feed of responses (publish builds only)."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from markupsafe import Markup

from responses.feed import _oldest_first, article_feed
from responses.model import Response
from sitebuild import SEED_PATH, SEED_SLUG, SEED_TITLE, parse

ATOM = "{http://www.w3.org/2005/Atom}"
SITEURL = "https://blog.example.org"
SEED_URL = f"{SITEURL}/2011/07/{SEED_SLUG}/"
FEED = f"feeds/responses/{SEED_SLUG}.atom.xml"


def test_publish_build_writes_the_seed_posts_responses_feed(publish_site):
    feed = ET.parse(publish_site / FEED).getroot()
    assert feed.findtext(f"{ATOM}title") == f"Responses to “{SEED_TITLE}”"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}author/{ATOM}name") for entry in entries] == [
        "Rick Ladd", "Anonymous",
    ]
    assert [entry.find(f"{ATOM}link").get("href") for entry in entries] == [
        f"{SEED_URL}#comment-1", f"{SEED_URL}#comment-2",
    ]
    assert entries[0].findtext(f"{ATOM}published") == "2011-07-21T09:14:00-04:00"
    assert entries[1].findtext(f"{ATOM}summary") == (
        "<p>Nice post, thank you for your information.</p>"
    )


def test_article_page_links_its_responses_feed(publish_site):
    links = parse(publish_site / SEED_PATH).select('link[rel="alternate"]')
    assert f"{SITEURL}/{FEED}" in [link["href"] for link in links]


def test_local_build_writes_no_responses_feed(local_site):
    assert not (local_site / "feeds").exists()
    links = parse(local_site / SEED_PATH).select('link[rel="alternate"]')
    assert links == []


class FakeArticle:
    slug = "a-post"
    url = "2020/01/a-post/"
    title = "A <em>post</em>"
    title_text = "A post"  # what the plugin prepares from the title
    date = datetime(2020, 1, 1, tzinfo=UTC)
    metadata = {}  # no Guid: (a post written here, not imported)


def response(id_, day, **fields):
    values = {"post": "a-post", "parent": None, "type": "comment", "author": "A reader",
              "url": None, "has_time": True, "content": Markup("<p>Hi</p>"),
              "date": datetime(2020, 1, day, tzinfo=UTC), **fields}
    return Response(id=id_, **values)


def test_feed_entries_are_every_reply_oldest_first_and_pingbacks_escaped():
    reply = response("2", 5)
    top = response("1", 2, children=[reply])
    ping = response("3", 3, type="pingback", author="<script>alert(1)</script>",
                    url="https://elsewhere.example/", content=Markup(""))
    article = FakeArticle()
    article.responses = [top, ping]
    assert [r.id for r in _oldest_first(article.responses)] == ["1", "3", "2"]
    settings = {"SITEURL": SITEURL, "DEFAULT_LANG": "en",
                "RESPONSES_FEED_ATOM": "feeds/responses/{slug}.atom.xml"}
    xml = article_feed(article, settings).writeString("utf-8")
    entries = ET.fromstring(xml).findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == "A reader on “A post”"
    assert entries[1].findtext(f"{ATOM}summary") == (
        "<p>Pingback: &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert entries[1].find(f"{ATOM}author/{ATOM}uri").text == "https://elsewhere.example/"
