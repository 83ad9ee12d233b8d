"""The scheduled workflow's steps (tools/mail/pull_request.py, run by
.github/workflows/responses.yml) against the real Dovecot server and a real local bare git
repository; only GitHub's REST API is stood in for, by a server on loopback that checks
every request. Then the end of the editors' road: the pull request's branch built, the
response under its post with the chosen name, and no trace of the sender anywhere."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from imap_server import PASSWORD, folder_messages
from mail_helpers import (
    ADDRESS,
    POST,
    POST_PAGE,
    compose,
    make_site,
    sender_traces,
    stored,
)

from sitebuild import REPO_ROOT, build, commit_all, git, normalise

REPOSITORY = "spm/blog"
TOKEN = "test-token-not-a-secret"
SUBJECT = f"Re: Patients as partners [post:{POST}]"


class FakeGitHub(ThreadingHTTPServer):
    """api.github.com's pulls endpoints for one repository, on loopback. Every request is
    kept; a request the workflow should not make fails the test through `problems`."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests, self.problems, self.pulls = [], [], []
        self.fail_next_post = False
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def changes(self):
        return [request for request in self.requests if request["method"] != "GET"]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self):
        github = self.server
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        url = urlsplit(self.path)
        github.requests.append({"method": self.command, "path": url.path,
                                "query": parse_qs(url.query), "body": body})
        if self.headers["Authorization"] != f"Bearer {TOKEN}" or \
                self.headers["Accept"] != "application/vnd.github+json":
            github.problems.append(f"headers of {self.command} {self.path}")
            return self._answer(401, {"message": "Bad credentials"})
        pulls = f"/repos/{REPOSITORY}/pulls"
        if self.command == "GET" and url.path == pulls:
            query = parse_qs(url.query)
            if query != {"state": ["open"], "head": ["spm:responses/new"], "base": ["main"]}:
                github.problems.append(f"query {query}")
            return self._answer(200, [pull for pull in github.pulls if pull["state"] == "open"])
        if self.command == "POST" and url.path == pulls:
            if github.fail_next_post:
                github.fail_next_post = False
                return self._answer(502, {"message": "Server Error"})
            expected = {"title": "New responses", "head": "responses/new", "base": "main"}
            if {key: body.get(key) for key in expected} != expected:
                github.problems.append(f"pull request {body}")
            pull = {"number": len(github.pulls) + 1, "state": "open", **body}
            github.pulls.append(pull)
            return self._answer(201, pull)
        if self.command == "PATCH" and url.path.startswith(pulls + "/"):
            pull = github.pulls[int(url.path.rsplit("/", 1)[1]) - 1]
            if set(body) != {"body"}:
                github.problems.append(f"update {body}")
            pull.update(body)
            return self._answer(200, pull)
        github.problems.append(f"unexpected {self.command} {self.path}")
        return self._answer(404, {"message": "Not Found"})

    do_GET = do_POST = do_PATCH = _handle


@pytest.fixture
def github():
    server = FakeGitHub()
    yield server
    server.shutdown()
    server.server_close()
    assert server.problems == []


@pytest.fixture
def checkout(tmp_path):
    """A bare repository holding a small site on main, and a clone of it, as
    actions/checkout leaves the workflow's working folder."""
    seed = tmp_path / "seed"
    make_site(seed / "content")
    git("init", "--quiet", "--initial-branch=main", str(seed), cwd=tmp_path)
    commit_all(seed, "The site")
    git("clone", "--quiet", "--bare", str(seed), str(tmp_path / "origin.git"), cwd=tmp_path)
    git("clone", "--quiet", str(tmp_path / "origin.git"), str(tmp_path / "work"), cwd=tmp_path)
    return tmp_path / "work"


def run_workflow(checkout, dovecot, user, github):
    """The workflow's import step, as responses.yml runs it (environment as Actions sets it)."""
    environment = {"PATH": os.environ["PATH"], "HOME": str(checkout.parent),
                   "RESPONSES_IMAP_URL": dovecot.url(user),
                   "RESPONSES_IMAP_PASSWORD": PASSWORD, "GITHUB_API_URL": github.url,
                   "GITHUB_REPOSITORY": REPOSITORY, "GITHUB_TOKEN": TOKEN}
    return subprocess.run(
        [sys.executable, "-m", "tools.mail.pull_request", "--repo", str(checkout),
         "--content", str(checkout / "content")],
        cwd=REPO_ROOT, env=environment, capture_output=True, text=True)


def approve(dovecot, user, *messages):
    """As an editor does it: the messages arrive in INBOX and are moved to "Approved"."""
    connection = dovecot.client(user)
    connection.create("Approved")
    for message in messages:
        connection.append("INBOX", "", None, stored(message).replace(b"\n", b"\r\n"))
    connection.select("INBOX")
    _, found = connection.uid("SEARCH", None, "ALL")
    connection.uid("MOVE", b",".join(found[0].split()), "Approved")
    connection.logout()


def branch_commits(checkout):
    git("fetch", "--quiet", "origin", cwd=checkout)
    return git("log", "--format=%s", "origin/main..origin/responses/new",
               cwd=checkout).splitlines()


def count_in(dovecot, user, folder):
    connection = dovecot.client(user)
    try:
        return len(folder_messages(connection, folder))
    finally:
        connection.logout()


