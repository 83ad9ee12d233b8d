"""pelican-cms.js, the CMS's reader and writer of Pelican's `Key: value` header, run under Node:
saving unchanged keeps every byte, an edit rewrites only its own line, and what it writes
Pelican reads as the author meant."""

import difflib

from cms_testing import SETTINGS, call_format, edited, read, round_trip

import tasks
from sitebuild import FIXTURE_CONTENT, build, text, write_files
from tools.authoring.new_post import make_slug
from tools.wordpress import import_wordpress

SEED = FIXTURE_CONTENT / "posts/2011/social-media-patients-and-physicians-a-sticky-wicket.md"
# A hand-written post with everything an author may type: keys in lower case and with extra
# spaces, keys no CMS field shows, a value continued on an indented line, an empty Tags:,
# Windows line ends, HTML in the body and no newline at its end.
HAND_WRITTEN = (
    "title:   Open notes, two years on\r\n"
    "Date: 2024-03-10 02:30\r\n"
    "Modified: 2024-04-01\r\n"
    "category: ethics,  open notes\r\n"
    "Tags:\r\n"
    "Summary: What patients told us\r\n"
    "    after reading their notes.\r\n"
    "Redirect_from: /2024/03/open-notes-2/\r\n"
    "Pinned: no\r\n"
    "Status: draft\r\n"
    "Image: {static}/images/notes.png\r\n"
    "Image_alt: A visit note on a phone\r\n"
    "\r\n"
    "<figure><img src=\"{static}/images/notes.png\" alt=\"A note\"></figure>\r\n"
    "\r\n"
    "Key: value lines in the text stay text.")


def changed_lines(before, after):
    return [line for line in difflib.ndiff(before.splitlines(True), after.splitlines(True))
            if line[:1] in "+-"]


def test_saving_unchanged_keeps_every_byte(tmp_path):
    scaffold = tasks.create_post("A new post", date="2026-11-25 09:30", posts_path=tmp_path)
    for original in [read(SEED), HAND_WRITTEN, "Title: Only a header\n",
                     "Title: No blank line\nThe text starts here.\n", read(scaffold)]:
        assert round_trip(original) == original


def test_every_post_and_page_the_wordpress_importer_writes_round_trips(tmp_path):
    from wordpress.wordpress_helpers import EXPORT_12

    content = tmp_path / "content"
    import_wordpress(EXPORT_12, content)
    files = sorted(content.rglob("*.md"))
    assert len(files) > 5
    for path in files:
        assert round_trip(read(path)) == read(path), path


def test_an_edit_rewrites_only_its_own_line():
    seed = read(SEED)
    assert changed_lines(seed, edited(seed, title="Social media and physicians")) == [
        "- Title: Social media, patients, and physicians: a sticky wicket\n",
        "+ Title: Social media and physicians\n",
    ]
    # A change of capitals is a change.
    assert changed_lines(seed, edited(seed, tags=["bma", "AMA", "Facebook",
                                                  "physician-patient communication"])) == [
        "- Tags: BMA, AMA, Facebook, physician-patient communication\n",
        "+ Tags: bma, AMA, Facebook, physician-patient communication\n",
    ]
    pinned = edited(seed, pinned=True)
    assert changed_lines(seed, pinned) == ["+ Pinned: yes\n"]
    assert pinned.splitlines()[7:9] == ["Pinned: yes", ""]
    # Unpinned again, the post is what it was.
    assert edited(pinned, pinned=False) == seed


def test_edits_keep_the_key_as_written_and_the_line_ends():
    written = edited(HAND_WRITTEN, title="Open notes, three years on", status="published",
                     tags=["notes", "records"], new_categories=["open notes", "research"])
    assert written == HAND_WRITTEN.replace(
        "title:   Open notes, two years on", "title: Open notes, three years on").replace(
        "category: ethics,  open notes", "category: ethics, open notes, research").replace(
        "Tags:", "Tags: notes, records").replace("Status: draft\r\n", "")


def test_a_new_post_is_written_as_new_post_writes_one_and_pelican_reads_it(tmp_path):
    data = {"title": "Caregivers at the table", "date": "2026-11-25T06:30-08:00",
            "author": "Ann Editor", "categories": ["ethics", "social media"],
            "new_categories": ["caregiving"], "tags": ["family", "visits"], "summary": "",
            "slug": "caregivers-at-the-table", "pinned": True, "status": "published",
            "image": "{static}/images/table.png", "image_alt": "A kitchen table",
            "body": "We asked caregivers.\n\n![Three chairs]({static}/images/table.png)"}
    written, = call_format(["toFile", data, SETTINGS])
    assert written == (
        "Title: Caregivers at the table\n"
        "Date: 2026-11-25 09:30\n"
        "Author: Ann Editor\n"
        "Category: ethics, social media, caregiving\n"
        "Tags: family, visits\n"
        "Slug: caregivers-at-the-table\n"
        "Image: {static}/images/table.png\n"
        "Image_alt: A kitchen table\n"
        "Pinned: yes\n"
        "\n"
        "We asked caregivers.\n"
        "\n"
        "![Three chairs]({static}/images/table.png)\n"
    )
    from media_helpers import picture

    content = write_files(tmp_path / "content", {"posts/2026/caregivers-at-the-table.md": written})
    (content / "images").mkdir()
    (content / "images/table.png").write_bytes(picture((1, 2, 3), (4, 3)))
    site = build(content, tmp_path / "output", fatal="warnings")
    page = site.soup("2026/11/caregivers-at-the-table/")
    assert text(page.select_one("article.post h1")) == "Caregivers at the table"
    assert page.select_one("article.post time")["datetime"] == "2026-11-25T09:30:00-05:00"
    assert [text(a) for a in page.select(".posted-in a")] == ["ethics", "social media",
                                                              "caregiving"]
    assert [text(a) for a in page.select(".post-tags a")] == ["family", "visits"]
    assert page.select_one(".featured-image img")["alt"] == "A kitchen table"
    assert page.select_one(".post-content img")["alt"] == "Three chairs"
    home = site.soup("")
    assert "Caregivers at the table" in text(home.select_one("main"))


