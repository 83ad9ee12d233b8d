"""Mail kept as written: messages shaped as real clients send them (iPhone and Apple Mail's
format=flowed, Gmail's and Outlook's HTML, their quoted replies in several languages)."""

import json

import pytest
from mail_helpers import POST, POST_PAGE, make_site, write_maildir

from sitebuild import build, normalise
from tools.mail.cli import main as import_main
from tools.mail.message import parse_mail, unflow

TAG = f"[post:{POST}]"
HEADERS = (
    "From: Jane Sender-Realname <jane.sender.realname@example.net>\r\n"
    "To: responses@example.org\r\n"
    f"Subject: Re: Patients as partners {TAG}\r\n"
    "Date: Tue, 1 Dec 2026 15:30:00 +0000\r\n"
    "Message-Id: <{id}@example.net>\r\n"
    "Mime-Version: 1.0 (1.0)\r\n"
)


def iphone(body, delsp=True):
    """iOS Mail: format=flowed, DelSp=yes, quoted-printable is not used for plain ASCII."""
    return (HEADERS.format(id="iphone") + "X-Mailer: iPhone Mail (21B101)\r\n"
            f"Content-Type: text/plain; charset=utf-8; format=flowed"
            f"{'; delsp=yes' if delsp else ''}\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + body).encode()


def html_only(html, message_id="html"):
    return (HEADERS.format(id=message_id) + "Content-Type: text/html; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + html).encode()


def plain(body, message_id="plain"):
    return (HEADERS.format(id=message_id) + "Content-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + body).encode()


PROMPTS = ("Name to show (blank = Anonymous): Pat Reader\r\n"
           "Write your response below this line.\r\n\r\n")


def test_iphone_flowed_lines_are_joined_with_delsp():
    body = (PROMPTS +
            "I read this on the train and wanted to say  \r\n"  # soft break: DelSp's space
            "how much it helped my mother and me talk  \r\n"
            "to her doctor.\r\n"
            "\r\n"
            "A second paragraph stays one.\r\n"
            "\r\n"
            "Sent from my iPhone\r\n")
    mail = parse_mail(iphone(body))
    assert mail.name == "Pat Reader"
    assert mail.text == ("I read this on the train and wanted to say how much it helped my "
                         "mother and me talk to her doctor.\n\nA second paragraph stays one.")


def test_delsp_joins_words_a_client_broke_without_a_space():
    assert unflow("日本語の \n文章です。", delete_space=True) == "日本語の文章です。"
    assert unflow("日本語の \n文章です。", delete_space=False) == "日本語の 文章です。"


def test_flowed_without_delsp_keeps_the_space_and_undoes_space_stuffing():
    body = (PROMPTS + "Apple Mail keeps the space of a soft \r\nbreak.\r\n"
            " From the start of a line, a stuffed space goes.\r\n"
            "-- \r\nPat\r\n")
    mail = parse_mail(iphone(body, delsp=False))
    assert mail.text == ("Apple Mail keeps the space of a soft break.\n"
                         "From the start of a line, a stuffed space goes.")


def test_flowed_quotes_are_joined_per_depth_and_then_removed():
    text = "Mine, \nwhole.\n> Theirs, \n> quoted.\n>> Deeper \nnot joined across depths."
    assert unflow(text) == "Mine, whole.\n> Theirs, quoted.\n>> Deeper \nnot joined across depths."


def test_a_flowed_response_builds_as_paragraphs_without_line_breaks(tmp_path, capsys):
    content = make_site(tmp_path / "content")
    body = (PROMPTS + "One thought that the phone wrapped  \r\nat its width.\r\n\r\n"
            "And another.\r\n")
    box = write_maildir(tmp_path / "Approved", [])
    (box / "new" / "1764603000.M1P1.phone").write_bytes(iphone(body))
    assert import_main(["--mailbox", str(box), "--content", str(content)]) == 0
    page = build(content, tmp_path / "output", fatal="errors").soup(POST_PAGE)
    mailed = page.select_one("li[id^=comment-mail-] .comment-content")
    assert [p.get_text() for p in mailed.select("p")] == [
        "One thought that the phone wrapped at its width.", "And another."]
    assert mailed.select("br") == []


def test_html_only_mail_keeps_its_links_as_visible_text():
    html = ('<div dir="ltr"><div>Name to show (blank = Anonymous): Dana</div>'
            "<div>Write your response below this line.</div><div><br></div>"
            '<div>See <a href="https://example.org/study?id=3&amp;x=1">the study</a>, and '
            '<a href="https://example.org/plain">https://example.org/plain</a>, and '
            '<a href="mailto:dana@example.com">write to me</a>, and '
            '<a href="javascript:alert(1)">this</a>.</div></div>')
    mail = parse_mail(html_only(html))
    assert mail.name == "Dana"
    assert mail.text == ("See the study (https://example.org/study?id=3&x=1), and "
                         "https://example.org/plain, and write to me, and this.")


@pytest.mark.parametrize("body", [
    "Name to show (blank = Anonymous):\r\nDana Reader\r\nWrite your response below this line.\r\n"
    "\r\nThe response.\r\n",
    "Name to show (blank = Anonymous):\r\n\r\nDana Reader\r\n\r\n"
    "Write your response below this line.\r\n\r\nThe response.\r\n",
])
def test_a_name_on_the_line_below_the_prompt_is_the_name(body):
    mail = parse_mail(plain(body))
    assert (mail.name, mail.text) == ("Dana Reader", "The response.")


def test_gmail_html_with_the_name_in_a_div_of_its_own():
    html = ('<div dir="ltr">Name to show (blank = Anonymous):<div>Dana Reader</div>'
            "<div>Write your response below this line.</div><div><br></div>"
            "<div>The response.</div></div>")
    assert (parse_mail(html_only(html)).name, parse_mail(html_only(html)).text) == (
        "Dana Reader", "The response.")


def test_a_blank_name_stays_anonymous_and_a_response_below_the_prompt_is_not_a_name():
    blank = parse_mail(plain("Name to show (blank = Anonymous):\r\nWrite your response below "
                             "this line.\r\n\r\nAnonymous words.\r\n"))
    assert (blank.name, blank.text) == ("", "Anonymous words.")
    no_prompt = parse_mail(plain("Name to show (blank = Anonymous):\r\nMy response, typed "
                                 "straight after the name line.\r\n"))
    assert (no_prompt.name, no_prompt.text) == ("", "My response, typed straight after the "
                                                "name line.")


SOMEONE = "Blog Editors <responses@example.org>"
QUOTED = "> The earlier message.\r\n> Its second line.\r\n"
QUOTE_STYLES = {
    "Gmail": f"On Tue, Dec 1, 2026 at 10:00 AM {SOMEONE} wrote:\r\n\r\n{QUOTED}",
    "Gmail, wrapped": f"On Tue, Dec 1, 2026 at 10:00 AM Blog Editors <\r\nresponses@example.org> "
                      f"wrote:\r\n{QUOTED}",
    "Gmail in German": f"Am Di., 1. Dez. 2026 um 10:00 Uhr schrieb {SOMEONE}:\r\n{QUOTED}",
    "Gmail in Dutch": f"Op di 1 dec. 2026 om 10:00 schreef {SOMEONE}:\r\n{QUOTED}",
    "Apple Mail": f"On Dec 1, 2026, at 10:00, {SOMEONE} wrote:\r\n\r\n{QUOTED}",
    "Apple Mail in German": f"Am 01.12.2026 um 10:00 schrieb {SOMEONE}:\r\n\r\n{QUOTED}",
    "Apple Mail in French": f"Le 1 déc. 2026 à 10:00, {SOMEONE} a écrit :\r\n\r\n{QUOTED}",
    "Apple Mail in Spanish": f"El 1 dic 2026, a las 10:00, {SOMEONE} escribió:\r\n\r\n{QUOTED}",
    "Apple Mail in Dutch": f"Op 1 dec. 2026 om 10:00 heeft {SOMEONE} het volgende geschreven:"
                           f"\r\n\r\n{QUOTED}",
    "Apple Mail in Italian": f"Il giorno 1 dic 2026, alle ore 10:00, {SOMEONE} ha scritto:"
                             f"\r\n\r\n{QUOTED}",
    "Outlook": "________________________________\r\nFrom: Blog Editors <responses@example.org>"
               "\r\nSent: Tuesday, December 1, 2026 10:00 AM\r\nTo: Pat\r\nSubject: Re: x\r\n\r\n"
               "The earlier message.\r\n",
    "Outlook for Mac": "From: Blog Editors <responses@example.org>\r\nDate: Tuesday, 1 December "
                       "2026 at 10:00\r\nTo: Pat\r\nSubject: Re: x\r\n\r\nThe earlier message.\r\n",
    "Outlook in French": "De : Blog Editors <responses@example.org>\r\nEnvoyé : mardi 1 décembre "
                         "2026 10:00\r\nÀ : Pat\r\nObjet : Re: x\r\n\r\nThe earlier message.\r\n",
    "Outlook in German": "Von: Blog Editors <responses@example.org>\r\nGesendet: Dienstag, 1. "
                         "Dezember 2026 10:00\r\nAn: Pat\r\n\r\nThe earlier message.\r\n",
}


@pytest.mark.parametrize("style", QUOTE_STYLES)
def test_quoted_earlier_mail_is_removed(style):
    mail = parse_mail(plain(PROMPTS + "My own answer.\r\n\r\n" + QUOTE_STYLES[style]))
    assert mail.text == "My own answer."


def test_the_readers_own_words_that_look_like_quote_headers_are_kept():
    own = ("On reflection, I agree with what Rick\r\nwrote: it is slow.\r\n"
           "Am Ende schrieb ich: das hilft.\r\n"
           "From: the start, I was sceptical.\r\n")
    mail = parse_mail(plain(PROMPTS + own))
    assert mail.text == own.replace("\r\n", "\n").strip()


def test_outlook_html_reply_cuts_at_the_header_block():
    html = ("<html><body><div>Name to show (blank = Anonymous): Pat</div>"
            "<div>Write your response below this line.</div><p>Agreed.</p>"
            '<div id="appendonsend"></div><hr style="display:inline-block;width:98%">'
            '<div id="divRplyFwdMsg"><b>From:</b> Blog Editors &lt;responses@example.org&gt;'
            "<br><b>Sent:</b> Tuesday, December 1, 2026 10:00 AM<br><b>To:</b> Pat<br></div>"
            "<div>The earlier message.</div></body></html>")
    assert parse_mail(html_only(html)).text == "Agreed."


def test_an_imported_html_response_shows_the_address_of_its_link(tmp_path):
    content = make_site(tmp_path / "content")
    html = ('<div>Name to show (blank = Anonymous): Dana</div><div>Write your response below '
            'this line.</div><div>Read <a href="https://example.org/study">the study</a>.</div>')
    box = write_maildir(tmp_path / "Approved", [])
    (box / "new" / "1764603000.M1P1.gmail").write_bytes(html_only(html))
    assert import_main(["--mailbox", str(box), "--content", str(content)]) == 0
    records = json.loads((content / "comments.json").read_text())["responses"]
    assert records[-1]["content"] == "Read the study (https://example.org/study)."
    page = build(content, tmp_path / "output", fatal="errors").soup(POST_PAGE)
    shown = page.select_one("li[id^=comment-mail-] .comment-content")
    assert normalise(shown.get_text()) == "Read the study (https://example.org/study)."
