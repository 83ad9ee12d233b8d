"""`invoke gh-pages` publishes the production build into a real (bare) git repository."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import SEED_PATH, copy_project, parse, write_post

INVOKE = Path(sys.executable).with_name("invoke")
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def project(tmp_path):
    """A clone-like copy of the project (with the tests' seed site as its content) and an
    empty bare repository to publish to."""
    checkout = copy_project(tmp_path / "project")
    git("init", "--quiet", "--initial-branch=main", cwd=checkout)
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    return checkout, remote


def publish(checkout, *args, **env):
    return subprocess.run(
        [str(INVOKE), "gh-pages", *args], cwd=checkout, capture_output=True, text=True,
        env={**os.environ, **GIT_IDENTITY, "SITEURL": "https://blog.example.org", **env},
    )


def published_files(remote, branch="gh-pages"):
    return git("ls-tree", "-r", "--name-only", branch, cwd=remote).split()


def test_gh_pages_pushes_the_site_with_nojekyll(project, tmp_path):
    checkout, remote = project
    result = publish(checkout, "--remote", str(remote))
    assert result.returncode == 0, result.stdout + result.stderr
    files = published_files(remote)
    assert {"index.html", ".nojekyll", str(SEED_PATH), "feeds/all.atom.xml"} <= set(files)
    assert "CNAME" not in files
    assert not any(name.startswith("drafts/") for name in files)
    # The pushed page is the publish build: absolute links.
    page_text = git("show", f"gh-pages:{SEED_PATH}", cwd=remote)
    page_file = tmp_path / "seed.html"
    page_file.write_text(page_text, encoding="utf-8")
    first_category = parse(page_file).select_one(".posted-in a")["href"]
    assert first_category == "https://blog.example.org/category/ethics/"


def test_gh_pages_branch_option_and_cname(project):
    checkout, remote = project
    result = publish(checkout, "--remote", str(remote), "--branch", "site",
                     CNAME="blog.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CNAME" in published_files(remote, "site")
    assert git("show", "site:CNAME", cwd=remote).strip() == "blog.example.org"


def test_failed_build_publishes_nothing(project):
    checkout, remote = project
    write_post(checkout / "content", "broken", date="2011-02-30")
    result = publish(checkout, "--remote", str(remote))
    assert result.returncode != 0
    assert "broken.md" in result.stdout + result.stderr
    assert git("branch", "--list", cwd=remote).strip() == ""


def test_every_publish_keeps_the_custom_domain(project):
    # The workflow passes vars.PAGES_CNAME as CNAME to every run, scheduled ones included.
    checkout, remote = project
    for _ in range(2):
        result = publish(checkout, "--remote", str(remote), CNAME="blog.example.org")
        assert result.returncode == 0, result.stdout + result.stderr
        assert git("show", "gh-pages:CNAME", cwd=remote).strip() == "blog.example.org"
    assert len(git("log", "--format=%H", "gh-pages", cwd=remote).split()) == 2
