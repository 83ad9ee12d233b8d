"""Privacy, idempotency, refusal to overwrite edits, bad input, progress and the command line."""

import logging
import re
import xml.etree.ElementTree as ET

import pytest
from wordpress_helpers import EXPORT_11, EXPORT_12, FIXTURES

from tools.wordpress import StoreError, WxrError, import_wordpress
from tools.wordpress.cli import main

WP = "{http://wordpress.org/export/1.2/}"
WP11 = "{http://wordpress.org/export/1.1/}"
# PHP-serialised strings inside akismet_as_submitted: s:<length>:"<value>";
SERIALISED_STRING = re.compile(r's:\d+:"([^"]*)";')
PERSONAL_KEYS = re.compile(r"mail|_ip$|agent|ADDR|SERVER_|DOCUMENT_ROOT|REMOTE_")


def secrets_in(export, wp):
    """Every value the import must never write: e-mails, IPs, passwords, all commentmeta."""
    root = ET.parse(export).getroot()
    values = set()
    for tag in ("comment_author_email", "comment_author_IP", "author_email", "post_password"):
        values |= {element.text for element in root.iter(f"{wp}{tag}") if element.text}
    for meta in root.iter(f"{wp}commentmeta"):
        value = meta.find(f"{wp}meta_value").text
        values.add(value)
        # The pieces too, so a leak of one user agent or IP inside it is caught.
        pairs = SERIALISED_STRING.findall(value)
        values |= {
            v
            for k, v in zip(pairs[::2], pairs[1::2], strict=False)
            if PERSONAL_KEYS.search(k) and v
        }
    return values


def test_privacy_probe_values_are_found_in_the_fixture():
    """The search below is only worth something if it looks for the right things."""
    secrets = secrets_in(EXPORT_12, WP)
    for probe in (
        "sean.probe@commenters.example",
        "203.0.113.42",
        "2001:db8::45",
        "rick.private@authors.example",
        "pat.hidden@authors.example",
        "hunter2-probe-password",
        "Mozilla/5.0 (ProbeOS 1.0) ProbeBrowser/9.9",
        "probe-nginx/0.8.55",
        "/home/probe-blog/htdoc",
        "trash-meta-probe-1311595200",
    ):
        assert probe in secrets
    # 14 e-mails, 16 IPs, 1 password, 3 commentmeta values and 4 pieces of them.
    assert len(secrets) == 38
    # Long enough that finding one in the output can only be a leak.
    assert min(len(secret) for secret in secrets) == 5


@pytest.mark.parametrize(("export", "wp"), [(EXPORT_12, WP), (EXPORT_11, WP11)])
def test_nothing_private_is_written_or_printed(tmp_path, capsys, caplog, export, wp):
    caplog.set_level(logging.DEBUG)
    content = tmp_path / "content"
    status = main(["--wxr", str(export), "--content", str(content)])
    report = import_wordpress(export, content)  # the second run, through the API
    captured = capsys.readouterr()
    # Without --media, the 1.2 export's one image cannot be had: the import says so and
    # exits 1 (the 1.1 export has none).
    assert status == (1 if export == EXPORT_12 else 0)
    assert captured.out.startswith(f"WordPress import of {export} (WXR ")
    outputs = {
        path: path.read_text(encoding="utf-8") for path in tmp_path.rglob("*") if path.is_file()
    }
    outputs["stdout"] = captured.out
    outputs["stderr"] = captured.err
    outputs["log"] = caplog.text
    outputs["report"] = str(report)
    assert len(outputs) >= 6
    leaks = [
        (secret, where)
        for secret in secrets_in(export, wp)
        for where, text in outputs.items()
        if secret in text
    ]
    assert leaks == []
    # Nor the text of private, password-protected, trashed, spam or pending items.
    probes = re.compile(r"[a-z-]+-probe-text")
    assert [where for where, text in outputs.items() if probes.search(text)] == []


def snapshot(content):
    return {
        path: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in content.rglob("*")
        if path.is_file()
    }


def test_reimport_changes_no_file(tmp_path):
    content = tmp_path / "content"
    first = import_wordpress(EXPORT_12, content)
    before = snapshot(content)
    second = import_wordpress(EXPORT_12, content)
    assert snapshot(content) == before
    assert len(first.files_written) == 10  # 9 posts and pages, and wordpress-terms.json
    assert (first.responses_added, first.responses_file) == (9, str(content / "comments.json"))
    assert (
        len(second.files_written),
        len(second.files_unchanged),
        len(second.files_replaced),
        len(second.files_kept),
    ) == (0, 10, 0, 0)
    assert (second.responses_added, second.responses_there) == (0, 9)


