"""The hostile-input suite's helpers: a build run as `invoke build`, `invoke check` or the
live preview runs it, what it wrote, and what an attacker's markup would have injected."""

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

from sitebuild import LOCAL_SETTINGS, PUBLISH_SETTINGS, REPO_ROOT
from tools.authoring.build import build as run_build
from tools.authoring.build import plugins_disconnected_after

SITEURL = "https://blog.example.org"
# How `invoke build` and `invoke check` run the build (tasks.py, tools/config.py).
MODES = {"build": (LOCAL_SETTINGS, "errors"), "check": (PUBLISH_SETTINGS, "warnings")}


def run(content, output, mode="check", **settings):
    """Build `content` into `output` as `invoke build` or `invoke check` does; return
    (the report, the lines it printed). Keyword arguments override settings."""
    settings_file, fatal = MODES[mode]
    overrides = {"CACHE_PATH": str(Path(output).parent / "cache"), **settings}
    if mode == "check":
        overrides = {"SITEURL": SITEURL, "FEED_DOMAIN": SITEURL, **overrides}
    stream = io.StringIO()
    report = run_build(["-s", str(settings_file), "--fatal", fatal, str(content), "-o",
                        str(output), "-e", *(f"{key}={json.dumps(value)}"
                                             for key, value in overrides.items())],
                       stream=stream, labels=False)
    return report, stream.getvalue().splitlines()


def preview_lines(content, output, **settings):
    """The lines the live preview prints for a build of `content` that fails (tools/preview:
    its own reading of the site, kept in memory), or [] when it builds."""
    from tools.preview.cli import preview_settings
    from tools.preview.site import BuildFailed, Site

    with plugins_disconnected_after():
        preview = preview_settings(LOCAL_SETTINGS, content, output)
        preview.update({"CACHE_PATH": str(Path(output).parent / "cache"), **settings})
        site = Site(preview)
        try:
            state = site.build_state()
            site.render_all(state)
        except BuildFailed as failure:
            return failure.messages
    return []


def written(output):
    """Every file under `output` (relative paths): [] when nothing was written."""
    output = Path(output)
    return sorted(str(path.relative_to(output)) for path in output.rglob("*")
                  if not path.is_dir()) if output.exists() else []


def leaked(output, secret_text="TOPSECRET"):
    """The files under `output` that hold the secret's text."""
    output = Path(output)
    return [str(path) for path in output.rglob("*") if path.is_file()
            and secret_text.encode() in path.read_bytes()] if output.exists() else []


def theme_copy(destination):
    """A private copy of the theme, for cases that plant something in it."""
    return Path(shutil.copytree(REPO_ROOT / "theme", destination))


def payload(marker):
    """A value that runs script wherever it is printed as markup: in text, in an attribute
    (quoted or not) and in a <script> block. `marker` names the door, so an injected element
    says which value it came from."""
    return (f"<img src=x onerror=alert('{marker}')>\"><svg onload=alert('{marker}')>"
            f"</script><script>alert('{marker}')</script>")


def injected(soup, marker):
    """What the payload of `marker` added as markup: an element with an event handler that
    calls it, or a script that runs it (the post's JSON-LD holds values as data, and
    test_markup checks it parses whole). [] when the value stayed text."""
    found = []
    for element in soup.find_all(True):
        handler = any(name.lower().startswith("on") and marker in str(value)
                      for name, value in element.attrs.items())
        script = (element.name == "script" and element.get("type") != "application/ld+json"
                  and marker in element.get_text())
        if handler or script:
            found.append(str(element)[:120])
    return found


def quotes_straightened(text):
    """Typogrify's curly quotes and no-break spaces as typed, for comparing titles."""
    return re.sub(r"\s+", " ", text.translate(str.maketrans("“”‘’\xa0", "\"\"'' "))).strip()


@contextlib.contextmanager
def serving(output):
    """The live preview's server (tools/preview/server.py) on a free loopback port."""
    import threading

    from tools.preview.server import PreviewServer

    server = PreviewServer(("127.0.0.1", 0), str(output))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
