"""A draft's own page says "Draft: not published" in local builds; published posts, pages and
the publish build carry no such mark."""

from sitebuild import LOCAL_SETTINGS, PUBLISH_SETTINGS, build, text, write_page, write_post


def marks(site, path):
    return [text(mark) for mark in site.soup(path).select(".draft-mark")]


def test_drafts_are_marked_on_their_own_pages_in_local_builds(tmp_path):
    content = tmp_path / "content"
    write_post(content, "ready")
    write_post(content, "not-yet", status="draft", title="Not yet")
    write_page(content, "about")
    write_page(content, "plans", status="draft")
    site = build(content, tmp_path / "local", settings_file=LOCAL_SETTINGS, fatal="warnings")
    assert marks(site, "drafts/not-yet/") == ["Draft: not published"]
    assert marks(site, "drafts/pages/plans/") == ["Draft: not published"]
    assert marks(site, "2020/01/ready/") == []
    assert marks(site, "about/") == []
    assert marks(site, "") == []
    # Above the title, where the eye starts.
    header = site.soup("drafts/not-yet/").select_one("article header")
    assert [child.name for child in header.find_all(True, recursive=False)][:2] == ["p", "h1"]
    assert text(header.h1) == "Not yet"


def test_the_publish_build_writes_no_draft_and_no_mark(tmp_path):
    content = tmp_path / "content"
    write_post(content, "ready")
    write_post(content, "not-yet", status="draft")
    site = build(content, tmp_path / "published", settings_file=PUBLISH_SETTINGS,
                 fatal="warnings", SITEURL="https://blog.example.org")
    assert not (site.root / "drafts").exists()
    assert all(not site.soup(path).select(".draft-mark") for path in site.html_paths())
