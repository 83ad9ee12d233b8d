"""What real exports taught the audit (issue 21), on hand-made exports and sites: the test,
not the importer, decides what is true.

WordPress's theme unit test data, a WordPress.com blog's export and self-hosted blogs'
exports gave: text split by inline tags (H<sub>2</sub>O), markup in attributes, old
addresses answering at the wrong file, multisite and hosted uploads never compared,
images that do not decode, the undeclared atom: prefix, and thousands of lines of one
problem. Each case is here in a few lines of its own."""

import hashlib
import io
import subprocess
import sys

from audit_helpers import failures
from media_helpers import picture
from PIL import Image

from sitebuild import REPO_ROOT, write_files
from tools.audit import run_audit
from tools.audit.images import made_from

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><link>{site}</link>"""
ITEM = """<item><title>{title}</title><link>{site}{path}</link>
 <content:encoded><![CDATA[{body}]]></content:encoded>
 <wp:post_id>{post_id}</wp:post_id><wp:post_date>2011-07-20 09:00:00</wp:post_date>
 <wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>
 <wp:post_type>{kind}</wp:post_type>{comments}</item>"""
COMMENT = """<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>
 <wp:comment_author>{author}</wp:comment_author><wp:comment_content><![CDATA[{text}]]>
 </wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved>
 <wp:comment_parent>0</wp:comment_parent></wp:comment>"""
ATTACHMENT = """<item><title>{name}</title><link>{site}/?attachment_id={post_id}</link>
 <wp:post_id>{post_id}</wp:post_id><wp:status>inherit</wp:status>
 <wp:post_type>attachment</wp:post_type><wp:attachment_url>{url}</wp:attachment_url>
 {meta}</item>"""
PAGE = """<!DOCTYPE html><html><head><title>{title}</title>
<link rel="canonical" href="https://new.example{url}"></head>
<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>"""


# WordPress's feed addresses answer with a feed (these items have no <guid> to compare).
FEED = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><link href="https://new.example/2011/07/hello/"/><id>tag:new.example,2011:1</id></entry>
</feed>"""
FEEDS = {f"{old}feed/index.html": FEED for old in ("", "comments/", "2011/07/hello/")}


def check(report, name):
    return next(result for result in report.checks if result.name == name)


def write_site(root, files):
    write_files(root, {**FEEDS, **files})


def export(tmp_path, items, site="https://old.example", head=HEAD):
    path = tmp_path / "export.xml"
    path.write_text(head.format(site=site) + "".join(items) + "</channel></rss>",
                    encoding="utf-8")
    return path


def post(body, comments="", site="https://old.example", post_id=1, slug="hello",
         title="Hello", status="publish", kind="post", path=None):
    return ITEM.format(site=site, path=path or f"/2011/07/{slug}/", body=body,
                       post_id=post_id, slug=slug, title=title, status=status, kind=kind,
                       comments=comments)


def comment(comment_id, text, author="Ann", approved="1"):
    return COMMENT.format(comment_id=comment_id, author=author, text=text, approved=approved)


def page(body, title="Hello", url="/2011/07/hello/"):
    return PAGE.format(title=title, url=url, body=body)


def attachment(url, post_id=9, meta=""):
    return ATTACHMENT.format(site="https://old.example", name=url.rsplit("/", 1)[-1],
                             post_id=post_id, url=url, meta=meta)


def attached_file(path):
    return (f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
            f"<wp:meta_value><![CDATA[{path}]]></wp:meta_value></wp:postmeta>")


THREAD = """<section id="responses"><h2>One Response</h2><ol>
<li id="comment-5"><p>Ann says:</p><div>{text}</div></li></ol></section>"""


def test_inline_markup_and_markup_in_attributes_do_not_split_words(tmp_path):
    # Theme unit test data, comment 881: "H<sub>2</sub>O"; the site's sanitiser keeps no
    # <sub>, so it shows "H2O". A title attribute holding "<cite>" is an attribute, not a tag.
    body = ('Water is H<sub>2</sub>O, see <a href="https://example.org/" title="The <cite> '
            'element, &lt;q&gt; too">the reference</a> for more.')
    wxr = export(tmp_path, [post(body, comment(5, "Mostly H<sub>2</sub>O and <b>salt</b>."))])
    write_site(tmp_path / "site", {"2011/07/hello/index.html": page(
        "<p>Water is H<sub>2</sub>O, see <a href='https://example.org/'>the reference</a> for "
        "more.</p>" + THREAD.format(text="<p>Mostly H2O and <b>salt</b>.</p>"))})
    report = run_audit(wxr, tmp_path / "site")
    assert report.passed, str(report)


