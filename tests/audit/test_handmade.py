"""A hand-made export and a hand-written built site: the test, not the importer, decides
what is true, and the markup is not our theme's, so the audit is checked on its own terms."""

import gzip
import hashlib
import io
import json
import subprocess
import sys

import pytest
from audit_helpers import failures
from media_helpers import picture
from PIL import Image

from sitebuild import REPO_ROOT, write_files
from tools.audit import run_audit
from tools.audit.audit import AuditError
from tools.audit.export import ExportError, read_export

UA = "Mozilla/5.0 (HandOS 3.0) HandProbe/1.2"
EXPORT = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Old</title><link>https://old.example</link>
<item><title>"Hello" -- world...</title><link>https://old.example/2011/07/hello/</link>
 <content:encoded><![CDATA[It's a test -- with typography.

Second line
third line.]]></content:encoded>
 <wp:post_id>1</wp:post_id><wp:post_date>2011-07-20 09:00:00</wp:post_date>
 <wp:post_name>hello</wp:post_name><wp:status>publish</wp:status>
 <wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
 <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
  <wp:comment_author_email>ann.probe@hand.example</wp:comment_author_email>
  <wp:comment_author_IP>203.0.113.5</wp:comment_author_IP>
  <wp:comment_content>First!</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
  <wp:comment_type></wp:comment_type><wp:comment_parent>0</wp:comment_parent>
  <wp:commentmeta><wp:meta_key>akismet_as_submitted</wp:meta_key>
   <wp:meta_value><![CDATA[a:1:{{s:10:"user_agent";s:{len(UA)}:"{UA}";}}]]></wp:meta_value>
  </wp:commentmeta></wp:comment>
 <wp:comment><wp:comment_id>6</wp:comment_id><wp:comment_author>Bob</wp:comment_author>
  <wp:comment_content>Reply.</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
  <wp:comment_type>comment</wp:comment_type><wp:comment_parent>5</wp:comment_parent></wp:comment>
 <wp:comment><wp:comment_id>8</wp:comment_id><wp:comment_author>Spam</wp:comment_author>
  <wp:comment_content>cheap pills for everyone today</wp:comment_content>
  <wp:comment_approved>spam</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
 </wp:comment>
</item>
<item><title>About us</title><link>https://old.example/about-us/</link>
 <content:encoded><![CDATA[We are <em>the</em> society.]]></content:encoded>
 <wp:post_id>2</wp:post_id><wp:post_name>about</wp:post_name><wp:status>publish</wp:status>
 <wp:post_type>page</wp:post_type>
 <wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author>Cat</wp:comment_author>
  <wp:comment_content>A comment on a page.</wp:comment_content>
  <wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
 </wp:comment>
</item>
<item><title>Secret plans</title><link>https://old.example/?p=3</link>
 <content:encoded>secret plans that nobody saw</content:encoded>
 <wp:post_id>3</wp:post_id><wp:status>draft</wp:status><wp:post_type>post</wp:post_type>
</item>
<item><title>pic.png</title><link>https://old.example/2011/07/hello/pic/</link>
 <wp:post_id>4</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
 <wp:attachment_url>https://old.example/wp-content/uploads/2011/07/pic.png</wp:attachment_url>
</item>
</channel></rss>
"""
PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<link rel="canonical" href="https://new.example{url}"></head>
<body><article><h1>{title}</h1>{body}</article></body></html>"""
POST_BODY = """<p>It’s a test&nbsp;– with typography.</p><p>Second line<br>third line.</p>
<section id="responses"><h2>2 Comments</h2><ol>
<li id="comment-5"><p>Ann says: First!</p>
 <ol><li id="comment-6"><p>Bob says: Reply.</p></li></ol></li></ol></section>"""
