"""The importer end to end on the hand-written WXR 1.2 and 1.1 exports."""

import json
from collections import Counter

import jsonschema
from wordpress_helpers import EXPORT_11

from sitebuild import REPO_ROOT
from tools.wordpress import import_wordpress

SCHEMA = REPO_ROOT / "plugins" / "responses" / "comments.schema.json"

ETHICS_POST = """\
Title: Ethics & the \u201cNet\u201d: a sticky wicket
Date: 2011-07-20 09:14
Author: Rick Ladd
Category: ethics, found on the net, JoPM, Health Wellness & You
Tags: Facebook, AMA
Slug: ethics-and-the-net
Summary: <p>Social media shows much promise.<br />It is also a sticky wicket.</p>
Redirect_from: /archives/2011/07/ethics-and-the-net.html
Guid: https://e-patients.example/?p=101

<p>Social media shows much promise.<br />
It is also a sticky wicket.</p>

<p><span id="more-101"></span></p>

<figure id="attachment_7" class="wp-caption alignright">\
<img src="https://e-patients.example/images/wicket.jpg" alt="A cricket wicket" \
width="300" height="200" /><figcaption>The wicket, sticky.</figcaption></figure>

<blockquote><p>Why can't we protect doctors<br />
who put patients first?</p></blockquote>

<pre>def hello():

    print("caf\u00e9")</pre>

<p>Last line with <em>emphasis</em> &amp; an entity.</p>
"""


def read(content, relative):
    return (content / relative).read_text(encoding="utf-8")


def test_published_post_is_markdown_with_every_field(imported):
    _report, content = imported
    assert read(content, "posts/2011/ethics-and-the-net.md") == ETHICS_POST


def test_exactly_the_expected_files_are_written(imported):
    _report, content = imported
    written = sorted(
        path.relative_to(content).as_posix() for path in content.rglob("*") if path.is_file()
    )
    assert written == [
        "comments.json",
        "pages/about.md",
        "pages/board.md",
        "posts/2011/café-talk.md",
        "posts/2011/ethics-and-the-net.md",
        "posts/2011/new-style.md",
        "posts/2012/brouillon-lete.md",
        "posts/2012/pending-review.md",
        "posts/2012/shortlink-only.md",
        "posts/2013/ethics-and-the-net-2.md",
        "wordpress-terms.json",
    ]
    leftovers = [path.name for path in content.parent.iterdir() if path.name != "content"]
    assert leftovers == []


def test_date_and_folder_use_local_time_and_old_link_equal_to_new_needs_no_redirect(imported):
    # GMT 2011-08-01 03:30 is 2011-07-31 23:30 in New York: the July folder and URL,
    # which is the post's old link, so no Redirect_from line.
    _report, content = imported
    assert read(content, "posts/2011/new-style.md") == (
        "Title: New-style link, with an excerpt\n"
        "Date: 2011-07-31 23:30\n"
        "Author: Dana Th\u00e9ron & Co\n"
        "Slug: new-style\n"
        "Summary: <p>An excerpt<br />on two lines.</p>\n"
        "Guid: https://e-patients.example/?p=102\n"
        "\n"
        "<p>Body of the new-style post.</p>\n"
    )


def test_the_old_category_and_tag_slugs_are_kept_by_name_for_the_old_addresses(imported):
    _report, content = imported
    # plugins/wordpress_feeds reads it (WORDPRESS_FEEDS_TERMS), to answer /category/<slug>/feed/.
    assert json.loads(read(content, "wordpress-terms.json")) == {
        "category": {"Health Wellness & You": "health-wellness", "JoPM": "jopm",
                     "ethics": "ethics", "found on the net": "found-on-the-net"},
        "post_tag": {"AMA": "ama", "Facebook": "facebook"},
    }