def test_an_old_address_answers_only_at_its_own_path(tmp_path):
    # The resolver used to drop leading segments: /2011/07/hello/ "answered" at /hello/.
    wxr = export(tmp_path, [post("Some words here.")])
    write_site(tmp_path / "site", {"hello/index.html": page("<p>Some words here.</p>",
                                                       url="/hello/")})
    report = run_audit(wxr, tmp_path / "site")
    assert failures(report, "old addresses") == [
        "post 1 “Hello” (https://old.example/2011/07/hello/): /2011/07/hello/ answers nothing"]


def test_a_hidden_posts_old_address_is_named_only_where_it_answers(tmp_path):
    hidden = post("The password hides this.", post_id=2, slug="secret", title="Secret",
                  path="/2011/07/secret/").replace(
        "<wp:post_type>", "<wp:post_password>pw</wp:post_password><wp:post_type>")
    wxr = export(tmp_path, [post("Some words here."), hidden])
    site = tmp_path / "site"
    write_site(site, {"2011/07/hello/index.html": page("<p>Some words here.</p>"),
                 "index.html": page("<p>Home.</p>", title="Home", url="/"),
                 "secret/index.html": page("<p>Elsewhere.</p>", title="Elsewhere",
                                           url="/secret/")})
    assert failures(run_audit(wxr, site), "privacy") == []
    write_files(site, {"2011/07/secret/index.html": page("<p>Other.</p>", title="Other",
                                                         url="/2011/07/secret/")})
    assert failures(run_audit(wxr, site), "privacy") == [
        "/2011/07/secret/index.html: the old address of password-protected post 2 answers there"]


def multisite(tmp_path, picture, source_files):
    url = "https://old.example/wp-content/uploads/sites/2/2011/07/pic.png"
    wxr = export(tmp_path, [post(f'Look: <img src="{url}" alt="A pic">'),
                            attachment(url, meta=attached_file("2011/07/pic.png"))])
    site = tmp_path / "site"
    write_site(site, {"2011/07/hello/index.html": page(
        '<p>Look: <img src="/media/2011/07/pic.png" alt="A pic"></p>'),
        "media/2011/07/pic.png": picture})
    write_files(tmp_path / "uploads", source_files)
    return run_audit(wxr, site, media=tmp_path / "uploads")


def test_multisite_media_are_compared_and_a_junk_copy_is_named(tmp_path):
    original = picture((20, 120, 40))
    report = multisite(tmp_path, original, {"2011/07/pic.png": original})
    assert report.passed, str(report)
    assert check(report, "media").summary.endswith("(1 byte for byte, 0 as pictures)")
    report = multisite(tmp_path, b"<html>Not found</html>", {"2011/07/pic.png": original})
    assert failures(report, "media") == [
        "/media/2011/07/pic.png does not decode as an image (cannot identify image file): "
        f"{tmp_path}/uploads/2011/07/pic.png (attachment 9 “pic.png” "
        "(https://old.example/?attachment_id=9))"]


def test_a_copy_of_the_whole_multisite_uploads_folder_serves_as_its_source(tmp_path):
    original = picture((20, 120, 40))
    report = multisite(tmp_path, original, {"sites/2/2011/07/pic.png": original})
    assert report.passed, str(report)
    assert "1 copies in the site compared" in check(report, "media").summary


def hosted(tmp_path, files, source):
    url = "https://oldblog.files.wordpress.com/2009/02/pic.png"
    wxr = export(tmp_path, [post(f'<img src="{url}?w=300" alt="A pic">',
                                 site="https://oldblog.wordpress.com"), attachment(url)],
                 site="https://oldblog.wordpress.com")
    site = tmp_path / "site"
    write_site(site, {"2011/07/hello/index.html": page('<img src="/media/2009/02/pic-300w.webp" '
                                                  'alt="A pic">'), **files})
    write_files(tmp_path / "uploads", source)
    return run_audit(wxr, site, media=tmp_path / "uploads")


