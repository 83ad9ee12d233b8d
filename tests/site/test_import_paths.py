"""One import path for the plugins: after a build with the site's settings and an import of
every tool and tasks.py, each module under plugins/ is loaded once, under its one name
(``responses.store``, never also ``plugins.responses.store``).

Run in a fresh interpreter from the repository root, as ``pelican`` and ``invoke`` run.
"""

import json
import subprocess
import sys

from sitebuild import REPO_ROOT, write_post

PROBE = """
import importlib, json, pkgutil, sys
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings

content, output = sys.argv[1:3]
Pelican(read_settings("pelicanconf.py", override={
    "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": output + "-cache"})).run()
import tasks, tools
for found in pkgutil.walk_packages(tools.__path__, "tools."):
    if not found.name.endswith("__main__"):
        importlib.import_module(found.name)
plugins = Path("plugins").resolve()
names = {}
for name, module in list(sys.modules.items()):
    path = Path(getattr(module, "__file__", None) or "/").resolve()
    if path.is_relative_to(plugins):
        names.setdefault(path.relative_to(plugins).as_posix(), []).append(name)
print(json.dumps(names))
"""


def one_name(path):
    """The module name a file under plugins/ has with plugins/ on the path."""
    parts = path.removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_each_plugin_module_is_loaded_once_under_its_one_name(tmp_path):
    content = tmp_path / "content"
    write_post(content, "a-post")
    run = subprocess.run([sys.executable, "-c", PROBE, str(content), str(tmp_path / "output")],
                         cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    loaded = json.loads(run.stdout.splitlines()[-1])
    every_module = sorted(path.relative_to(REPO_ROOT / "plugins").as_posix()
                          for path in (REPO_ROOT / "plugins").rglob("*.py"))
    assert sorted(loaded) == every_module
    assert {path: names for path, names in loaded.items() if names != [one_name(path)]} == {}