ABOUT_BODY = """<p>We are the society.</p><img src="/media/2011/07/pic.png" alt="">
<h2>One Response</h2><ol><li id="comment-7">Cat says: A comment on a page.</li></ol>"""
FEED = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>Hello</title><link href="https://new.example/2011/07/hello/" rel="alternate"/>
<id>tag:new.example,2011-07-20:/2011/07/hello/</id></entry></feed>"""
REDIRECT = """<!DOCTYPE html><html><head>
<meta http-equiv="refresh" content="0; url=https://new.example/about/"></head></html>"""




def resized(data, size, kind):
    """A copy of the picture `data` at `size`, in `kind`, as plugins/images makes them."""
    stream = io.BytesIO()
    Image.open(io.BytesIO(data)).resize(size).save(stream, kind)
    return stream.getvalue()


PNG = picture((200, 30, 30), (40, 30))
# plugins/images' narrower copy of pic.png, named by the original's sha256.
NARROW = f"media/2011/07/pic.{hashlib.sha256(PNG).hexdigest()[:8]}-20.webp"



@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(EXPORT, encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    write_files(root, {
        "2011/07/hello/index.html": PAGE.format(title="“Hello” — world…",
                                                url="/2011/07/hello/", body=POST_BODY),
        "about/index.html": PAGE.format(title="About us", url="/about/", body=ABOUT_BODY),
        "about-us/index.html": REDIRECT,
        # WordPress's feed addresses answer with feeds (the items have no <guid> to compare).
        **{f"{old}feed/index.html": FEED for old in ("", "comments/", "2011/07/hello/")},
        "media/2011/07/pic.png": PNG,
        NARROW: resized(PNG, (20, 15), "WEBP"),
    })
    return root


def replace(site, relative, old, new):
    path = site / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_true_site_passes(export, site, tmp_path):
    uploads = tmp_path / "uploads"
    write_files(uploads, {"2011/07/pic.png": PNG})
    report = run_audit(export, site, media=uploads)
    assert report.passed, str(report)
    summaries = {check.name: check.summary for check in report.checks}
    assert summaries["responses"].startswith("3 approved responses checked (3 comments")
    assert "1 on pages" in summaries["responses"]
    assert summaries["media"].endswith(f"2 copies in the site compared with {uploads} "
                                       "(1 byte for byte, 1 as pictures)")


def test_a_page_comment_missing_from_the_site_is_reported(export, site):
    replace(site, "about/index.html", '<ol><li id="comment-7">Cat says: A comment on a page.'
            "</li></ol>", "")
    report = run_audit(export, site)
    assert not report.passed
    # The heading still says "One Response": only the missing response itself fails.
    assert failures(report, "responses") == [
        "comment 7 on page 2 “About us” (https://old.example/about-us/): not on /about/ "
        "(no #comment-7)"]


def test_a_lost_sentence_and_a_wrong_count_are_reported(export, site):
    replace(site, "2011/07/hello/index.html", "<br>third line.", "")
    replace(site, "2011/07/hello/index.html", "2 Comments", "3 Comments")
    report = run_audit(export, site)
    (posts,) = failures(report, "posts and pages")
    assert posts.startswith("post 1 “\"Hello\" -- world...” (https://old.example/2011/07/hello/):"
                            " text differs on /2011/07/hello/: “second line third line")
    assert failures(report, "responses") == [
        "post 1 “\"Hello\" -- world...” (https://old.example/2011/07/hello/): the heading on "
        "/2011/07/hello/ counts 3 responses; the export has 2 approved"]


def test_a_draft_and_a_browser_string_in_a_search_fragment_are_reported(export, site):
    write_files(site, {
        "drafts/secret/index.html": PAGE.format(title="Secret plans", url="/drafts/secret/",
                                                body="<p>Secret plans that nobody saw.</p>"),
        "pagefind/fragment/en_1.pf_fragment": gzip.compress(
            b"pagefind_dcd" + json.dumps({"content": f"seen with {UA}"}).encode()),
    })
    assert failures(run_audit(export, site), "privacy") == [
        "/drafts/secret/index.html: the text of draft post 3",
        "/pagefind/fragment/en_1.pf_fragment: a commenter's browser string",
        "/drafts/secret/index.html: the title of draft post 3",
    ]


ATTACHMENT = "(attachment 4 “pic.png” (https://old.example/2011/07/hello/pic/))"


def test_a_media_copy_of_another_picture_is_reported(export, site, tmp_path):
    uploads = tmp_path / "uploads"
    other = picture((30, 30, 200), (40, 30))
    write_files(uploads, {"2011/07/pic.png": other})
    narrow = NARROW.replace(hashlib.sha256(PNG).hexdigest()[:8],
                            hashlib.sha256(other).hexdigest()[:8])
    (site / NARROW).rename(site / narrow)
    lines = failures(run_audit(export, site, media=uploads), "media")
    # The full-size copy and its narrower copy (named by the original's sha256) both.
    assert [line.split(" is not made from its original: ")[0] for line in lines] == [
        f"/{narrow}", "/media/2011/07/pic.png"]
    assert all(line.endswith(f"(at most 8 allowed): {uploads}/2011/07/pic.png {ATTACHMENT}")
               for line in lines)


def test_a_media_copy_that_does_not_decode_is_reported(export, site, tmp_path):
    uploads = tmp_path / "uploads"
    write_files(uploads, {"2011/07/pic.png": PNG})
    write_files(site, {"media/2011/07/pic.png": PNG[:40]})
    (line,) = failures(run_audit(export, site, media=uploads), "media")
    assert line.startswith("/media/2011/07/pic.png does not decode as an image (")
    assert line.endswith(f"): {uploads}/2011/07/pic.png {ATTACHMENT}")


def test_a_file_that_is_no_picture_must_be_byte_identical(export, site, tmp_path):
    uploads = tmp_path / "uploads"
    write_files(uploads, {"2011/07/pic.png": PNG, "2011/07/minutes.pdf": b"%PDF-1.4 minutes"})
    write_files(site, {"media/2011/07/minutes.pdf": b"%PDF-1.4 minutes, edited"})
    export_text = export.read_text(encoding="utf-8").replace("</channel>", """<item>
 <title>minutes.pdf</title><wp:post_id>9</wp:post_id><wp:post_type>attachment</wp:post_type>
 <wp:attachment_url>https://old.example/wp-content/uploads/2011/07/minutes.pdf</wp:attachment_url>
