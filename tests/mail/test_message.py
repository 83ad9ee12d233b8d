"""One message taken apart: every encoding readers' clients use, and what is removed."""

import pytest
from mail_helpers import compose

from responses.reply import Tag, read_subject
from tools.mail.message import html_to_text, parse_mail, reader_words

TAG = "[post:patients-as-partners]"


def received(message_or_bytes):
    """The message as the mailbox hands it over: its bytes."""
    raw = message_or_bytes if isinstance(message_or_bytes, bytes) else message_or_bytes.as_bytes()
    return parse_mail(raw)


def test_the_name_line_and_text_come_from_the_template():
    mail = received(compose(f"Re: Patients {TAG}", "First line.\n\nSecond paragraph."))
    assert mail.name == "Pat Reader"
    assert mail.text == "First line.\n\nSecond paragraph."


def test_a_blank_name_line_means_anonymous():
    mail = received(compose(f"Re: Patients {TAG}", "Text.", name=""))
    assert mail.name == ""
    assert mail.text == "Text."


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
def test_transfer_encodings(cte):
    text = "Très bien — naïve café, “quoted”, and a long line " + "word " * 30
    mail = received(compose(f"Re: x {TAG}", text, cte=cte))
    raw = compose(f"Re: x {TAG}", text, cte=cte).as_bytes()
    assert f"Content-Transfer-Encoding: {cte}".encode() in raw
    assert mail.text == text.strip()


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252", "iso-8859-15"])
def test_non_utf8_charsets(charset):
    text = {"iso-8859-1": "Ça a aidé, là-bas.", "windows-1252": "Ça m’a aidé; 50 € là-bas.",
            "iso-8859-15": "Ça a aidé; 50 € là-bas."}[charset]
    message = compose(f"Re: x {TAG}", text, charset=charset, cte="quoted-printable")
    assert f'charset="{charset}"'.encode() in message.as_bytes()
    assert received(message).text == text


def test_shift_jis_and_an_rfc2047_subject_in_it():
    raw = (
        "From: =?utf-8?q?Jane?= <j@example.net>\r\n"
        "Subject: =?shift_jis?b?" + __import__("base64").b64encode(
            "Re: 患者 [post:patients-as-partners]".encode("shift_jis")).decode() + "?=\r\n"
        "Date: Tue, 01 Dec 2026 15:30:00 +0000\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=shift_jis\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode()
    raw += "Name to show (blank = Anonymous): 山田\r\n\r\nありがとう。\r\n".encode("shift_jis")
    mail = received(raw)
    assert mail.subject == "Re: 患者 [post:patients-as-partners]"
    assert (mail.name, mail.text) == ("山田", "ありがとう。")


def test_rfc2047_subject_folded_over_lines_still_names_the_post_and_reply():
    raw = (
        b"Subject: =?utf-8?q?Re=3A_Caf=C3=A9_and_a_very_long_title_that_a_client_folds?=\r\n"
        b" =?utf-8?q?_over_two_lines?= [post:patients-as-partners\r\n"
        b"\treply:1]\r\n"
        b"Date: Tue, 01 Dec 2026 15:30:00 +0000\r\n\r\n"
        b"Name to show (blank = Anonymous): Pat\r\n\r\nHello.\r\n"
    )
    mail = received(raw)
    assert mail.subject.startswith("Re: Café and a very long title that a client folds over two")
    assert read_subject(mail.subject) == Tag("patients-as-partners", "1")


@pytest.mark.parametrize("subject, expected", [
    ("Re: Title [post:a-post]", Tag("a-post")),
    ("Fwd: Re: RE: Title [post:a-post reply:1042]", Tag("a-post", "1042")),
    ("AW: Title [ post:a-post  reply:mail-0a1b2c ]", Tag("a-post", "mail-0a1b2c")),
    ("Re: Title", None),
    ("Re: Title [post:]", None),
    ("Please remove my response [remove:mail-0a1b2c]", Tag(remove="mail-0a1b2c")),
    ("Re: Title [post:a-post reply:7] [remove:7]", Tag(remove="7")),
])
def test_subject_tags(subject, expected):
    assert read_subject(subject) == expected


def test_multipart_alternative_uses_the_plain_part():
    message = compose(f"Re: x {TAG}", "Plain words.", html="<p>HTML <b>words</b>.</p>")
    assert message.get_content_type() == "multipart/alternative"
    assert received(message).text == "Plain words."


def test_html_only_mail_becomes_text_never_html():
    html = (
        "<html><head><style>p{color:red}</style><title>t</title></head><body>"
        "<div>Name to show (blank = Anonymous): <b>Dana</b></div>"
        "<div>Write your response below this line.</div><div><br></div>"
        "<p>One &amp; <i>two</i> &lt;three&gt;.</p><script>alert(1)</script>"
        "<p>Second paragraph.</p>"
        "<blockquote>An earlier message</blockquote></body></html>"
    )
    mail = received(compose(f"Re: x {TAG}", None, html=html))
    assert mail.name == "Dana"
    assert mail.text == "One & two <three>.\n\nSecond paragraph."


def test_quoted_mail_and_signatures_are_removed():
    text = (
        "My answer.\n\n"
        "-- \nPat Reader\nPhone and address here\n"
    )
    assert reader_words(text) == ("", "My answer.")
    quoted = (
        "Agreed.\n> an earlier line\n> another\n\nOn Mon, 30 Nov 2026 at 10:00, Someone\n"
        "<someone@example.org> wrote:\n> everything after this goes\nAnd this too.\n"
    )
    assert reader_words(quoted) == ("", "Agreed.")
    assert reader_words("Yes.\n\nSent from my iPhone\n") == ("", "Yes.")
    french = "D'accord.\n\nLe lun. 30 nov. 2026 à 10:00, Quelqu'un a écrit :\n> texte\n"
    assert reader_words(french) == ("", "D'accord.")
    # A reader's own sentence that happens to end in "wrote:" is kept.
    own = "On reflection, I agree with what Rick\nwrote: it is slow.\nIndeed."
    assert reader_words(own) == ("", own)
    outlook = "Fine.\n\n-----Original Message-----\nFrom: x\n"
    assert reader_words(outlook) == ("", "Fine.")


def test_html_to_text_keeps_paragraphs():
    assert html_to_text("<p>a</p><p>b<br>c</p>") == "a\n\nb\nc"


def test_date_header_and_spam_flag_are_read():
    mail = received(compose(f"Re: x {TAG}", headers={"X-Spam-Flag": "YES"}))
    assert mail.spam
    assert mail.date.isoformat() == "2026-12-01T15:30:00+00:00"
    assert not received(compose(f"Re: x {TAG}", headers={"X-Spam-Flag": "NO"})).spam
