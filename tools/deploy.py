"""Publishing to GitHub Pages (`invoke gh-pages`): where the site is served, and what is pushed.

- ``published_address``: the address GitHub Pages serves the site at, which the publish build
  (publishconf.py) makes every link, stylesheet, image, sitemap entry and robots.txt line
  point to: the custom domain in ``PAGES_CNAME``, else ``https://<owner>.github.io/<repo>``
  in a GitHub workflow (``GITHUB_REPOSITORY``), else the site's own domain.
- ``uncommitted``: only committed work is published; a working tree with changes is refused.
- ``publish``: ghp-import commits the built site onto what the remote branch serves, and the
  commit is pushed only when the site's files differ from it: an unchanged site (a daily run
  with nothing due) adds no commit. Git's tree ids compare every file's bytes.
"""

import contextlib
import re
import subprocess

from ghp_import import GhpError, ghp_import

# A host name, as GitHub Pages' custom domain setting takes it.
DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", re.I)


class PublishError(Exception):
    """Publishing cannot go on; the message says why and what to do. Nothing was pushed."""


def published_address(environ, default):
    """(SITEURL, CNAME) for the publish build, from the environment the workflow sets.

    CNAME is the custom domain (``PAGES_CNAME``, e.g. ``blog.participatorymedicine.org``), or
    "" when there is none; ``SITEURL`` in the environment overrides the address (a fork, a
    test) but never the domain.
    """
    cname = environ.get("PAGES_CNAME", "").strip().lower()
    cname = re.sub(r"^https?://", "", cname).rstrip("/")
    if cname and not DOMAIN.fullmatch(cname):
        raise ValueError(f"PAGES_CNAME '{environ['PAGES_CNAME']}' is not a domain name; set it "
                         "to the bare domain, e.g. blog.participatorymedicine.org")
    if cname:
        address = f"https://{cname}"
    elif environ.get("GITHUB_REPOSITORY"):
        address = github_pages_url(environ["GITHUB_REPOSITORY"])
    else:
        address = default
    return (environ.get("SITEURL", "").strip().rstrip("/") or address), cname


def github_pages_url(repository):
    """Where GitHub Pages serves `owner/name` without a custom domain."""
    owner, name = repository.split("/", 1)
    host = f"{owner.lower()}.github.io"
    # A repository named after the host is the owner's own site, served at the root.
    return f"https://{host}" if name.lower() == host else f"https://{host}/{name}"


def git(*args, cwd, check=True):
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result


def uncommitted(repository):
    """The paths `git status` lists as changed or untracked (ignored files aside)."""
    status = git("status", "--porcelain", "--untracked-files=all", cwd=repository).stdout
    return [line[3:] for line in status.splitlines()]


def head_commit(repository):
    return git("rev-parse", "--short", "HEAD", cwd=repository).stdout.strip()


def published_commit(repository, remote, branch):
    """The commit the remote branch serves now, or None when it has none yet."""
    fetched = git("fetch", "--quiet", "--no-tags", remote, f"refs/heads/{branch}",
                  cwd=repository, check=False)
    if fetched.returncode != 0:
        if "couldn't find remote ref" in fetched.stderr:
            return None
        raise PublishError(f"could not fetch {branch} from {remote}: {fetched.stderr.strip()}")
    commit = git("rev-parse", "FETCH_HEAD", cwd=repository).stdout.strip()
    # ghp-import builds on the remote-tracking branch when there is one: bring it up to date.
    if remote in git("remote", cwd=repository).stdout.split():
        git("update-ref", f"refs/remotes/{remote}/{branch}", commit, cwd=repository)
    return commit


def tree(repository, commit):
    return git("rev-parse", f"{commit}^{{tree}}", cwd=repository).stdout.strip()


def publish(output, *, repository, remote, branch, message, cname=""):
    """Commit the site in `output` onto `branch` of `remote` and push it, unless the remote
    already serves exactly these files. Return the new commit, or None when nothing changed."""
    published = published_commit(repository, remote, branch)
    local = f"refs/heads/{branch}"
    if published:
        git("update-ref", local, published, cwd=repository)
    else:  # the first publish: a commit of its own, not one on a stale local branch
        git("update-ref", "-d", local, cwd=repository, check=False)
    try:
        with contextlib.chdir(repository):  # ghp-import works on the current folder's repository
            ghp_import(output, mesg=message, nojekyll=True, cname=cname or None, remote=remote,
                       branch=branch, push=False)
    except GhpError as error:
        raise PublishError(f"ghp-import: {error}") from error
    commit = git("rev-parse", local, cwd=repository).stdout.strip()
    if published and tree(repository, commit) == tree(repository, published):
        git("update-ref", local, published, cwd=repository)  # drop the empty commit
        return None
    git("push", "--quiet", remote, f"{local}:{local}", cwd=repository)
    return commit