def test_drafts_and_pending_become_drafts_without_redirects(imported):
    _report, content = imported
    assert read(content, "posts/2012/brouillon-lete.md") == (
        "Title: Brouillon : l'\u00e9t\u00e9\n"
        "Date: 2012-03-05 08:00\n"
        "Author: Rick Ladd\n"
        "Slug: brouillon-lete\n"
        "Status: draft\n"
        "Guid: https://e-patients.example/?p=103\n"
        "\n"
        "<p>Not finished.</p>\n"
    )
    # The display name is an e-mail address, so the first and last names are used.
    assert read(content, "posts/2012/pending-review.md").splitlines()[:5] == [
        "Title: Pending review",
        "Date: 2012-04-01 10:00",
        "Author: Pat Doe",
        "Slug: pending-review",
        "Status: draft",
    ]


def test_pages_and_child_page_redirect(imported):
    _report, content = imported
    assert read(content, "pages/about.md") == (
        "Title: About SPM\nDate: 2010-05-01 12:00\nAuthor: Dana Th\u00e9ron & Co\nSlug: about\n\n"
        "<p>We are patients, clinicians<br />\nand researchers.</p>\n"
    )
    assert read(content, "pages/board.md") == (
        "Title: Board\nDate: 2010-05-02 12:00\nAuthor: Dana Th\u00e9ron & Co\nSlug: board\n"
        "Redirect_from: /about/board/\n\n<ul>\n<li>Chair</li>\n<li>Treasurer</li>\n</ul>\n"
    )


def test_percent_encoded_slug_unknown_author_and_duplicate_slug(imported):
    report, content = imported
    assert read(content, "posts/2011/café-talk.md") == (
        "Title: Caf\u00e9 talk\nDate: 2011-09-30 19:30\nSlug: caf\u00e9-talk\n"
        "Redirect_from: /archives/2011/09/caf%c3%a9-talk.html\n\n"
        "<p>Un caf\u00e9, s'il vous pla\u00eet.</p>\n"
    )
    assert "Slug: ethics-and-the-net-2\n" in read(content, "posts/2013/ethics-and-the-net-2.md")
    assert report.renamed_slugs == [
        ("103", "", "brouillon-lete", "is empty"),
        ("114", "ethics-and-the-net", "ethics-and-the-net-2",
         "is taken by another item of the export"),
    ]
    assert report.without_author == ["113"]


def test_report_counts(imported):
    report, _content = imported
    assert (report.posts, report.pages, report.drafts) == (5, 2, 2)
    assert report.skipped == Counter(
        {
            "attachment": 1,
            "nav_menu_item": 1,
            "post: password-protected": 1,
            "post: private": 1,
            "post: trash": 1,
            "type event": 1,
        }
    )
    # Approved responses on pages are kept as on posts; none is dropped for being on a page.
    assert report.responses_kept == Counter({"comment": 7, "pingback": 1, "trackback": 1})
    assert report.responses_dropped == Counter(
        {
            "status 0": 1,
            "status spam": 2,
            "status trash": 1,
            "status post-trashed": 1,
            "approved, on a skipped item (post: private)": 1,
            "approved, on a skipped item (post: password-protected)": 1,
        }
    )
    assert [(m.comment_id, m.old_parent, m.new_parent) for m in report.reparented] == [
        ("1045", "1044", None),
        ("1047", "1046", "1042"),
        ("1048", "999", None),
    ]
    assert report.redirects == 4
    assert report.unreachable_links == [("posts/2012/shortlink-only.md", "/?p=112")]
    assert report.renamed_terms == [("Health, Wellness & You", "Health Wellness & You")]
    # The [gallery] names attachments the export lacks: WordPress shows nothing there either.
    assert report.shortcodes_left == Counter()
    assert report.media.problems == [
        ("posts/2012/shortlink-only.md", "gallery names no image attachment with id 1, 2"),
        ("posts/2012/shortlink-only.md", "gallery with no images left out"),
    ]


def test_report_text_names_reparented_replies_and_unreachable_links(imported):
    text = str(imported[0])
    assert "posts published: 5, pages: 2, drafts: 2" in text
    assert (
        "re-parented reply 1045 on ethics-and-the-net: parent 1044 not kept, now top level" in text
    )
    assert (
        "re-parented reply 1047 on ethics-and-the-net: parent 1046 not kept, now reply to 1042"
        in text
    )
    assert (
        "re-parented reply 1048 on ethics-and-the-net: parent 999 not kept, now top level" in text
    )
    assert "old link /?p=112 cannot be redirected" in text


