"""The WordPress import's door: no value from an export adds a header line or leaves content/.

Each case is one hostile value in an otherwise plain export (tests/wxr_export.py). The
import must remove or refuse it, name what it refused in one line, carry on with the rest,
and write nothing outside the content folder; the files it writes must build with the
publish settings (any warning fails). A copy of the uploads folder (--media) is a door too:
a symlink in it is refused with one line.
"""

import os
import re

import markdown
import pytest
from content_checks.source import Source
from media_helpers import make_uploads, picture
from wxr_export import UPLOADS, attachment, export_text, post, write_export

from sitebuild import PUBLISH_SETTINGS, build
from tools.wordpress import WxrError, import_wordpress
from tools.wordpress.cli import main

SITEURL = "https://blog.example.org"
PUBLISH = {"settings_file": PUBLISH_SETTINGS, "fatal": "warnings", "SITEURL": SITEURL,
           "FEED_DOMAIN": SITEURL}
# Every key the import writes; an injected line would add another, or repeat one.
KEYS = {"title", "date", "author", "category", "tags", "slug", "summary", "status",
        "redirect_from", "guid", "image", "image_alt"}
INJECTED = "Save_as: index.html"

# (case, fields of one post): each puts a line break or a path into one field.
HEADER_CASES = {
    "title with a newline": {"title": f"Innocent\n{INJECTED}"},
    "title with U+2028": {"title": f"Innocent\u2028{INJECTED}"},
    "title with U+0085 (NEL)": {"title": f"Innocent\x85{INJECTED}"},
    "title with U+2029": {"title": f"Innocent\u2029{INJECTED}"},
    "title with a carriage return": {"title": f"Innocent\r{INJECTED}"},
    "title with C1 controls": {"title": "Inno\x9bcent\x90\x9c"},
    "slug with %0A": {"post_name": "a%0ASave_as%3A%20index.html"},
    "slug with %E2%80%A8": {"post_name": "a%E2%80%A8Save_as%3A%20x"},
    "slug with %C2%85": {"post_name": "a%C2%85Template%3A%20x"},
    "slug climbing out": {"post_name": "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd"},
    "slug ..": {"post_name": ".."},
    "slug with slashes": {"post_name": "a/b/../../c"},
    "slug with backslashes": {"post_name": "..\\..\\windows"},
    "slug with ? and #": {"post_name": "page?x=1#frag"},
    "slug with a control character": {"post_name": "a%00b%1bc"},
    "author with a newline": {"author": f"Ann\n{INJECTED}"},
    "category with a newline": {"categories": ["News\nTemplate: evil"]},
    "tag with U+2028": {"tags": ["t1\u2028Slug: x"]},
    "excerpt with a newline": {"excerpt": f"<p>Short.</p>\n{INJECTED}"},
    "guid with a newline": {"guid": f"https://old.example/?p=1\n{INJECTED}"},
    "old link with U+2028": {"link": "https://old.example/old\u2028Save_as:x/"},
    "featured image address with a newline": {"featured": f"{UPLOADS}/2020/05/a.png\n{INJECTED}"},
    "featured image alt with a newline": {"featured_alt": f"A picture\n{INJECTED}"},
    # No file answers it (plugins/redirects' rule): no Redirect_from the build would refuse.
    "old link climbing out": {"link": "https://old.example/a/../../b/"},
}


def hostile_post(number, fields):
    fields = dict(fields)
    meta, items = {}, []
    if "featured" in fields or "featured_alt" in fields:
        items.append(attachment(1000 + number, "2020/05/a.png", alt=fields.pop(
            "featured_alt", ""), url=fields.pop("featured", None)))
        meta["_thumbnail_id"] = str(1000 + number)
    author = fields.pop("author", None)
    creator = f"user{number}"
    items.insert(0, post(number, fields.pop("title", f"Post {number}"), "<p>Body.</p>",
                         post_name=fields.pop("post_name", f"post-{number}"), meta=meta,
                         creator=creator, **fields))
    return items, (creator, author or f"User {number}")


