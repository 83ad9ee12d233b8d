"""Helpers for the CMS's tests: pelican-cms.js run under Node, and the project copy it writes to."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild import REPO_ROOT

FORMAT_JS = REPO_ROOT / "plugins" / "decap_cms" / "static" / "pelican-cms.js"
NODE_INSTALL = "apt-get install -y nodejs npm, then `npm ci` in the project's folder"
# What admin/index.html gives pelican-cms.js for the tests' seed site.
SETTINGS = {
    "timezone": "America/New_York", "categorySeparator": ",", "slugLength": 60,
    "categories": ["ethics", "found on the net", "general", "JoPM", "net-friendly docs",
                   "social media"],
    "slugs": {"posts": ["social-media-patients-and-physicians-a-sticky-wicket"],
              "pages": ["about"]},
    "dateFormat": "%B %-d, %Y", "stylesheet": "../theme/css/site.css",
}
# Reads [[function name, arguments...], ...] on stdin; answers each call's result, or the
# message of what it threw.
HARNESS = """
const format = require(process.argv[1]);
const calls = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(calls.map(([name, ...args]) => {
  try { return {result: format[name](...args)}; } catch (error) { return {error: error.message}; }
})));
"""


def node():
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        pytest.fail(f"Node.js is needed for the CMS tests: {NODE_INSTALL}", pytrace=False)
    return found


def call_format(*calls, timezone=None):
    """Run pelican-cms.js's functions under Node (in `timezone`, the author's computer's)."""
    env = {"PATH": "/usr/bin:/bin", **({"TZ": timezone} if timezone else {})}
    result = subprocess.run([node(), "-e", HARNESS, str(FORMAT_JS)], input=json.dumps(calls),
                            capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    return [answer.get("result", answer.get("error")) for answer in json.loads(result.stdout)]


def round_trip(text, settings=SETTINGS):
    """The text pelican-cms.js writes back for `text` opened and saved unchanged."""
    data, = call_format(["fromFile", text, settings])
    written, = call_format(["toFile", data, settings])
    return written


def edited(text, settings=SETTINGS, **changes):
    """The text written after changing fields of `text` in the CMS."""
    data, = call_format(["fromFile", text, settings])
    written, = call_format(["toFile", {**data, **changes}, settings])
    return written


def node_modules():
    """The project's installed decap-server (npm ci), or the test fails saying how."""
    server = REPO_ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
    node()
    if not server.is_file():
        pytest.fail(f"decap-server is not installed: {NODE_INSTALL}", pytrace=False)
    return REPO_ROOT / "node_modules"


def read(path):
    return Path(path).read_text(encoding="utf-8")
