"""The scheduled workflow's import (.github/workflows/responses.yml): approved mail in, one
pull request "New responses" out.

    python -m tools.mail.pull_request [--imap URL] [--repo DIR] [--content DIR] ...

In the repository's checkout it fetches the remote, goes on from the pull request's
branch when one is open (else starts it afresh from the base branch), runs the import
(``invoke import-responses --imap``), and, when anything is new, commits the comments file
with the report as the commit message, pushes, and opens the pull request or updates its
description (every import's report on the branch). Only then are the messages filed away in
the mailbox, so a failed push or API call leaves them to be imported by the next run. When
nothing is new there is no commit and no pull request.

The GitHub REST API is called with urllib: GITHUB_API_URL (default https://api.github.com),
GITHUB_REPOSITORY ("owner/name") and GITHUB_TOKEN, as GitHub Actions sets them. Nothing
about a sender is in the report, so nothing is in the commit or the pull request either.
"""

import contextlib
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from .cli import arguments_parser, run_import, site_arguments
from .importer import NotFiled
from .mailboxes import MailboxError

TITLE = "New responses"
BRANCH = "responses/new"
BODY_LIMIT = 60_000  # GitHub refuses a description over 65,536 characters
INTRO = (
    "Responses readers sent by e-mail that an editor approved by moving them to the folder of "
    "approved mail. Review the new records in the diff of the comments file (the text can be "
    "edited there), then merge: merging publishes them. Messages held back are in the "
    "mailbox's **Held** folder; removal requests are listed below for an editor to check. "
    "See docs/editors.md."
)
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


class PullRequestError(Exception):
    """A git or GitHub step failed; the message is one line."""


class GitHub:
    """The few REST calls the workflow makes, on one repository."""

    def __init__(self, api_url, repository, token):
        self.api_url, self.repository, self.token = api_url.rstrip("/"), repository, token

    def call(self, method, path, payload=None):
        request = urllib.request.Request(
            f"{self.api_url}/repos/{self.repository}{path}", method=method,
            data=json.dumps(payload).encode() if payload is not None else None,
            headers={"Accept": "application/vnd.github+json",
                     "Authorization": f"Bearer {self.token}",
                     "X-GitHub-Api-Version": "2022-11-28",
                     "User-Agent": "spm-blog-responses",
                     **({"Content-Type": "application/json"} if payload is not None else {})})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            said = error.read().decode("utf-8", "replace")
            with contextlib.suppress(ValueError, AttributeError):  # not GitHub's JSON
                said = json.loads(said).get("message", said)
            raise PullRequestError(f"GitHub answered {method} {path} with {error.code}: "
                                   f"{' '.join(str(said).split())}") from error
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise PullRequestError(f"cannot reach GitHub's API at {self.api_url}: "
                                   f"{error}") from error

    def open_pull_request(self, branch, base):
        owner = self.repository.split("/", 1)[0]
        found = self.call("GET", f"/pulls?state=open&head={owner}:{branch}&base={base}")
        return found[0] if found else None

    def create(self, branch, base, body):
        return self.call("POST", "/pulls", {"title": TITLE, "head": branch, "base": base,
                                            "body": body, "maintainer_can_modify": True})

    def update(self, number, body):
        return self.call("PATCH", f"/pulls/{number}", {"body": body})


class Repository:
    def __init__(self, path, remote):
        self.path, self.remote = Path(path), remote

    def git(self, *arguments):
        result = subprocess.run(["git", *arguments], cwd=self.path, capture_output=True,
                                text=True)
        if result.returncode:
            said = " ".join((result.stderr or result.stdout).split())
            raise PullRequestError(f"git {arguments[0]} failed: {said}")
        return result.stdout

    def has_remote_branch(self, branch):
        return bool(self.git("ls-remote", "--heads", self.remote, branch).strip())


def commit_message(report, when):
    return f"{TITLE}: {len(report.added)} added (import of {when})\n\n{report}\n"