def test_hosted_media_and_their_resized_copies_are_compared_as_pictures(tmp_path):
    # WordPress.com keeps uploads at name.files.wordpress.com/YYYY/MM/; the site's copies
    # (issue 22) are resized and re-encoded: made from the original, not the same bytes.
    original = picture((200, 90, 10), size=(300, 200))
    smaller = Image.open(io.BytesIO(original)).resize((150, 100))
    stream = io.BytesIO()
    smaller.save(stream, "WEBP", quality=70)
    report = hosted(tmp_path, {"media/2009/02/pic.png": original,
                               "media/2009/02/pic-300w.webp": stream.getvalue()},
                    {"2009/02/pic.png": original})
    assert report.passed, str(report)
    assert check(report, "media").summary.endswith("(1 byte for byte, 1 as pictures)")


def test_a_copy_that_is_another_picture_is_named(tmp_path):
    original = picture((200, 90, 10), size=(300, 200))
    report = hosted(tmp_path, {"media/2009/02/pic.png": original,
                               "media/2009/02/pic-300w.webp": picture((10, 90, 200), (150, 100),
                                                                  "WEBP")},
                    {"2009/02/pic.png": original})
    (line,) = failures(report, "media")
    assert line.startswith("/media/2009/02/pic-300w.webp is not made from its original: the "
                           "pictures differ by ")
    assert line.endswith(f"(at most 8 allowed): {tmp_path}/uploads/2009/02/pic.png (attachment "
                         "9 “pic.png” (https://old.example/?attachment_id=9))")


def test_an_image_that_does_not_decode_is_named_without_a_source_folder(tmp_path):
    wxr = export(tmp_path, [post("Some words here.")])
    site = tmp_path / "site"
    write_site(site, {"2011/07/hello/index.html": page("<p>Some words here.</p>"),
                 "media/2011/07/photo.jpg": picture((1, 2, 3), kind="JPEG")[:200],
                 "images/logo.gif": b"GIF89a junk"})
    assert sorted(failures(run_audit(wxr, site), "media")) == [
        "/images/logo.gif does not decode as an image (cannot identify image file)",
        "/media/2011/07/photo.jpg does not decode as an image (Truncated File Read)",
    ]


def test_made_from_keeps_byte_comparison_for_files_that_are_not_images(tmp_path):
    write_files(tmp_path, {"a.pdf": b"%PDF-1.4 one", "b.pdf": b"%PDF-1.4 two",
                           "c.pdf": b"%PDF-1.4 one"})
    assert made_from(tmp_path / "c.pdf", tmp_path / "a.pdf") is None
    assert made_from(tmp_path / "b.pdf", tmp_path / "a.pdf") == (
        "differs from its original (not the same bytes)")


def test_a_crop_is_not_a_resized_copy(tmp_path):
    original = picture((200, 90, 10), size=(300, 200))
    write_files(tmp_path, {"pic.png": original,
                           "pic-crop.png": picture((200, 90, 10), size=(200, 200))})
    assert made_from(tmp_path / "pic-crop.png", tmp_path / "pic.png") == (
        "is not a resized copy of its original: 200x200 against 300x200")


def short_spam_site(tmp_path, pasted, theme_404="<p>Page not found.</p>"):
    wxr = export(tmp_path, [post("Some words here.", comment(5, "Thanks a lot!")
                                 + comment(6, "BUY CHEAP PILLS", author="Spam", approved="spam")
                                 + comment(7, "Thanks a lot!", author="Spam", approved="spam")
                                 + comment(8, "Page not found", author="Spam", approved="0"))])
    site = tmp_path / "site"
    write_site(site, {"2011/07/hello/index.html": page(
        f"<p>Some words here.</p>{pasted}" + THREAD.format(text="<p>Thanks a lot!</p>")),
        "404.html": page(theme_404, title="Not found", url="/404.html")})
    return run_audit(wxr, site)


