"""`invoke TASK --help` (and -h) prints the task's help and does nothing else, for every task:
those with a positional argument too, which invoke would otherwise hand the flag to."""

import json

import pytest

from sitebuild import copy_project, run_invoke


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("help") / "project")
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("built before")
    return project


def every_task(project):
    listed = run_invoke("--list", "--list-format=json", cwd=project)
    assert listed.returncode == 0, listed.stderr
    listed = listed.stdout
    return [entry["name"] for entry in json.loads(listed)["tasks"]]


def files(project):
    return sorted(str(path.relative_to(project)) for path in project.rglob("*")
                  if "__pycache__" not in path.parts)


def test_every_task_answers_help_and_does_nothing_else(project):
    names = every_task(project)
    assert {"new-post", "import-wordpress", "import-responses", "audit-migration", "gh-pages",
            "check", "clean", "build"} <= set(names)
    before = files(project)
    for name in names:
        for flag in ("--help", "-h"):
            result = run_invoke(name, flag, cwd=project)
            assert result.returncode == 0, (name, flag, result.stdout + result.stderr)
            assert result.stdout.startswith(f"Usage: inv[oke] [--core-opts] {name} "), name
            assert "Docstring:" in result.stdout, name
    assert files(project) == before  # `clean --help` deleted nothing, `new-post -h` wrote none
    assert (project / "output" / "index.html").read_text() == "built before"
