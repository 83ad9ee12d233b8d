"""Door 1, files: nothing outside the project reaches the site.

A symbolic link anywhere in content/ or the theme is refused, one line naming it, before
anything is read (`invoke build`, `invoke check` and the live preview alike); so is a link,
an Image: or a reStructuredText directive that reads a file outside the content folder.
Each case asserts the exact line and that nothing was written.
"""

import os
import time
from pathlib import Path

import pytest

from hostile.hostile_helpers import leaked, preview_lines, run, theme_copy, written
from sitebuild import LOCAL_SETTINGS, write_files, write_post

LINK = ("is a symbolic link (to {target}), and a link can publish files from outside the "
        "project; put the file itself here, or delete the link")
PASSWD = "/etc/passwd"


def refusal(link, target):
    return f"{link}: {LINK.format(target=target)}"


def link(path, target):
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path, target_is_directory=os.path.isdir(target))
    return path


def good_site(root):
    content = root / "content"
    write_post(content, "good", body="A post of its own.")
    return content


# (name, plant(root, content, secret) -> (the link, its target, settings to override))
def _image(root, content, secret):
    return link(content / "images" / "photo.jpg", PASSWD), PASSWD, {}


def _image_folder(root, content, secret):
    return link(content / "images", secret.parent), secret.parent, {}


def _media_subfolder(root, content, secret):
    (content / "media").mkdir()
    return link(content / "media" / "2011", secret.parent), secret.parent, {}


def _post(root, content, secret):
    return link(content / "posts" / "leak.md", secret), secret, {}


def _posts_folder(root, content, secret):
    (secret.parent / "posts").mkdir()
    (secret.parent / "posts" / "x.md").write_text(secret.read_text())
    return link(content / "posts" / "more", secret.parent / "posts"), secret.parent / "posts", {}


def _page(root, content, secret):
    return link(content / "pages" / "leak.md", secret), secret, {}


