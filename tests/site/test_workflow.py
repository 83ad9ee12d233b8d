"""The GitHub workflow: tests, then `invoke check`, then publishing with the custom domain,
on every push to main and once a day (so scheduled posts appear on their day)."""

import yaml

from sitebuild import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "site.yml"


def load():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    return workflow, workflow.get("on", workflow.get(True))


def test_it_runs_on_pushes_pull_requests_and_every_day():
    _, triggers = load()
    assert triggers["push"] == {"branches": ["main"]}
    assert "pull_request" in triggers
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*")
    assert minute.isdigit() and hour.isdigit()


def test_it_tests_then_checks_then_publishes_with_the_domain_variable():
    workflow, _ = load()
    (job,) = workflow["jobs"].values()
    runs = [step.get("run", "") for step in job["steps"]]
    order = [next(i for i, run in enumerate(runs) if needle in run)
             for needle in (".ci/run", "invoke check", "invoke gh-pages")]
    assert order == sorted(order)
    publish = job["steps"][order[2]]
    # A scheduled run publishes too; a pull request never does.
    assert publish["if"] == "github.ref == 'refs/heads/main' && github.event_name != " \
        "'pull_request'"
    assert job["env"]["CNAME"] == "${{ vars.PAGES_CNAME }}"


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith((" ", "#"))]
    assert commands[-1] == "make test"