def test_a_three_word_spam_comment_pasted_into_a_page_is_named(tmp_path):
    report = short_spam_site(tmp_path, "<p><em>Buy</em> cheap pills!</p>")
    assert failures(report, "privacy") == [
        "/2011/07/hello/index.html: the text of spam comment 6"]


def test_short_hidden_texts_the_export_or_the_theme_shows_are_not_leaks(tmp_path):
    # "Thanks a lot!" is also an approved comment; "Page not found" is the theme's own text.
    report = short_spam_site(tmp_path, "<p>Page not found</p>")
    assert report.passed, str(report)
    assert "1 short hidden texts not looked for" in check(report, "privacy").notes[0]
    # A short text inside a longer paragraph is a coincidence, not a leak.
    assert short_spam_site(tmp_path, "<p>We never buy cheap pills here.</p>").passed


WXR_COM_HEAD = HEAD.replace("<channel>", "<channel><atom:link rel='hub' "
                            "href='https://oldblog.wordpress.com/?pushpress=hub'/>")


def test_a_wordpress_com_export_with_an_undeclared_atom_prefix_is_read(tmp_path):
    wxr = export(tmp_path, [post("Some words here.")], head=WXR_COM_HEAD)
    write_site(tmp_path / "site", {"2011/07/hello/index.html": page("<p>Some words here.</p>")})
    report = run_audit(wxr, tmp_path / "site")
    assert report.passed, str(report)
    assert check(report, "posts and pages").notes == [
        "the export uses the atom: prefix without declaring it (as WordPress.com's exports "
        "of 2011-2012 do); read with Atom's namespace"]


def test_one_problem_on_many_pages_is_printed_once_with_a_count(tmp_path):
    url = "https://old.example/wp-content/uploads/2011/07/pic.png"
    items = [post(f'Post {number} <img src="{url}" alt="">', post_id=number,
                  slug=f"post-{number}", title=f"Post {number}") for number in range(1, 41)]
    items += [attachment(url, post_id=99), attachment(url.replace("pic", "other"), post_id=98)]
    wxr = export(tmp_path, items)
    site = tmp_path / "site"
    for number in range(1, 41):
        write_site(site, {f"2011/07/post-{number}/index.html": page(
            f'<p>Post {number} <img src="{url}" alt=""></p><p><img src="'
            f'{url.replace("pic", "other")}" alt=""></p>', title=f"Post {number}",
            url=f"/2011/07/post-{number}/")})
    result = subprocess.run([sys.executable, "-m", "tools.audit", "--wxr", str(wxr), "--site",
                             str(site)], capture_output=True, text=True, cwd=REPO_ROOT)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) < 20, result.stdout
    assert "media: 2 failed, 1 distinct problem" in lines
    assert ("  - a file of the old site's uploads is still loaded from the old site: 2 times, "
            "2 different") in lines
    assert ("      /wp-content/uploads/2011/07/pic.png (attachment 99 “pic.png” "
            "(https://old.example/?attachment_id=99)) is loaded from the old site by 40 files: "
            "/2011/07/post-1/index.html, /2011/07/post-10/index.html, "
            "/2011/07/post-11/index.html, …") in lines


def guid_site(tmp_path, feed_id, extra=None):
    body = post("Some words here.", comment(5, "First!")).replace(
        "<content:encoded>", "<guid isPermaLink=\"false\">https://old.example/?p=1</guid>"
        "<category domain=\"category\" nicename=\"patient-voices\">Patient Voices</category>"
        "<content:encoded>")
    wxr = export(tmp_path, [body])
    feed = FEED.replace("<id>tag:new.example,2011:1</id>", f"<id>{feed_id}</id>")
    write_site(tmp_path / "site", {
        "2011/07/hello/index.html": page("<p>Some words here.</p>" + THREAD.format(
            text="<p>First!</p>")),
        **{f"{old}feed/index.html": feed for old in ("", "comments/", "2011/07/hello/",
                                                    "category/patient-voices/")},
        **(extra or {})})
    return run_audit(wxr, tmp_path / "site")


def test_feed_entries_keep_the_posts_wordpress_guids(tmp_path):
    report = guid_site(tmp_path, "https://old.example/?p=1")
    assert report.passed, str(report)
    assert check(report, "feeds").summary == (
        "4 old feed addresses checked (4 answer with a feed); 4 entries' ids compared with "
        "the export's GUIDs")


