"""From the built page's mailto: links, through a reader's mail and the import, to the page."""

import json
import re
from urllib.parse import parse_qs, urlsplit

from mail_helpers import (
    ADDRESS,
    HOSTILE,
    POST,
    POST_PAGE,
    SENDER_NAME,
    TITLE_TO_ENCODE,
    make_site,
    sender_traces,
)

from sitebuild import build, normalise
from tools.mail.cli import main as import_main


def test_the_links_are_rfc_6068_mailto_links_naming_the_post_and_response(mailed_site):
    for href, tag in [(mailed_site["post_link"], f"[post:{POST}]"),
                      (mailed_site["reply_link"], f"[post:{POST} reply:1]")]:
        link = urlsplit(href)
        assert (link.scheme, link.path) == ("mailto", ADDRESS)
        # Every character outside RFC 6068's qchar set is percent-encoded.
        qchars = r"[A-Za-z0-9%._~!$'()*+,;:@-]+"
        assert re.fullmatch(f"subject={qchars}&body={qchars}", link.query), link.query
        fields = parse_qs(link.query)
        assert fields["subject"] == [f"Re: {TITLE_TO_ENCODE} {tag}"]
        assert fields["body"][0].startswith("Name to show (blank = Anonymous):\r\n")


def test_the_mail_sent_has_an_rfc_2047_subject_folded_over_lines(mailed_site):
    sent = [path.read_bytes() for path in (mailed_site["box"] / "new").iterdir()]
    assert len(sent) == 3
    for raw in sent:
        subject = raw.split(b"\nSubject: ", 1)[1].split(b"\nDate:", 1)[0]
        assert b"=?utf-8?" in subject and b"\n " in subject  # encoded words, folded
        assert "café".encode() not in subject


def test_the_respond_section_gives_the_address_and_the_notice(mailed_site):
    section = mailed_site["before"].select_one("section#respond")
    assert section.select_one("h2").get_text() == "Respond"
    assert section.select_one(".respond-address").get_text() == ADDRESS
    subject = f"Re: {TITLE_TO_ENCODE} [post:{POST}]"
    assert section.select_one(".respond-subject").get_text() == subject
    notice = normalise(section.select_one(".respond-notice").get_text(" "))
    assert "Your e-mail address is never published." in notice
    assert "after an editor approves them" in notice
    assert "health details" in notice
    assert mailed_site["before"].select_one(".responses-closed") is None
    reply = mailed_site["before"].select_one("#comment-1 .comment-reply-link")
    assert normalise(reply.get_text()) == "Reply to Rick Ladd"
    # The same on every post: the search index leaves both out.
    assert section["data-pagefind-ignore"] == reply.parent["data-pagefind-ignore"] == "all"


def test_the_response_appears_under_its_post_and_the_reply_under_rick_ladd(mailed_site):
    assert mailed_site["import_status"] == 0
    page = mailed_site["after"]
    top_level = page.select("ol.commentlist > li")
    names = [normalise(li.select_one(".comment-author").get_text()) for li in top_level]
    assert names == ["Rick Ladd says:", "Jordan Example says:", "Hostile Tester says:"]
    jordan = top_level[1]
    assert jordan["id"].startswith("comment-mail-")
    paragraphs = [p.get_text() for p in jordan.select(".comment-content p")]
    assert paragraphs == ["Thanks for this.", "More, please."]
    # The signature after "-- " was the sender's name: it is gone.
    assert SENDER_NAME not in jordan.get_text()
    replies = page.select("li#comment-1 > ol.children > li")
    assert len(replies) == 1
    assert normalise(replies[0].select_one(".comment-author").get_text()) == "Anonymous says:"
    assert replies[0].select_one(".comment-content").get_text(strip=True) == "Rick, I agree."
    assert page.select_one("#responses-title").get_text().startswith("4 Responses to")
    # December 1, 2026 15:30 UTC in the site's TIMEZONE (America/New_York).
    assert jordan.select_one("time")["datetime"] == "2026-12-01T10:30:00-05:00"


def test_hostile_text_arrives_as_text_and_is_shown_inert(mailed_site):
    hostile = mailed_site["after"].select("ol.commentlist > li")[2]
    content = hostile.select_one(".comment-content")
    assert content.find_all(["script", "img", "a", "b"]) == []
    assert not any(name.startswith("on") for tag in content.find_all(True) for name in tag.attrs)
    assert normalise(content.get_text()) == normalise(HOSTILE)
    stored = json.loads((mailed_site["content"] / "comments.json").read_text(encoding="utf-8"))
    assert all("<script>" not in record["content"] for record in stored["responses"])


def test_no_trace_of_the_sender_in_content_output_or_logs(mailed_site, capsys):
    status = import_main(["--mailbox", str(mailed_site["box"]),
                          "--content", str(mailed_site["content"])])
    captured = capsys.readouterr()
    assert status == 0 and "0 new responses added" in captured.out
    assert sender_traces({"logs": mailed_site["build_logs"] + captured.out + captured.err},
                         [mailed_site["content"], mailed_site["output"]]) == []


def test_without_the_setting_responses_are_closed_exactly_as_before(tmp_path):
    content = make_site(tmp_path / "content")
    page = build(content, tmp_path / "output", fatal="errors").soup(POST_PAGE)
    assert page.select_one("p.responses-closed").get_text() == "Responses are closed."
    assert page.select_one("#respond") is None
    assert page.select(".comment-reply-link") == []
    assert not [a for a in page.select("a[href]") if a["href"].startswith("mailto:")]