def description(messages):
    """The pull request's text: the introduction, then each import's report on the branch,
    oldest first, each in a code block (nothing in a report is read as Markdown)."""
    sections = []
    for message in messages:
        subject, _, report = message.partition("\n\n")
        fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", report)),
                                     default=0))
        sections.append(f"### {subject.strip()}\n\n{fence}\n{report.strip()}\n{fence}")
    while len("\n\n".join([INTRO, *sections])) > BODY_LIMIT and len(sections) > 1:
        sections.pop(0)  # the oldest go first; the branch's commits still hold them
    return "\n\n".join([INTRO, *sections])


def publish_to_pull_request(repository, github, base, branch, when):
    """The `publish` step of the import: commit, push, open or update the pull request."""

    def publish(report):
        if not report.added:
            print("responses: nothing new, so no pull request.")
            return
        target = Path(report.comments_path).resolve()
        repository.git("add", "--", str(target))
        repository.git("-c", f"user.name={BOT[0]}", "-c", f"user.email={BOT[1]}",
                       "commit", "--quiet", "-m", commit_message(report, when))
        repository.git("push", "--quiet", "--force", repository.remote, f"HEAD:{branch}")
        messages = repository.git("log", "--reverse", "--format=%B%x00",
                                  f"{repository.remote}/{base}..HEAD").split("\0")
        body = description(message.strip() for message in messages if message.strip())
        existing = github.open_pull_request(branch, base)
        if existing:
            github.update(existing["number"], body)
            print(f"responses: updated pull request #{existing['number']}.")
        else:
            created = github.create(branch, base, body)
            print(f"responses: opened pull request #{created['number']}.")

    return publish


def main(argv=None):
    """Run the workflow's import. Returns the exit status: 1 when a step failed."""
    from tools.config import ROOT, SETTINGS

    parser = arguments_parser("python -m tools.mail.pull_request", __doc__,
                              source_required=False)
    parser.add_argument("--repo", default=str(ROOT), help="the repository's checkout")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--base", default="main", help="the branch merging publishes")
    parser.add_argument("--branch", default=BRANCH, help="the pull request's branch")
    parser.set_defaults(content=None)
    argv = sys.argv[1:] if argv is None else argv
    content = parser.parse_args(argv).content or ROOT / SETTINGS["PATH"]
    # Unless told otherwise, the site's own settings, as `invoke import-responses` passes
    # them: the options given come after, and win.
    arguments = parser.parse_args([*site_arguments(SETTINGS, content), *argv])
    arguments.imap = arguments.imap or os.environ.get("RESPONSES_IMAP_URL") or SETTINGS.get(
        "RESPONSES_IMAP_URL")
    if not (arguments.imap or arguments.mailbox):
        print("responses: set RESPONSES_IMAP_URL (a secret of the repository) to the folder of "
              "approved mail, imaps://USER@HOST[:PORT]/FOLDER", file=sys.stderr)
        return 1
    missing = [name for name in ("GITHUB_REPOSITORY", "GITHUB_TOKEN") if not os.environ.get(name)]
    if missing:
        print(f"responses: {' and '.join(missing)} must be set, as GitHub Actions sets them",
              file=sys.stderr)
        return 1
    github = GitHub(os.environ.get("GITHUB_API_URL", "https://api.github.com"),
                    os.environ["GITHUB_REPOSITORY"], os.environ["GITHUB_TOKEN"])
    repository = Repository(arguments.repo, arguments.remote)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    try:
        repository.git("fetch", "--quiet", arguments.remote)
        open_request = github.open_pull_request(arguments.branch, arguments.base)
        start = (arguments.branch if open_request and repository.has_remote_branch(
            arguments.branch) else arguments.base)
        repository.git("checkout", "--quiet", "-B", arguments.branch,
                       f"{arguments.remote}/{start}")
        report = run_import(arguments, publish_to_pull_request(
            repository, github, arguments.base, arguments.branch, when))
    except NotFiled as error:
        print(error.report)
        print(f"responses: the pull request has the responses, but filing the messages away "
              f"failed: {error}; the next run files them (nothing is added twice).",
              file=sys.stderr)
        return 1
    except (PullRequestError, MailboxError, ValueError) as error:
        if arguments.debug:
            raise
        print(f"responses: {error}; the messages stay in the folder for the next run.",
              file=sys.stderr)
        return 1
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