def test_comments_file_is_the_contract(imported):
    _report, content = imported
    text = read(content, "comments.json")
    document = json.loads(text)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    assert document["responses"] == [
        {
            "id": "1042",
            "post": "ethics-and-the-net",
            "author": "Se\u00e1n O'Brien",
            "url": "https://example.org/",
            "date": "2011-07-21T09:14:00-04:00",
            "content": "Great post.\n\n"
            'Second paragraph with <a href="https://example.org/">a link</a>.',
        },
        {
            "id": "1043",
            "post": "ethics-and-the-net",
            "parent": "1042",
            "author": "Rick Ladd",
            "date": "2011-07-21T10:00:00-04:00",
            "content": "Tr\u00e8s bien \u2014 merci \u2713 \u65e5\u672c\u8a9e",
        },
        {
            "id": "1045",
            "post": "ethics-and-the-net",
            "author": "Careful Reader",
            "date": "2011-07-22T02:00:00-04:00",
            "content": "Replying to the spam, by mistake.",
        },
        {
            "id": "1047",
            "post": "ethics-and-the-net",
            "parent": "1042",
            "author": "Deep Replier",
            "date": "2011-07-22T04:00:00-04:00",
            "content": "Reply to a pending reply.",
        },
        {
            "id": "1048",
            "post": "ethics-and-the-net",
            "author": "Orphan",
            "date": "2011-12-01T12:00:00-05:00",
            "content": "My parent is not in the export.",
        },
        {
            "id": "1049",
            "post": "ethics-and-the-net",
            "type": "pingback",
            "author": "Other Blog \u00bb A reply post",
            "url": "https://other.example/a-reply-post/",
            "date": "2011-07-23T08:00:00-04:00",
            "content": "[&#8230;] a sticky wicket indeed [&#8230;]",
        },
        {
            "id": "1050",
            "post": "ethics-and-the-net",
            "type": "trackback",
            "author": "Tracking Blog",
            "url": "http://tracking.example/post",
            "date": "2011-07-24T08:00:00-04:00",
            "content": "<strong>Tracking</strong> this post.",
        },
        {
            "id": "1060",
            "post": "brouillon-lete",
            "author": "Early Bird",
            "date": "2012-03-06T09:00:00-05:00",
            "content": "A comment on a draft.",
        },
        {
            "id": "1080",
            "post": "about",
            "author": "Page Commenter",
            "date": "2010-05-02T12:00:00-04:00",
            "content": "A comment on a page.",
        },
    ]
    # Unicode is written as text, not \\u escapes.
    assert "Tr\u00e8s bien" in text


def test_wxr_11_export(tmp_path):
    content = tmp_path / "content"
    report = import_wordpress(EXPORT_11, content, timezone="America/Chicago")
    assert report.wxr_version == "1.1"
    assert (content / "posts/2009/rock-and-roll.md").read_text(encoding="utf-8") == (
        "Title: Rock & roll &lt;medicine&gt; isn't dead\n"
        "Date: 2009-11-02 09:00\n"
        "Author: e-Patient Dave & friends\n"
        "Category: Music & Health\n"
        "Tags: rock\n"
        "Slug: rock-and-roll\n"
        "Redirect_from: /archives/2009/11/rock-and-roll.html\n"
        "Guid: http://old.example/?p=7\n"
        "\n"
        "<p>First paragraph.</p>\n"
        "\n"
        "<p>Second paragraph.</p>\n"
    )
    assert json.loads((content / "comments.json").read_text(encoding="utf-8")) == {
        "version": 1,
        "responses": [
            {
                "id": "70",
                "post": "rock-and-roll",
                "author": 'Jane "JD" Doe',
                "url": "http://jane.example/",
                "date": "2009-11-03T09:00:00-06:00",
                "content": "Rock on.",
            }
        ],
    }
