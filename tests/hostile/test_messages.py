"""Door 9, messages: every refusal is one line naming the file and line (or record), in the
same words in `invoke build`, `invoke check` and the live preview; the commands print no
traceback unless asked (-D), and the plain `pelican` command refuses too."""

import json
import os
import subprocess
import sys

import pytest

from hostile.hostile_helpers import preview_lines, run, written
from sitebuild import PUBLISH_SETTINGS, REPO_ROOT, run_pelican, write_post


def slug_out_of_the_site(content, secret):
    path = write_post(content, "victim")
    path.write_text(path.read_text().replace("Slug: victim", "Slug: ../.."))


def save_as_over_the_home_page(content, secret):
    write_post(content, "victim", save_as="index.html")


def save_as_out_of_the_site(content, secret):
    write_post(content, "victim", save_as="../../outside.html")


def link_out_of_the_content(content, secret):
    write_post(content, "victim", body=f"[x]({{static}}/{os.path.relpath(secret, content)})")


def symbolic_link(content, secret):
    (content / "images").mkdir()
    os.symlink(secret, content / "images" / "photo.jpg")


def response_too_long(content, secret):
    (content / "comments.json").write_text(json.dumps({"version": 1, "responses": [
        {"id": "1", "post": "good", "author": "A", "date": "2020-02-01",
         "content": "x" * 70000}]}))


def response_nested_too_deep(content, secret):
    (content / "comments.json").write_text(json.dumps({"version": 1, "responses": [
        {"id": "1", "post": "good", "author": "A", "date": "2020-02-01",
         "content": "<div>" * 200}]}))


def template_of_another_theme(content, secret):
    write_post(content, "victim", template="!simple/article")


REFUSALS = {
    "a Slug out of the site": slug_out_of_the_site,
    "a Save_as over the home page": save_as_over_the_home_page,
    "a Save_as out of the site": save_as_out_of_the_site,
    "a link out of the content folder": link_out_of_the_content,
    "a symbolic link": symbolic_link,
    "a response over the size cap": response_too_long,
    "a response nested too deep": response_nested_too_deep,
    "a Template of another theme": template_of_another_theme,
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_a_refusal_is_one_line_in_the_same_words_everywhere(tmp_path, secret, case):
    content = tmp_path / "content"
    write_post(content, "good")
    REFUSALS[case](content, secret)
    build_report, build_lines = run(content, tmp_path / "build", "build")
    check_report, check_lines = run(content, tmp_path / "check", "check")
    preview = preview_lines(content, tmp_path / "preview")
    assert build_report.failed and check_report.failed
    assert len(build_lines) == 1
    assert build_lines == check_lines == preview
    assert str(content) in build_lines[0]
    for folder in ("build", "check", "preview"):
        assert written(tmp_path / folder) == []


def command(*arguments):
    return subprocess.run([sys.executable, "-m", "tools.authoring.build", *map(str, arguments)],
                          capture_output=True, text=True, cwd=REPO_ROOT)


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "-D"])
def test_the_check_command_prints_the_refusal_and_no_traceback(tmp_path, secret, debug):
    content = tmp_path / "content"
    write_post(content, "good")
    symbolic_link(content, secret)
    result = command("-s", PUBLISH_SETTINGS, "--fatal", "warnings", content, "-o",
                     tmp_path / "output", *(["-D"] if debug else []))
    assert result.returncode == 1
    link = content / "images" / "photo.jpg"
    refusal = (f"ERROR {link}: is a symbolic link (to {secret}), and a link can publish files "
               "from outside the project; put the file itself here, or delete the link")
    if not debug:
        assert (result.stdout + result.stderr).splitlines() == [refusal]
    assert refusal in result.stderr.splitlines()
    assert "Traceback" not in result.stdout + result.stderr  # a refusal is no crash
    assert "TOPSECRET" not in result.stdout + result.stderr
    assert written(tmp_path / "output") == []


def test_the_pelican_command_refuses_a_symbolic_link_too(tmp_path, secret):
    content = tmp_path / "content"
    write_post(content, "good")
    symbolic_link(content, secret)
    result = run_pelican(content, "-o", tmp_path / "output", settings=PUBLISH_SETTINGS,
                         fatal="warnings")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "is a symbolic link" in log and "TOPSECRET" not in log
    assert written(tmp_path / "output") == []
