"""Which jobs a workflow run needs: ``python -m tools.ci`` prints ``code=true`` or ``code=false``
for ``$GITHUB_OUTPUT`` (.github/workflows/site.yml).

A push or pull request that changes only ``content/`` is checked, built and published without
the browser and Java test suite (``code=false``); a change anywhere else (code, theme,
settings, tests, the workflow), the daily run, a run started by hand, and a push whose earlier
commit is unknown (a new branch, rewritten history) run the whole suite. Reads EVENT (the
event's name), BASE (the commit before: a push's ``before``, a pull request's base) and HEAD.
"""

import os
import subprocess
import sys

CONTENT = "content/"
CHANGE_EVENTS = ("push", "pull_request")


def changed_paths(base, head, repository="."):
    """The files changed from `base` to `head`, or None when `base` is not known here."""
    if not base or set(base) == {"0"}:
        return None
    result = subprocess.run(["git", "diff", "--name-only", "--no-renames", base, head],
                            cwd=repository, capture_output=True, text=True)
    return result.stdout.splitlines() if result.returncode == 0 else None


def needs_full_suite(event, changed):
    """True unless the run is a push or pull request whose changes are all under content/."""
    if event not in CHANGE_EVENTS or changed is None:
        return True
    return any(not path.startswith(CONTENT) for path in changed)


def main(environ=None):
    environ = os.environ if environ is None else environ
    event = environ.get("EVENT", "")
    changed = (changed_paths(environ.get("BASE", ""), environ.get("HEAD", "HEAD"))
               if event in CHANGE_EVENTS else None)
    code = needs_full_suite(event, changed)
    print(f"code={'true' if code else 'false'}")
    described = "unknown" if changed is None else f"{len(changed)} changed file(s)"
    print(f"ci: {event or 'no event'}, {described}: "
          f"{'the whole test suite' if code else 'content only: check, build and publish'}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
