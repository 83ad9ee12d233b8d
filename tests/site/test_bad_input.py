"""Bad posts stop the build with a message naming the file; nothing is half-published."""

import pytest

from sitebuild import LOCAL_SETTINGS, PUBLISH_SETTINGS, run_pelican, write_post

BAD_POSTS = {
    "no title": ({"title": None}, "could not find information about 'title'"),
    "impossible date": ({"date": "2011-02-30"}, "'2011-02-30' is not a valid date"),
    "unparseable date": ({"date": "Februar 30th"}, "'Februar 30th' is not a valid date"),
    "unknown status": ({"status": "pubilshed"}, "Unknown status 'pubilshed'"),
}


def write_bad_post(content, metadata):
    path = write_post(content, "bad-post", **{k: v for k, v in metadata.items() if v})
    if "title" in metadata:  # drop the header line write_post filled in
        lines = path.read_text().splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.startswith("Title:")))
    return path


@pytest.mark.parametrize("case", BAD_POSTS, ids=list(BAD_POSTS))
@pytest.mark.parametrize(
    "settings,fatal", [(LOCAL_SETTINGS, "errors"), (PUBLISH_SETTINGS, "warnings")],
    ids=["local", "publish"],
)
def test_bad_post_stops_the_build_naming_the_file(tmp_path, case, settings, fatal):
    metadata, message = BAD_POSTS[case]
    content = tmp_path / "content"
    write_post(content, "good-post")
    write_bad_post(content, metadata)
    output = tmp_path / "output"
    result = run_pelican(
        content, "-o", output,
settings=settings, fatal=fatal)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "bad-post.md" in log
    assert message in log
    assert not (output / "2020/01/good-post/index.html").exists()


def test_broken_internal_link_stops_the_publish_build(tmp_path):
    content = tmp_path / "content"
    write_post(content, "good-post", body="See [the missing post]({filename}/posts/gone.md).")
    result = run_pelican(content, "-o", tmp_path / "output", settings=PUBLISH_SETTINGS,
                         fatal="warnings")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    # content_checks names the post, its line and the link, before Pelican's own warning.
    assert "good-post.md:6: the link {filename}/posts/gone.md leads nowhere" in " ".join(
        log.split())