@pytest.fixture(scope="module")
def header_import(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-headers")
    make_uploads(root / "uploads", ["2020/05/a.png"])
    items, authors = [], []
    for number, fields in enumerate(HEADER_CASES.values(), start=1):
        more, author = hostile_post(number, fields)
        items += more
        authors.append(author)
    export = root / "export.xml"
    export.write_text(export_text(items, authors=authors), encoding="utf-8")
    report = import_wordpress(export, root / "content", media=root / "uploads")
    return report, root


def written_markdown(root):
    return sorted((root / "content").rglob("*.md"))


def header_keys(path):
    """The header's keys as both readers see them: Python-Markdown's meta extension
    (Pelican's reader) and content_checks' line reading (str.splitlines)."""
    text = path.read_text(encoding="utf-8")
    reader = markdown.Markdown(extensions=["meta"])
    reader.convert(text)
    as_lines = [key.lower() for _line, key, _value in Source(path).metadata_lines()]
    return set(reader.Meta), as_lines


@pytest.mark.parametrize("case", list(HEADER_CASES))
def test_no_value_adds_a_header_line(header_import, case):
    _report, root = header_import
    number = list(HEADER_CASES).index(case) + 1
    [path] = [path for path in written_markdown(root)
              if f"Guid: https://old.example/?p={number}\n" in path.read_text(encoding="utf-8")
              or (case.startswith("guid") and f"Post {number}" in path.read_text())]
    meta_keys, line_keys = header_keys(path)
    assert meta_keys <= KEYS, path
    assert len(line_keys) == len(set(line_keys)) and set(line_keys) == meta_keys, path
    # The file is where a post lives: posts/YYYY/<one safe name>.md, under content/.
    relative = path.relative_to(root / "content")
    assert relative.parts[0] == "posts" and len(relative.parts) == 3
    assert re.fullmatch(r"[\w-]+\.md", relative.name), relative
    text = path.read_text(encoding="utf-8")
    header = text.partition("\n\n")[0]
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", header)


def test_what_was_refused_is_named_in_one_line_each(header_import):
    report, _root = header_import
    lines = str(report).splitlines()
    assert any(line.endswith("featured image 1022: its address holds a space or control "
                             "character; left out") for line in lines)
    assert ("  post 20: its guid 'https://old.example/?p=1 Save_as: index.html' is not an "
            "absolute address; written without Guid: (its feed entry gets the site's own id)"
            ) in lines
    assert any("old link /old Save_as:x/ cannot be redirected" in line for line in lines)
    assert any("old link /a/../../b/ cannot be redirected" in line for line in lines)
    assert [slug for _id, _wanted, slug, _why in report.renamed_slugs] == [
        "a-Save_as-index-html", "a-Save_as-x", "a-Template-x", "etc-passwd", "post-11",
        "a-b-c", "windows", "page-x-1-frag", "a-b-c-2"]


def test_nothing_is_written_outside_the_content_folder_and_the_site_builds(header_import):
    _report, root = header_import
    assert sorted(path.name for path in root.iterdir()) == ["content", "export.xml", "uploads"]
    site = build(root / "content", root / "output", **PUBLISH)
    assert site.warnings == []
    assert not (root / "output" / "etc").exists() and (root / "output" / "index.html").exists()


@pytest.fixture
def long_names(tmp_path):
    long_slug = "a" * 300
    greek = "λ" * 200  # 400 bytes of UTF-8
    export = write_export(tmp_path / "export.xml", [
        post(1, "Long", "<p>One.</p>", post_name=long_slug),
        post(2, "Long too", "<p>Two.</p>", post_name=long_slug + "b"),
        post(3, "Greek", "<p>Three.</p>", post_name=greek),
    ])
    return import_wordpress(export, tmp_path / "content"), tmp_path


def test_file_names_too_long_are_shortened_and_stay_distinct(long_names):
    report, root = long_names
    posts = sorted((root / "content/posts/2020").iterdir())
    names = [path.name for path in posts]
    assert len(set(names)) == 3
    assert all(len(name.encode("utf-8")) <= 255 for name in names)
    assert len([name for name in names if re.fullmatch(r"a{200,}-[0-9a-f]{10}\.md", name)]) == 2
    assert any(re.fullmatch(r"λ+-[0-9a-f]{10}\.md", name) for name in names)
    assert [why for *_, why in report.renamed_slugs] == ["is too long for a file name"] * 3
    # The addresses are as short: every folder the build writes has a name a disk can hold.
    site = build(root / "content", root / "output", **PUBLISH)
    assert site.warnings == []
    assert len([path for path in (site.root / "2020/05").iterdir() if path.is_dir()]) == 3


def line_of(export, text):
    return next(number for number, line in enumerate(export.read_text().splitlines(), 1)
                if text in line)


def two_posts_one_bad(tmp_path):
    return write_export(tmp_path / "export.xml", [
        post(1, "Good", "<p>Good.</p>", post_name="good"),
        post(2, "No date", "<p>Bad.</p>", post_name="no-date", date="0000-00-00 00:00:00"),
        post(3, "Also good", "<p>Fine.</p>", post_name="also-good"),
    ])


def test_one_bad_item_is_one_line_and_the_rest_are_imported(tmp_path, capsys):
    export = two_posts_one_bad(tmp_path)
    status = main(["--wxr", str(export), "--content", str(tmp_path / "content")])
    captured = capsys.readouterr()
    assert status == 1
    assert sorted(path.name for path in (tmp_path / "content/posts/2020").iterdir()) == [
        "also-good.md", "good.md"]
    assert [line for line in captured.out.splitlines() if "not imported" in line] == [
        f"  not imported: post 2 (line {line_of(export, '<wp:post_id>2<')}) has no usable date "
        "(wp:post_date_gmt, wp:post_date, pubDate)"]
    assert "Traceback" not in captured.out + captured.err


def test_an_item_that_breaks_the_converter_is_one_line_never_a_traceback(tmp_path, capsys,
                                                                         monkeypatch):
    from tools.wordpress import convert

    real = convert.body_to_html

    def fails_on_one(text, post_id=""):
        if post_id == "3":
            raise ValueError("something in this body is not what WordPress writes")
        return real(text, post_id)

    monkeypatch.setattr(convert, "body_to_html", fails_on_one)
    export = two_posts_one_bad(tmp_path)
    status = main(["--wxr", str(export), "--content", str(tmp_path / "content")])
    captured = capsys.readouterr()
    assert status == 1
    assert (f"  not imported: post 3 (line {line_of(export, '<wp:post_id>3<')}) could not be "
            "converted: something in this body is not what WordPress writes"
            ) in captured.out.splitlines()
    assert (tmp_path / "content/posts/2020/good.md").exists()
    assert "Traceback" not in captured.out + captured.err


XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{secret}">]>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>T</title>
<content:encoded>before &secret; after</content:encoded><wp:post_id>1</wp:post_id>
<wp:post_date_gmt>2020-01-01 12:00:00</wp:post_date_gmt><wp:post_name>t</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
""" + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">\n'
              for n in range(8)) + """]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>
