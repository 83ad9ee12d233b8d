"""`invoke gh-pages` publishes the committed site into a real (bare) git repository: only
committed work, and no commit when the site has not changed."""

import datetime

import pytest

from sitebuild import (
    GIT_IDENTITY,
    REPO_ROOT,
    SEED_PATH,
    commit_all,
    copy_project,
    git,
    parse,
    run_invoke,
    write_post,
)


@pytest.fixture
def project(tmp_path):
    """A clone-like copy of the project (with the tests' seed site as its content), all of it
    committed, and an empty bare repository to publish to."""
    checkout = copy_project(tmp_path / "project")
    (checkout / ".gitignore").write_text((REPO_ROOT / ".gitignore").read_text())
    git("init", "--quiet", "--initial-branch=main", cwd=checkout)
    commit_all(checkout, "The site")
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    return checkout, remote


def publish(checkout, *args, **env):
    return run_invoke("gh-pages", *args, cwd=checkout, env={
        **GIT_IDENTITY, "SITEURL": "https://blog.example.org", "PAGES_CNAME": "", **env})


def published_files(remote, branch="gh-pages"):
    return git("ls-tree", "-r", "--name-only", branch, cwd=remote).split()


def commits(remote, branch="gh-pages"):
    return git("log", "--format=%s", branch, cwd=remote).splitlines()


def test_gh_pages_pushes_the_committed_site_with_nojekyll(project, tmp_path):
    checkout, remote = project
    head = git("rev-parse", "--short", "HEAD", cwd=checkout).strip()
    result = publish(checkout, "--remote", str(remote))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"gh-pages: publishing commit {head} (the working tree is clean)"
    pushed = git("rev-parse", "--short", "gh-pages", cwd=remote).strip()
    assert lines[-1] == (f"gh-pages: pushed https://blog.example.org (commit {pushed}) to "
                         f"{remote} gh-pages")
    assert commits(remote) == [f"Publish site on {datetime.date.today()} from {head}"]
    files = published_files(remote)
    assert {"index.html", ".nojekyll", str(SEED_PATH), "feeds/all.atom.xml"} <= set(files)
    assert "CNAME" not in files
    assert not any(name.startswith("drafts/") for name in files)
    # The pushed page is the publish build: absolute links.
    page_file = tmp_path / "seed.html"
    page_file.write_text(git("show", f"gh-pages:{SEED_PATH}", cwd=remote), encoding="utf-8")
    first_category = parse(page_file).select_one(".posted-in a")["href"]
    assert first_category == "https://blog.example.org/category/ethics/"


def test_gh_pages_branch_option_and_custom_domain(project):
    checkout, remote = project
    result = publish(checkout, "--remote", str(remote), "--branch", "site",
                     PAGES_CNAME="blog.example.org", SITEURL="")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CNAME" in published_files(remote, "site")
    assert git("show", "site:CNAME", cwd=remote).strip() == "blog.example.org"
    assert "pushed https://blog.example.org (commit" in result.stdout


def test_an_unchanged_site_adds_no_commit_and_keeps_the_domain(project):
    # The workflow passes vars.PAGES_CNAME to every run, the daily ones included.
    checkout, remote = project
    for _ in range(2):
        result = publish(checkout, "--remote", str(remote), PAGES_CNAME="blog.example.org")
        assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"gh-pages: {remote} gh-pages already serves this site; nothing pushed")
    assert len(commits(remote)) == 1
    assert git("show", "gh-pages:CNAME", cwd=remote).strip() == "blog.example.org"
    # The local branch holds no unpushed empty commit either.
    assert git("rev-parse", "gh-pages", cwd=checkout) == git("rev-parse", "gh-pages", cwd=remote)

    write_post(checkout / "content", "news", body="Something new.")
    head = commit_all(checkout, "A new post")
    result = publish(checkout, "--remote", str(remote), PAGES_CNAME="blog.example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    assert commits(remote)[0] == f"Publish site on {datetime.date.today()} from {head}"
    assert len(commits(remote)) == 2
    assert "2020/01/news/index.html" in published_files(remote)
    assert git("show", "gh-pages:CNAME", cwd=remote).strip() == "blog.example.org"


def test_a_second_clone_publishes_onto_what_is_served(project, tmp_path):
    # CI publishes from a fresh clone every time: its history starts from the remote's branch.
    checkout, remote = project
    assert publish(checkout, "--remote", str(remote)).returncode == 0
    other = tmp_path / "other"
    git("clone", "--quiet", str(checkout), str(other), cwd=tmp_path)
    result = publish(other, "--remote", str(remote))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nothing pushed" in result.stdout
    assert len(commits(remote)) == 1


@pytest.mark.parametrize("change", ["edited", "untracked"])
def test_a_dirty_working_tree_is_not_published(project, change):
    checkout, remote = project
    if change == "edited":
        seed = next((checkout / "content" / "posts").rglob("*.md"))
        seed.write_text(seed.read_text() + "\nAn unfinished sentence.\n")
        named = seed.relative_to(checkout).as_posix()
    else:
        named = write_post(checkout / "content", "unsaved").relative_to(checkout).as_posix()
    result = publish(checkout, "--remote", str(remote))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"gh-pages: refused: the working tree has changes that are not committed ({named}); "
        "commit or stash them, then publish again. Nothing was published.")
    assert git("branch", "--list", cwd=remote).strip() == ""


def test_failed_build_publishes_nothing(project):
    checkout, remote = project
    write_post(checkout / "content", "broken", date="2011-02-30")
    commit_all(checkout, "A broken post")
    result = publish(checkout, "--remote", str(remote))
    assert result.returncode != 0
    assert "broken.md:2: Date '2011-02-30' is not a real date" in result.stdout + result.stderr
    assert git("branch", "--list", cwd=remote).strip() == ""