def test_an_edited_file_is_kept_and_named_then_replaced_with_force(tmp_path):
    content = tmp_path / "content"
    import_wordpress(EXPORT_12, content)
    edited = content / "posts/2011/new-style.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "An author's edit.\n", encoding="utf-8")
    before = snapshot(content)
    report = import_wordpress(EXPORT_12, content)
    assert snapshot(content) == before
    assert report.files_kept == [
        (edited, "differs from the export (edited since the import?); --force replaces it")]
    assert f"  kept {edited}: differs from the export (edited since the import?); --force " \
        "replaces it" in str(report).splitlines()
    forced = import_wordpress(EXPORT_12, content, force=True)
    assert forced.files_replaced == [
        (edited, "it differed from the export; replaced because of --force")]
    assert f"  replaced {edited}: it differed from the export; replaced because of --force" in (
        str(forced).splitlines())
    assert not edited.read_text(encoding="utf-8").endswith("An author's edit.\n")


def test_a_broken_comments_file_stops_the_import_before_anything_is_written(tmp_path):
    content = tmp_path / "content"
    (content / "comments.json").parent.mkdir(parents=True)
    (content / "comments.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(StoreError, match="comments.json: not a valid comments file"):
        import_wordpress(EXPORT_12, content)
    assert [path.name for path in content.rglob("*")] == ["comments.json"]


def test_existing_unrelated_content_is_kept(tmp_path):
    content = tmp_path / "content"
    own = content / "posts/2011/an-authors-own-post.md"
    own.parent.mkdir(parents=True)
    own.write_text("Title: Mine\n", encoding="utf-8")
    import_wordpress(EXPORT_12, content)
    assert own.read_text(encoding="utf-8") == "Title: Mine\n"


def truncated_copy(tmp_path):
    lines = EXPORT_12.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "truncated.xml"
    path.write_text("".join(lines[:60]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make_export", "line", "problem"),
    [
        (lambda tmp_path: FIXTURES / "not-xml.txt", 1, "not well-formed XML"),
        (
            lambda tmp_path: FIXTURES / "not-wxr.xml",
            2,
            "not a WordPress export (WXR): <rss> declares no wp: namespace",
        ),
        (
            lambda tmp_path: FIXTURES / "atom.xml",
            3,
            "not a WordPress export (WXR): the root element is <feed>",
        ),
        (truncated_copy, 61, "not well-formed XML (truncated or not XML at all): no element found"),
    ],
)
def test_bad_input_names_file_and_line_and_writes_nothing(tmp_path, make_export, line, problem):
    export = make_export(tmp_path)
    content = tmp_path / "site" / "content"
    with pytest.raises(WxrError) as error:
        import_wordpress(export, content)
    assert error.value.line == line
    assert str(error.value).startswith(f"{export}, line {line}: {problem}")
    assert not (tmp_path / "site").exists()


def test_bad_input_on_the_command_line(tmp_path, capsys):
    status = main(["--wxr", str(FIXTURES / "not-wxr.xml"), "--content", str(tmp_path / "content")])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err == (
        f"import-wordpress: {FIXTURES / 'not-wxr.xml'}, line 2: not a WordPress export (WXR): "
        "<rss> declares no wp: namespace (http://wordpress.org/export/1.x/)\n"
    )
    assert not (tmp_path / "content").exists()


def big_export(path, count):
    item = (
        "<item><title>Post {n}</title><link>https://x.example/archives/{n}.html</link>"
        "<dc:creator>a</dc:creator><content:encoded><![CDATA[Body {n}]]></content:encoded>"
        "<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>2015-01-01 12:00:00</wp:post_date_gmt>"
        "<wp:post_name>post-{n}</wp:post_name><wp:status>publish</wp:status>"
        "<wp:post_type>post</wp:post_type></item>\n"
    )
    path.write_text(
        '<?xml version="1.0"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n'
        + "".join(item.format(n=n) for n in range(1, count + 1))
        + "</channel></rss>\n",
        encoding="utf-8",
    )
    return path


def test_progress_is_logged_every_500_items(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    report = import_wordpress(big_export(tmp_path / "big.xml", 1200), tmp_path / "content")
    assert report.posts == 1200
    progress = [
        record.getMessage() for record in caplog.records if "converted" in record.getMessage()
    ]
    assert progress == [
        "wordpress: converted 500 of 1200 items",
        "wordpress: converted 1000 of 1200 items",
    ]
    reading = [
        record.getMessage()
        for record in caplog.records
        if record.getMessage().startswith("wordpress: read")
    ]
    assert reading == [
        f"wordpress: read {n} items from {tmp_path / 'big.xml'}" for n in (500, 1000, 1200)
    ]