</item></channel>""")
    export.write_text(export_text, encoding="utf-8")
    (line,) = failures(run_audit(export, site, media=uploads), "media")
    assert line.startswith("/media/2011/07/minutes.pdf differs from its original (not the same "
                           f"bytes): {uploads}/2011/07/minutes.pdf (attachment 9")


def test_links_into_the_site_on_the_old_domain_are_not_old_references(export, site):
    # The society may keep its domain: the new site's own absolute links are fine there,
    # an address only the old site answered is not.
    for relative in ("2011/07/hello/index.html", "about/index.html"):
        replace(site, relative, "https://new.example", "https://old.example")
    replace(site, "about-us/index.html", "https://new.example", "https://old.example")
    replace(site, "about/index.html", "<p>We are", '<p><a href="https://old.example/about/">'
            'Here</a> <a href="https://old.example/?p=1">then</a> We are')
    (line,) = failures(run_audit(export, site), "links")
    assert line.startswith("https://old.example/?p=1, the old address of post 1")
    assert line.endswith("is linked from /about/index.html")


def test_an_unreadable_export_or_site_stops_with_the_file_named(export, site, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(EXPORT[:900], encoding="utf-8")
    with pytest.raises(ExportError, match=rf"{broken}, line \d+: not well-formed XML"):
        read_export(broken)
    with pytest.raises(AuditError, match="no built site here"):
        run_audit(export, tmp_path / "missing")
    result = subprocess.run([sys.executable, "-m", "tools.audit", "--wxr", str(broken),
                             "--site", str(site)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert result.returncode == 2
    assert f"{broken}, line" in result.stderr


def test_items_that_share_a_post_id_are_each_checked(export, site):
    # Real exports repeat post ids (Pelican's own test export has two pages with id 334).
    export.write_text(EXPORT.replace("<wp:post_id>3</wp:post_id><wp:status>draft</wp:status>",
                                     "<wp:post_id>2</wp:post_id><wp:status>publish</wp:status>"),
                      encoding="utf-8")
    write_files(site, {"secret/index.html": PAGE.format(
        title="Secret plans", url="/secret/", body="<p>Secret plans that nobody saw.</p>")})
    report = run_audit(export, site)
    assert report.passed, str(report)
    assert report.checks[0].summary == "3 published items checked (2 posts, 1 pages)"