def test_values_cannot_add_header_lines():
    data, = call_format(["fromFile", read(SEED), SETTINGS])
    written, = call_format(["toFile", {**data, "title": "Hello\nStatus: draft\n\nBody"},
                            SETTINGS])
    assert written.splitlines()[0] == "Title: Hello Status: draft Body"
    assert "Status: draft" not in written.splitlines()[1:]


def test_images_without_a_description_are_refused():
    data, = call_format(["fromFile", read(SEED), SETTINGS])
    answers = call_format(
        ["toFile", {**data, "image": "{static}/images/a.png", "image_alt": " "}, SETTINGS],
        ["toFile", {**data, "body": "Text.\n\n![]({static}/images/a.png)"}, SETTINGS],
        ["toFile", {**data, "body": 'Text. <img src="{static}/images/a.png">'}, SETTINGS],
        ["toFile", {**data, "body": 'Decorative: <img src="{static}/images/a.png" alt="">'},
         SETTINGS])
    assert answers[0] == (
        "The featured image has no description: write what a reader who cannot see it should "
        "know in \u201cDescription of the featured image\u201d.")
    assert answers[1] == answers[2] == (
        "The text: an image has no alt text; describe it for readers who cannot see it: "
        "![what the image shows]({static}/images/file.jpg)")
    assert answers[3].endswith('alt="">\n')


def test_dates_are_written_in_the_site_time_zone_from_any_computer():
    answers = call_format(
        # Picked on a computer in Los Angeles, in London, in New York.
        ["widgetDateToHeader", "2026-07-01T09:30-07:00", "America/New_York"],
        ["widgetDateToHeader", "2026-07-01T14:30+01:00", "America/New_York"],
        ["widgetDateToHeader", "2026-12-31T21:30-05:00", "America/New_York"],
        # Read from the header for the date picker, summer and winter time.
        ["headerDateToWidget", "2026-07-01 12:30", "America/New_York"],
        ["headerDateToWidget", "2026-11-25 09:30", "America/New_York"],
        ["headerDateToWidget", "2011-07-20", "America/New_York"],
        # The hour clocks skip and the hour they repeat, read as Python's zoneinfo reads them.
        ["headerDateToWidget", "2026-03-08 02:30", "America/New_York"],
        ["headerDateToWidget", "2026-11-01 01:30", "America/New_York"],
        timezone="Australia/Sydney")
    assert answers == ["2026-07-01 12:30", "2026-07-01 09:30", "2026-12-31 21:30",
                       "2026-07-01T12:30-04:00", "2026-11-25T09:30-05:00",
                       "2011-07-20T00:00-04:00", "2026-03-08T03:30-04:00",
                       "2026-11-01T01:30-04:00"]


def test_a_date_only_line_is_kept_until_the_date_changes():
    post = "Title: Old\nDate: 2011-07-20\n\nText.\n"
    assert round_trip(post) == post
    assert edited(post, date="2011-07-21T08:15-04:00") == (
        "Title: Old\nDate: 2011-07-21 08:15\n\nText.\n")


def test_new_posts_get_new_posts_address_and_their_year_in_the_site_time_zone():
    titles = ["Patients as partners: a primer", "Don't panic — it's only data!",
              "Café & crème: naïve questions", "A" * 30 + " " + "b" * 40]
    slugs = call_format(*[["makeSlug", title, 60] for title in titles])
    settings = {"SLUG_REGEX_SUBSTITUTIONS": [
        (r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]}
    assert slugs == [make_slug(title, settings) for title in titles]
    prepared = call_format(
        # 22:00 on New Year's Eve in Los Angeles is 1 a.m. in New York: the 2027 folder.
        ["prepare", {"title": "Happy new year", "date": "2026-12-31T22:00-08:00"}, "posts",
         True, SETTINGS],
        ["prepare", {"title": "Social media, patients, and physicians: a sticky wicket",
                     "date": "2026-01-05T10:00-05:00"}, "posts", True, SETTINGS],
        ["prepare", {"title": "Kept", "date": "2026-01-05T10:00-05:00", "slug": "kept"},
         "posts", False, SETTINGS])
    assert prepared == [
        {"year_folder": "2027", "slug": "happy-new-year"},
        {"year_folder": "2026", "slug": "social-media-patients-and-physicians-a-sticky-wicket-2"},
        {"year_folder": "2026"},
    ]


def test_a_post_saved_without_a_date_is_dated_now_in_new_york():
    prepared, = call_format(["prepare", {"title": "Now", "date": ""}, "posts", True, SETTINGS])
    assert prepared["date"][16:] in ("-05:00", "-04:00")
    assert len(prepared["year_folder"]) == 4


def test_the_preview_shows_dates_in_the_site_format():
    assert call_format(["siteDate", "2026-11-05 09:30", "%B %-d, %Y"],
                       ["siteDate", "2026-11-05 09:30", "%a %d %b %Y, %H:%M"]) == [
        "November 5, 2026", "Thu 05 Nov 2026, 09:30"]
