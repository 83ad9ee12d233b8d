"""The GitHub workflow: every push and pull request is checked; changes outside content/ and
the daily run get the whole suite; only the publishing job, on main, can write; a content-only
push goes live after check and the publish build. The file is parsed as GitHub reads it, and
`python -m tools.ci`, which picks the jobs, is run as the workflow runs it."""

import datetime
import os
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
import yaml

from sitebuild import REPO_ROOT, commit_all, git
from tools.ci import needs_full_suite

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "site.yml"


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow):
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True


def runs(job):
    return [step.get("run", "") for step in job["steps"]]


def step_running(job, command):
    (step,) = [step for step in job["steps"] if command in step.get("run", "")]
    return step


def test_it_runs_on_pushes_to_main_pull_requests_by_hand_and_every_day(workflow):
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]}
    assert "pull_request" in on and "workflow_dispatch" in on
    (schedule,) = on["schedule"]
    assert schedule["cron"] == "10 5 * * *"


@pytest.mark.parametrize("day", [datetime.date(2026, 1, 15), datetime.date(2026, 7, 15)])
def test_the_daily_run_falls_just_after_midnight_in_new_york(day):
    # What docs/authors.md and the scheduled post's line in `invoke check` promise.
    run = datetime.datetime(day.year, day.month, day.day, 5, 10, tzinfo=datetime.UTC)
    local = run.astimezone(ZoneInfo("America/New_York"))
    assert (local.date(), local.strftime("%H:%M")) == (
        day, "00:10" if day.month == 1 else "01:10")


def test_only_the_publishing_job_can_write_and_only_on_main(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert set(jobs) == {"check", "test", "publish"}
    writers = {name for name, job in jobs.items() if "permissions" in job}
    assert writers == {"publish"}
    assert jobs["publish"]["permissions"] == {"contents": "write"}
    condition = " ".join(jobs["publish"]["if"].split())
    assert "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'" in condition
    assert "needs.check.result == 'success'" in condition
    assert ("(needs.test.result == 'success' || needs.test.result == 'skipped')"
            in condition)
    assert jobs["publish"]["needs"] == ["check", "test"]
    publish_runs = runs(jobs["publish"])
    assert any(".venv/bin/invoke gh-pages --remote origin --branch gh-pages" in run
               for run in publish_runs)
    # No other job publishes.
    assert not any("gh-pages" in run for name in ("check", "test") for run in runs(jobs[name]))


def test_a_content_only_push_is_checked_and_published_without_the_browser_suite(workflow):
    check, test = workflow["jobs"]["check"], workflow["jobs"]["test"]
    assert "container" not in check  # no Debian image to pull: Python on the runner
    check_runs = "\n".join(runs(check))
    assert ".venv/bin/invoke check" in check_runs and ".ci/run" not in check_runs
    assert "make venv" in check_runs
    assert check["outputs"]["code"] == "${{ steps.changes.outputs.code }}"
    changes = next(step for step in check["steps"] if step.get("id") == "changes")
    assert "python3 -m tools.ci >> \"$GITHUB_OUTPUT\"" in changes["run"]
    assert changes["env"] == {
        "EVENT": "${{ github.event_name }}",
        "BASE": "${{ github.event.pull_request.base.sha || github.event.before }}",
        "HEAD": "${{ github.sha }}"}
    # The whole suite: after the check, whenever tools.ci says code changed.
    assert test["needs"] == "check"
    assert test["if"] == "!cancelled() && needs.check.outputs.code == 'true'"
    assert test["container"] == "python:3.11-bookworm"
    assert runs(test)[-1] == "bash .ci/run"


def caches(job):
    return [step for step in job["steps"] if step.get("uses", "").startswith("actions/cache@")]


def test_pip_and_system_packages_are_cached_between_runs(workflow):
    jobs = workflow["jobs"]
    for name, build in (("check", "invoke check"), ("publish", "invoke gh-pages")):
        venv, pip, pictures = caches(jobs[name])
        # The environment itself, for the exact Python setup-python gave and these pins...
        assert (venv["id"], venv["with"]["path"]) == ("venv", ".venv")
        assert venv["with"]["key"] == (
            "venv-${{ runner.os }}-py${{ steps.python.outputs.python-version }}-"
            "${{ hashFiles('requirements.txt') }}")
        assert "restore-keys" not in venv["with"]  # never another set of pins
        # ...and pip's downloads when the pins changed.
        assert pip["if"] == "steps.venv.outputs.cache-hit != 'true'"
        assert pip["with"]["path"] == "~/.cache/pip"
        assert "hashFiles('requirements.txt')" in pip["with"]["key"]
        steps = jobs[name]["steps"]
        assert steps.index(pip) < steps.index(step_running(jobs[name], "make venv"))
        # The pictures' copies (plugins/images): the last run's, before the build encodes.
        assert pictures["with"]["path"] == "cache/images"
        assert pictures["with"]["restore-keys"] == "images-"
        assert steps.index(pictures) < steps.index(step_running(jobs[name], build))
    (cache,) = caches(jobs["test"])
    assert cache["with"]["path"].split() == ["~/.cache/pip", "/var/cache/apt/archives/*.deb"]
    assert "hashFiles('requirements.txt', '.ci/run')" in cache["with"]["key"]
    # Debian's images delete what apt downloaded unless told not to, before the cache step.
    steps = [step.get("run", step.get("uses", "")) for step in jobs["test"]["steps"]]
    keep = steps.index("rm -f /etc/apt/apt.conf.d/docker-clean")
    assert keep < next(i for i, s in enumerate(steps) if s.startswith("actions/cache@"))


def test_the_export_comes_from_a_secret_and_only_the_check_job_sees_it(workflow):
    text = WORKFLOW.read_text(encoding="utf-8")
    jobs = workflow["jobs"]
    audit = step_running(jobs["check"], "invoke audit-migration")
    assert audit["if"] == "steps.export.outputs.configured == 'true'"
    assert audit["env"] == {"WXR_EXPORT_URL": "${{ secrets.WXR_EXPORT_URL }}",
                            "WXR_EXPORT_TOKEN": "${{ secrets.WXR_EXPORT_TOKEN }}"}
    assert 'rm -f "$export_file"' in audit["run"]
    # Secrets appear in the audit's own steps and nowhere else.
    secret_lines = [line.strip() for line in text.splitlines() if "secrets." in line]
    assert secret_lines == [
        "run: echo \"configured=${{ secrets.WXR_EXPORT_URL != '' }}\" >> \"$GITHUB_OUTPUT\"",
        "WXR_EXPORT_URL: ${{ secrets.WXR_EXPORT_URL }}",
        "WXR_EXPORT_TOKEN: ${{ secrets.WXR_EXPORT_TOKEN }}"]
    assert "vars.WXR_EXPORT" not in text


def test_the_custom_domain_reaches_the_check_and_the_publish_build(workflow):
    jobs = workflow["jobs"]
    for name in ("check", "publish"):
        assert jobs[name]["env"]["PAGES_CNAME"] == "${{ vars.PAGES_CNAME }}"
    assert "env" not in jobs["test"]  # the tests set their own addresses


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith((" ", "#"))]
    assert commands[-1] == "make test"