def test_an_entry_id_that_is_not_the_guid_is_named_once_for_every_feed(tmp_path):
    report = guid_site(tmp_path, "tag:new.example,2011-07-20:/2011/07/hello/")
    assert failures(report, "feeds") == [
        "post 1 “Hello” (https://old.example/2011/07/hello/): its entry has the id "
        "tag:new.example,2011-07-20:/2011/07/hello/ in 4 files: /feed/index.html, "
        "/comments/feed/index.html, /category/patient-voices/feed/index.html, …, not its "
        "GUID https://old.example/?p=1"]


def test_two_entries_of_a_feed_with_one_id_are_named(tmp_path):
    other = ('<entry><link href="https://new.example/2011/07/other/"/>'
             "<id>https://old.example/?p=1</id></entry>")
    guid_site(tmp_path, "https://old.example/?p=1")
    feed = tmp_path / "site/feed/index.html"
    feed.write_text(feed.read_text().replace("</feed>", other + "</feed>"))
    report = run_audit(tmp_path / "export.xml", tmp_path / "site")
    assert failures(report, "feeds") == [
        "/feed/index.html has 2 entries with the id https://old.example/?p=1"]


def test_an_old_feed_address_that_answers_nothing_or_a_page_is_named(tmp_path):
    report = guid_site(tmp_path, "https://old.example/?p=1", {
        "category/patient-voices/feed/index.html": page("<p>Not a feed.</p>", title="Oops",
                                                        url="/category/patient-voices/feed/")})
    (tmp_path / "site/comments/feed/index.html").unlink()
    report = run_audit(tmp_path / "export.xml", tmp_path / "site")
    assert failures(report, "feeds") == [
        "/comments/feed/ (the site's responses feed) answers nothing",
        "/category/patient-voices/feed/ (the feed of the category patient-voices) answers with "
        "/category/patient-voices/feed/index.html, which is no Atom or RSS feed",
    ]


def test_a_response_renamed_for_a_taken_id_stands_for_its_wordpress_id(tmp_path):
    # The shipped seed post's responses hold ids 1 and 2; an imported response with such an
    # id is shown as wp-<old host>-<id> (tools/wordpress/comments.py), its reply under it.
    wxr = export(tmp_path, [post("Some words here.", comment(1, "First!") + comment(
        2, "A reply.", author="Bob").replace("<wp:comment_parent>0", "<wp:comment_parent>1"))])
    thread = """<section id="responses"><h2>2 Responses</h2><ol>
<li id="comment-wp-old-example-1"><p>Ann says:</p><div><p>First!</p></div>
<ol><li id="comment-wp-old-example-2-2"><p>Bob says:</p><div><p>A reply.</p></div></li></ol>
</li>{extra}</ol></section>"""
    write_site(tmp_path / "site", {"2011/07/hello/index.html": page(
        "<p>Some words here.</p>" + thread.format(extra=""))})
    report = run_audit(wxr, tmp_path / "site")
    assert report.passed, str(report)
    write_site(tmp_path / "site", {"2011/07/hello/index.html": page(
        "<p>Some words here.</p>" + thread.format(
            extra='<li id="comment-wp-old-example-9"><p>Eve says: Hi.</p></li>'))})
    assert failures(run_audit(wxr, tmp_path / "site"), "responses") == [
        "post 1 “Hello” (https://old.example/2011/07/hello/): /2011/07/hello/ shows responses "
        "that are not approved responses of this item: wp-old-example-9"]


