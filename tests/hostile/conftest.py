"""The hostile-input suite (issue #20): every door the site takes input through, tried as an
attacker would. One module per door:

    test_files.py              1. files: symbolic links in content/ or the theme, links and
                                  paths leading out of the content folder (build, check,
                                  preview)
    test_addresses.py          2. addresses: Slug, Save_as, Url, Lang, Template, Redirect_from
                                  and taxonomy names that leave the site or take one of its
                                  own addresses
    test_markup.py             3. markup: metadata, settings and responses shown as text on
                                  every page kind (parsed HTML and XML; the search page in
                                  Chromium)
    test_wordpress_import.py   4. the WordPress import (header lines, names, long file names)
    test_media_downloads.py    5. media downloads (schemes, redirects, sizes, content)
    test_comments_json.py      6. comments.json (size, nesting, pathological text, errors)
    test_reader_mail.py        7. reader mail (personal data, spam flags, MIME, Maildirs)
    test_preview.py            8. the live preview's server (symbolic links, Host header)
    test_messages.py           9. one line each, in the same words in build, check and the
                                  preview; tracebacks only with --debug

Each test item here is one hostile input (marked ``hostile`` as it is collected), and
asserts the refusal (the exact line, and that nothing was written: the output folder is
empty or unchanged) or the inert rendering (the value parsed back as text, no element or
attribute injected). A test that checks that a legitimate input is still accepted is a
control: its name starts with ``test_control_``, and it is not counted. At the end of a run,
the summary gives "N hostile inputs tried, N held" per door: a failed item is an input that
got through. Helpers: hostile_helpers.py (``from hostile.hostile_helpers import ...``: this
folder is a package, as two of its module names are used in other folders too).
"""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

DOORS = {
    "test_files.py": "1. files",
    "test_addresses.py": "2. addresses",
    "test_markup.py": "3. markup",
    "test_wordpress_import.py": "4. WordPress import",
    "test_media_downloads.py": "5. media downloads",
    "test_comments_json.py": "6. comments.json",
    "test_reader_mail.py": "7. reader mail",
    "test_preview.py": "8. live preview",
    "test_messages.py": "9. messages",
}


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(item.path).parents and not item.originalname.startswith("test_control_"):
            item.add_marker(pytest.mark.hostile)


def pytest_terminal_summary(terminalreporter):
    """ "N hostile inputs tried, N held", door by door, for the items run here."""
    counts = {}
    for outcome in ("passed", "failed", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if report.when != "call" and outcome != "error":
                continue
            if "hostile" not in getattr(report, "keywords", {}):
                continue
            module = report.nodeid.split("::")[0].rsplit("/", 1)[-1]
            tried, held = counts.get(module, (0, 0))
            counts[module] = (tried + 1, held + (outcome == "passed"))
    if not counts:
        return
    terminalreporter.section("hostile inputs, by door")
    for module in sorted(counts, key=lambda name: DOORS.get(name, name)):
        tried, held = counts[module]
        terminalreporter.write_line(f"{DOORS.get(module, module)}: {tried} hostile inputs "
                                    f"tried, {held} held")


@pytest.fixture
def secret(tmp_path):
    """A file outside the project, as /etc/passwd is on the CI machine."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text("Title: Secret\nDate: 2020-01-01\n\nTOPSECRET root:x:0:0\n",
                    encoding="utf-8")
    return path