@pytest.mark.parametrize("event,changed,full", [
    ("push", ["content/posts/2026/x.md", "content/comments.json"], False),
    ("pull_request", ["content/images/a.png"], False),
    ("push", [], False),
    ("push", ["content/posts/x.md", "theme/templates/base.html"], True),
    ("push", ["contents.md"], True),
    ("push", [".github/workflows/site.yml"], True),
    ("push", None, True),  # the earlier commit is not known: a new branch, a forced push
    ("schedule", ["content/posts/x.md"], True),
    ("workflow_dispatch", [], True),
])
def test_which_runs_need_the_whole_suite(event, changed, full):
    assert needs_full_suite(event, changed) is full


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A git repository with a content-only commit on top of a code commit."""
    root = tmp_path_factory.mktemp("ci-repository")
    git("init", "--quiet", "--initial-branch=main", cwd=root)
    commits = []
    for path in ("tasks.py", "content/posts/a.md", "theme/base.html"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(path)
        commit_all(root, path)
        commits.append(git("rev-parse", "HEAD", cwd=root).strip())
    return root, commits


def run_ci(root, **env):
    result = subprocess.run([sys.executable, "-m", "tools.ci"], cwd=root, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **env})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_tools_ci_compares_the_pushed_commits(repository):
    root, (code, content, theme) = repository
    assert run_ci(root, EVENT="push", BASE=code, HEAD=content) == "code=false\n"
    assert run_ci(root, EVENT="push", BASE=content, HEAD=theme) == "code=true\n"
    assert run_ci(root, EVENT="pull_request", BASE=code, HEAD=content) == "code=false\n"
    assert run_ci(root, EVENT="push", BASE="0" * 40, HEAD=content) == "code=true\n"
    assert run_ci(root, EVENT="push", BASE="1234abcd" * 5, HEAD=content) == "code=true\n"
    assert run_ci(root, EVENT="schedule", BASE="", HEAD=content) == "code=true\n"