def test_the_workflow_opens_one_pull_request_and_updates_it(checkout, dovecot, github):
    user = dovecot.new_user()
    approve(dovecot, user, compose(SUBJECT, "First voice.", name=" Jordan Example"),
            compose("Re: Patients as partners", "No tag."))
    first = run_workflow(checkout, dovecot, user, github)
    assert first.returncode == 0, first.stderr
    assert "responses: opened pull request #1." in first.stdout
    [created] = github.changes()
    assert created["method"] == "POST"
    body = created["body"]["body"]
    assert body.startswith("Responses readers sent by e-mail")
    assert "1 new responses added to " in body and "(2026-12-01T10:30:00-05:00, Jordan Example)" \
        in body and "Held back (1), not written:" in body
    assert branch_commits(checkout) == ["New responses: 1 added (import of " +
                                        body.split("(import of ", 1)[1].split(")", 1)[0] + ")"]
    changed = git("diff", "--name-only", "origin/main", "origin/responses/new", cwd=checkout)
    assert changed == "content/comments.json\n"
    assert (count_in(dovecot, user, "Approved"), count_in(dovecot, user, "Imported"),
            count_in(dovecot, user, "Held")) == (0, 1, 1)

    # An hour later, nothing new: no commit, no pull request made or changed.
    quiet = run_workflow(checkout, dovecot, user, github)
    assert quiet.returncode == 0, quiet.stderr
    assert "nothing new, so no pull request" in quiet.stdout
    assert len(github.changes()) == 1 and len(branch_commits(checkout)) == 1

    # More mail: the same pull request, one more commit, both imports in its description.
    approve(dovecot, user, compose(SUBJECT, "Second voice.", name=" Sam Reader"))
    again = run_workflow(checkout, dovecot, user, github)
    assert again.returncode == 0, again.stderr
    assert "responses: updated pull request #1." in again.stdout
    update = github.changes()[-1]
    assert (update["method"], update["path"]) == ("PATCH", f"/repos/{REPOSITORY}/pulls/1")
    text = update["body"]["body"]
    assert text.count("### New responses: 1 added") == 2
    assert text.index("Jordan Example") < text.index("Sam Reader")
    assert len(branch_commits(checkout)) == 2 and len(github.pulls) == 1


def test_a_failed_api_call_leaves_the_mail_for_the_next_run(checkout, dovecot, github):
    user = dovecot.new_user()
    approve(dovecot, user, compose(SUBJECT, "Worth keeping."))
    github.fail_next_post = True
    failed = run_workflow(checkout, dovecot, user, github)
    assert failed.returncode == 1
    assert failed.stderr == ("responses: GitHub answered POST /pulls with 502: Server Error; "
                             "the messages stay in the folder for the next run.\n")
    assert count_in(dovecot, user, "Approved") == 1
    retried = run_workflow(checkout, dovecot, user, github)
    assert retried.returncode == 0, retried.stderr
    assert "opened pull request #1" in retried.stdout
    git("checkout", "--quiet", "origin/responses/new", cwd=checkout)
    records = json.loads((checkout / "content" / "comments.json").read_text())["responses"]
    assert [record["content"] for record in records].count("Worth keeping.") == 1
    assert (count_in(dovecot, user, "Approved"), count_in(dovecot, user, "Imported")) == (0, 1)


def test_done_when_the_approved_message_appears_under_its_post_with_no_trace_of_the_sender(
        checkout, dovecot, github, tmp_path):
    user = dovecot.new_user()
    approve(dovecot, user, compose(SUBJECT, "Thank you for writing this.\n\nIt helped.",
                                   name=" Jordan Example"))
    result = run_workflow(checkout, dovecot, user, github)
    assert result.returncode == 0, result.stderr
    # What merging publishes: the pull request's branch, built.
    git("checkout", "--quiet", "origin/responses/new", cwd=checkout)
    site = build(checkout / "content", tmp_path / "output", fatal="errors",
                 RESPONSES_EMAIL=ADDRESS)
    page = site.soup(POST_PAGE)
    mailed = page.select_one("ol.commentlist > li[id^=comment-mail-]")
    assert normalise(mailed.select_one(".comment-author").get_text()) == "Jordan Example says:"
    assert [p.get_text() for p in mailed.select(".comment-content p")] == [
        "Thank you for writing this.", "It helped."]
    texts = {
        "the workflow's output": result.stdout + result.stderr,
        "the build's log": "\n".join(site.warnings),
        "the pull request": json.dumps([request["body"] for request in github.requests]),
        "the branch's history": git("log", "-p", "origin/responses/new", cwd=checkout),
    }
    assert sender_traces(texts, [checkout / "content", site.root]) == []
    assert PASSWORD not in "".join(texts.values())
    assert Path(site.root / POST_PAGE / "index.html").exists()


def test_the_workflow_file_runs_these_steps_hourly_with_the_secrets():
    import yaml

    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/responses.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as True
    (schedule,) = triggers["schedule"]
    minute, *every = schedule["cron"].split()
    assert minute.isdigit() and every == ["*", "*", "*", "*"]
    # Read-only but for the one job, which pushes its branch and opens the pull request.
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert job["env"]["RESPONSES_IMAP_URL"] == "${{ secrets.RESPONSES_IMAP_URL }}"
    step = job["steps"][-1]
    assert step["run"] == ".venv/bin/python -m tools.mail.pull_request"
    assert step["env"]["RESPONSES_IMAP_PASSWORD"] == "${{ secrets.RESPONSES_IMAP_PASSWORD }}"
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    # The virtual environment the Makefile makes, without building the site (as site.yml's
    # check and publish jobs make it).
    assert "make venv" in [each.get("run") for each in job["steps"]]
    dry_run = subprocess.run(["make", "-n", "venv"], cwd=REPO_ROOT, capture_output=True,
                             text=True)
    assert dry_run.returncode == 0 and "invoke build" not in dry_run.stdout