def test_an_old_address_that_is_the_sites_own_page_is_a_note(tmp_path):
    # The import keeps the shipped About page at /about/; the old site's About is /about-2/.
    wxr = export(tmp_path, [post("We are the old society.", kind="page", slug="about",
                                 title="About", path="/about/")])
    site = tmp_path / "site"
    write_site(site, {"about/index.html": page("<p>The society today.</p>", title="About",
                                               url="/about/"),
                      "about-2/index.html": page("<p>We are the old society.</p>",
                                                 title="About", url="/about-2/")})
    report = run_audit(wxr, site)
    assert report.passed, str(report)
    assert check(report, "old addresses").notes == [
        "page 1 “About” (https://old.example/about/): /about/ is the address of a page of the "
        "site's own (“about”), not from the export; the item is at /about-2/"]
    # A page of the export at another item's old address is a failure.
    write_site(site, {"about/index.html": page("<p>Hello.</p>", title="Hello", url="/about/")})
    wxr = export(tmp_path, [post("We are the old society.", kind="page", slug="about",
                                 title="About", path="/about/"), post("Hello.", post_id=2)])
    assert ("page 1 “About” (https://old.example/about/): /about/ leads to /about/, not to the "
            "item's page /about-2/") in failures(run_audit(wxr, site), "old addresses")


def test_a_copy_is_compared_with_its_original_turned_upright(tmp_path):
    # A phone photo stored sideways with EXIF orientation 6; the site publishes it upright.
    image = Image.open(io.BytesIO(picture((40, 160, 90), (60, 40), "JPEG")))
    exif = image.getexif()
    exif[0x0112] = 6
    image.save(tmp_path / "photo.jpg", "JPEG", exif=exif)
    upright = image.transpose(Image.Transpose.ROTATE_270).resize((20, 30))
    upright.save(tmp_path / "photo.abcd1234-20.webp", "WEBP")
    image.resize((30, 20)).save(tmp_path / "photo.sideways-30.webp", "WEBP")
    assert made_from(tmp_path / "photo.abcd1234-20.webp", tmp_path / "photo.jpg") is None
    assert made_from(tmp_path / "photo.sideways-30.webp", tmp_path / "photo.jpg") == (
        "is not a resized copy of its original: 30x20 against 40x60")


def test_a_copy_named_by_its_originals_sha256_is_found_whatever_its_stem(tmp_path):
    # plugins/images makes the stem a slug: "17.19.46" loses its dots; the sha256 names it.
    original = picture((200, 90, 10), size=(300, 200))
    digest = hashlib.sha256(original).hexdigest()[:8]
    smaller = io.BytesIO()
    Image.open(io.BytesIO(original)).resize((150, 100)).save(smaller, "WEBP")
    url = "https://oldblog.files.wordpress.com/2013/10/2013-10-19-17.19.46.png"
    wxr = export(tmp_path, [post(f'<img src="{url}" alt="A pic">',
                                 site="https://oldblog.wordpress.com"), attachment(url)],
                 site="https://oldblog.wordpress.com")
    write_site(tmp_path / "site", {
        "2011/07/hello/index.html": page('<img src="/media/2013/10/pic.webp" alt="A pic">'),
        "media/2013/10/2013-10-19-17.19.46.png": original,
        f"media/2013/10/2013-10-19-171946.{digest}-150.webp": smaller.getvalue()})
    write_files(tmp_path / "uploads", {"2013/10/2013-10-19-17.19.46.png": original})
    report = run_audit(wxr, tmp_path / "site", media=tmp_path / "uploads")
    assert report.passed, str(report)
    assert check(report, "media").summary.endswith("(1 byte for byte, 1 as pictures)")


def test_an_old_animation_cut_short_is_the_original_of_its_complete_copies(tmp_path):
    """A real upload's GIF lost its last frame; the site publishes the frames that decode
    (plugins/images), and those copies are made from it. A copy showing something else is
    still caught."""
    frames = [Image.effect_noise((120, 80), 40 + 30 * number).convert("P") for number in range(4)]
    whole = io.BytesIO()
    frames[0].save(whole, "GIF", save_all=True, append_images=frames[1:], duration=100)
    kept = io.BytesIO()
    frames[0].save(kept, "GIF", save_all=True, append_images=frames[1:2], duration=100)
    write_files(tmp_path, {"spin.gif": whole.getvalue()[:-200], "spin-copy.gif": kept.getvalue(),
                           "other.gif": picture((200, 90, 10), size=(120, 80), kind="GIF")})
    assert made_from(tmp_path / "spin-copy.gif", tmp_path / "spin.gif") is None
    assert made_from(tmp_path / "other.gif", tmp_path / "spin.gif").startswith(
        "is not made from its original: the pictures differ by ")