def _inside_content(root, content, secret):
    write_files(content, {"images/a.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    return link(content / "images" / "b.svg", "a.svg"), "a.svg", {}


def _dangling(root, content, secret):
    return link(content / "images" / "gone.png", "/nonexistent/gone.png"), \
        "/nonexistent/gone.png", {}


def _comments(root, content, secret):
    return link(content / "comments.json", secret), secret, {}


def _comments_folder_file(root, content, secret):
    (content / "comments").mkdir()
    return (link(content / "comments" / "2011.json", secret), secret,
            {"RESPONSES_PATH": "comments"})


def _favicon(root, content, secret):
    return link(content / "extra" / "favicon.ico", PASSWD), PASSWD, {}


def _theme_static(root, content, secret):
    theme = theme_copy(root / "theme")
    return link(theme / "static" / "css" / "leak.css", PASSWD), PASSWD, {"THEME": str(theme)}


def _theme_static_folder(root, content, secret):
    theme = theme_copy(root / "theme")
    return (link(theme / "static" / "more", secret.parent), secret.parent,
            {"THEME": str(theme)})


def _theme_template(root, content, secret):
    theme = theme_copy(root / "theme")
    return (link(theme / "templates" / "partials" / "leak.html", secret), secret,
            {"THEME": str(theme)})


SYMLINKS = {
    "an image -> /etc/passwd": _image,
    "content/images -> a folder outside": _image_folder,
    "a media subfolder -> a folder outside": _media_subfolder,
    "a post -> a file outside": _post,
    "a folder of posts -> a folder outside": _posts_folder,
    "a page -> a file outside": _page,
    "a link to another file in content/": _inside_content,
    "a dangling link": _dangling,
    "comments.json -> a file outside": _comments,
    "a comments folder's file -> a file outside": _comments_folder_file,
    "extra/favicon.ico (EXTRA_PATH_METADATA) -> /etc/passwd": _favicon,
    "a theme static file -> /etc/passwd": _theme_static,
    "a theme static folder -> a folder outside": _theme_static_folder,
    "a theme template -> a file outside": _theme_template,
}
# The comments store names a linked comments file in the responses plugin's layout
# ("file message", as for its other file problems).
COMMENTS_CASES = ("comments.json -> a file outside", "a comments folder's file -> a file outside")


@pytest.mark.parametrize("mode", ["build", "check", "preview"])
@pytest.mark.parametrize("case", SYMLINKS, ids=list(SYMLINKS))
def test_a_symbolic_link_is_refused_before_anything_is_read(tmp_path, secret, case, mode):
    content = good_site(tmp_path)
    planted, target, settings = SYMLINKS[case](tmp_path, content, secret)
    output = tmp_path / "output"
    expected = refusal(planted, target)
    if case in COMMENTS_CASES:
        expected = expected.replace(f"{planted}: ", f"{planted} ", 1)
    if mode == "preview":
        lines = preview_lines(content, output, **settings)
    else:
        report, lines = run(content, output, mode, **settings)
        assert report.failed
    assert lines == [expected]
    assert written(output) == []


def test_control_an_editors_lock_link_is_left_alone(tmp_path):
    # Emacs keeps a dangling link `.#post.md` beside a file being edited; Pelican ignores it
    # (IGNORE_FILES), so it is nothing the site reads.
    content = good_site(tmp_path)
    link(content / "posts" / ".#good.md", "ann@laptop.1234:1700000000")
    report, lines = run(content, tmp_path / "output", "check")
    assert (report.failed, lines) == (False, [])


def test_control_every_link_is_named_not_only_the_first(tmp_path, secret):
    content = good_site(tmp_path)
    first = link(content / "images" / "a.jpg", PASSWD)
    second = link(content / "posts" / "leak.md", secret)
    report, lines = run(content, tmp_path / "output", "check")
    assert report.failed
    assert lines == [refusal(first, PASSWD), refusal(second, secret)]


# --- links and paths that lead out of the content folder ------------------------------------

OUT = ("leads out of the content folder, and only files in it are published; link a file in "
       "content/, or delete the link")


def relative_to_post(content, secret):
    return os.path.relpath(secret, content / "posts")


def relative_to_content(content, secret):
    return os.path.relpath(secret, content)


LINKS = {
    "{static} from the content folder's root":
        lambda c, s: f"{{static}}/{relative_to_content(c, s)}",
    "{static} relative to the post": lambda c, s: f"{{static}}{relative_to_post(c, s)}",
    "{attach} relative to the post": lambda c, s: f"{{attach}}{relative_to_post(c, s)}",
    "{filename} relative to the post": lambda c, s: f"{{filename}}{relative_to_post(c, s)}",
    "{static} to a file of the project outside content/": lambda c, s: "{static}/../x.txt",
}


@pytest.mark.parametrize("mode", ["build", "check"])
@pytest.mark.parametrize("case", LINKS, ids=list(LINKS))
def test_a_link_out_of_the_content_folder_is_refused(tmp_path, secret, case, mode):
    content = good_site(tmp_path)
    (tmp_path / "x.txt").write_text("TOPSECRET of the project")
    target = LINKS[case](content, secret)
    path = write_post(content, "linker", body=f"See [the file]({target}).")
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    assert lines == [f"{path}:6: the link {target} {OUT}"]
    assert written(output) == []


@pytest.mark.parametrize("mode", ["build", "check"])
@pytest.mark.parametrize("prefix", ["{static}/", ""])
def test_an_image_out_of_the_content_folder_is_refused(tmp_path, secret, prefix, mode):
    content = good_site(tmp_path)
    value = prefix + relative_to_content(content, secret)
    path = write_post(content, "pictured", image=value, image_alt="A photo")
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    shown = value.removeprefix("{static}")
    assert lines == [f"featured_image: {path}:5: Image {shown} leads out of the content "
                     "folder, and only files in it are published; name a file in content/, "
                     "or delete the line"]
    assert written(output) == []


RST = {
    "include": ".. include:: {secret}",
    "include, literal": ".. include:: {secret}\n   :literal:",
    "include, relative": ".. include:: ../../outside/secret.txt",
    "raw with :file:": ".. raw:: html\n   :file: {secret}",
    "csv-table with :file:": ".. csv-table:: Leak\n   :file: {secret}",
}


@pytest.mark.parametrize("mode", ["build", "check"])
@pytest.mark.parametrize("case", RST, ids=list(RST))
def test_a_restructuredtext_directive_that_reads_a_file_is_refused(tmp_path, secret, case,
                                                                   mode):
    content = good_site(tmp_path)
    directive = RST[case].format(secret=secret)
    path = content / "posts" / "leak.rst"
    path.write_text(f"Leak\n####\n\n:date: 2020-01-01\n:category: general\n\n{directive}\n",
                    encoding="utf-8")
    output = tmp_path / "output"
    report, lines = run(content, output, mode)
    assert report.failed
    name = case.split(",")[0].split(" ")[0]
    assert lines == [f"{path}:7: \"{name}\" directive disabled: a post is built from its own "
                     "text only, never from other files; paste the text in instead"]
    assert written(output) == []


# --- while the live preview runs ------------------------------------------------------------

@pytest.fixture
def running(tmp_path):
    """The live preview of a small site of its own, with the watcher on."""
    from tools.authoring.build import plugins_disconnected_after
    from tools.preview.cli import make_preview, preview_settings, start_threads

    content = good_site(tmp_path)
    theme = theme_copy(tmp_path / "theme")
    with plugins_disconnected_after():
        settings = preview_settings(LOCAL_SETTINGS, content, tmp_path / "output")
        settings.update(THEME=str(theme), CACHE_PATH=str(tmp_path / "cache"))
        preview = make_preview(settings, str(LOCAL_SETTINGS), "127.0.0.1", 0, search=False,
                               search_delay=0, debounce=200)
        preview.on_restart = lambda: None
        reports = []
        preview.report = lambda failure: reports.append(failure.messages)
        preview.start()
        start_threads(preview)
        try:
            yield content, theme, preview, reports
        finally:
            preview.stop.set()
            preview.server.shutdown()
            preview.server.server_close()


def settle(preview, change):
    before = preview.received
    change()
    assert preview.wait_settled(before, timeout=60), "the preview did not settle in 60 s"
    time.sleep(0.3)
    preview.wait_settled(preview.received - 1, timeout=60)


def test_a_post_replaced_by_a_link_while_the_preview_runs_is_refused(running, secret):
    content, _, preview, reports = running
    post = content / "posts" / "good.md"

    def replace():
        post.unlink()
        os.symlink(secret, post)

    settle(preview, replace)
    assert reports[-1] == [refusal(post, secret)]
    assert leaked(preview.site.output) == []


def test_a_theme_file_linked_while_the_preview_runs_is_refused(running):
    _, theme, preview, reports = running
    planted = theme / "static" / "css" / "leak.css"
    settle(preview, lambda: os.symlink(PASSWD, planted))
    assert reports[-1] == [refusal(planted, PASSWD)]
    assert not (Path(preview.site.output) / "theme" / "css" / "leak.css").exists()
    assert (Path(preview.site.output) / "theme" / "css" / "site.css").is_file()


@pytest.mark.parametrize("mode", ["build", "check"])
def test_a_static_file_sent_out_of_the_site_by_its_metadata_is_refused(tmp_path, mode):
    content = good_site(tmp_path)
    write_files(content, {"extra/notes.txt": "Notes."})
    output = tmp_path / "output"
    report, lines = run(content, output, mode,
                        EXTRA_PATH_METADATA={"extra/notes.txt": {"save_as": "../escape.txt"}})
    assert report.failed
    assert lines == [f"{content / 'extra' / 'notes.txt'}: would be copied to ../escape.txt, "
                     "outside the site; fix its path in EXTRA_PATH_METADATA"]
    assert written(output) == [] and not (tmp_path / "escape.txt").exists()