<title>&i;</title></item></channel></rss>
"""


def test_an_external_entity_is_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    export = tmp_path / "export.xml"
    export.write_text(XXE.format(secret=secret), encoding="utf-8")
    import_wordpress(export, tmp_path / "content")
    written = "".join(path.read_text(encoding="utf-8")
                      for path in (tmp_path / "content").rglob("*") if path.is_file())
    assert "before" in written and "TOP-SECRET-VALUE" not in written


def test_an_entity_bomb_is_refused_in_one_line(tmp_path):
    export = tmp_path / "export.xml"
    export.write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(WxrError, match=r"export.xml, line \d+: not well-formed XML"):
        import_wordpress(export, tmp_path / "content")
    assert not (tmp_path / "content").exists()


def test_an_unbound_prefix_other_than_atom_is_still_an_error(tmp_path):
    text = export_text([post(1, "T", "<p>x</p>")]).replace(
        "<title>Old site</title>", "<title>Old site</title><foo:bar>x</foo:bar>")
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    with pytest.raises(WxrError, match="unbound prefix"):
        import_wordpress(export, tmp_path / "content")


def test_wordpress_coms_undeclared_atom_prefix_is_read_and_said(tmp_path):
    text = export_text([post(1, "T", "<p>x</p>", post_name="t")]).replace(
        "<title>Old site</title>",
        '<title>Old site</title><atom:link rel="search" href="https://old.example/osd.xml"/>')
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    report = import_wordpress(export, tmp_path / "content")
    assert (tmp_path / "content/posts/2020/t.md").exists()
    assert report.notes == ["the export uses the atom: prefix without declaring it (as "
                            "WordPress.com's exports of 2011-2012 do); read with Atom's namespace"]


@pytest.fixture
def media_folder(tmp_path):
    """An uploads folder copy with one real picture and an export naming three files."""
    uploads = tmp_path / "uploads"
    make_uploads(uploads, ["2020/05/real.png"])
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.png").write_bytes(picture((1, 2, 3), (5, 5)))
    export = write_export(tmp_path / "export.xml", [post(1, "Pictures", "".join(
        f'<p><img src="{UPLOADS}/{name}" alt="{name}"></p>'
        for name in ("2020/05/real.png", "2020/05/link.png", "2020/06/in-a-linked-folder.png")),
        post_name="pictures")])
    return uploads, export, tmp_path


@pytest.mark.parametrize("kind", ["a file symlink", "a symlink to /etc/passwd",
                                  "a folder symlink"])
def test_a_symlink_in_the_media_folder_is_refused_in_one_line(media_folder, kind, capsys):
    uploads, export, root = media_folder
    if kind == "a file symlink":
        (uploads / "2020/05/link.png").symlink_to(root / "outside" / "secret.png")
        named = uploads / "2020/05/link.png"
    elif kind == "a symlink to /etc/passwd":
        (uploads / "2020/05/link.png").symlink_to("/etc/passwd")
        named = uploads / "2020/05/link.png"
    else:
        (uploads / "2020/06").symlink_to(root / "outside", target_is_directory=True)
        (root / "outside" / "in-a-linked-folder.png").write_bytes(picture((9, 9, 9), (6, 6)))
        named = uploads / "2020/06"
    status = main(["--wxr", str(export), "--content", str(root / "content"),
                   "--media", str(uploads)])
    out = capsys.readouterr().out
    assert status == 1
    assert [line for line in out.splitlines() if "is a symlink in the --media" in line] == [
        f"  missing media {UPLOADS}/{named.relative_to(uploads).as_posix()}"
        f"{'/in-a-linked-folder.png' if named.name == '06' else ''} ({named} is a symlink in "
        "the --media folder; not followed), old address kept: posts/2020/pictures.md"]
    copied = sorted(path.relative_to(root / "content/media").as_posix()
                    for path in (root / "content/media").rglob("*") if path.is_file())
    assert copied == ["2020/05/real.png"]


def test_a_symlinked_folder_in_content_is_never_written_through(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    content = tmp_path / "content"
    content.mkdir()
    (content / "posts").symlink_to(outside, target_is_directory=True)
    export = write_export(tmp_path / "export.xml", [post(1, "T", "<p>x</p>", post_name="t")])
    report = import_wordpress(export, content)
    assert list(outside.iterdir()) == []
    assert report.files_kept == [(content.resolve() / "posts/2020/t.md",
                                  "a folder on its way is a symlink out of the content "
                                  "folder; not written")]


def test_a_symlink_where_a_file_goes_is_left_alone(tmp_path):
    target = tmp_path / "elsewhere.md"
    target.write_text("not the import's\n", encoding="utf-8")
    content = tmp_path / "content"
    (content / "posts/2020").mkdir(parents=True)
    (content / "posts/2020/t.md").symlink_to(target)
    export = write_export(tmp_path / "export.xml", [post(1, "T", "<p>x</p>", post_name="t")])
    report = import_wordpress(export, content, force=True)
    assert target.read_text(encoding="utf-8") == "not the import's\n"
    assert os.path.islink(content / "posts/2020/t.md")
    assert [why for _path, why in report.files_kept] == ["is a symlink; left alone"]
