"""The project's Python is ruff-clean."""

import subprocess
import sys
from pathlib import Path

from sitebuild import REPO_ROOT


def test_ruff_reports_nothing():
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", str(REPO_ROOT)], capture_output=True,
                            text=True, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
