"""Only the comments store (plugins/responses/store.py) opens the comments file.

Scans the project's code (plugins/, tools/, tasks.py) for the two ways code outside the store
would reach the file itself: a path naming it (``"comments.json"``: what made both importers
ignore RESPONSES_PATH) and a call that opens, reads, writes or replaces a file whose
arguments speak of comments. The store hands everyone else its path (``resolve_path``,
``CommentsStore.for_site``) and its records (``load``, ``records``, ``add``, ``create``).
"""

import ast
import re

from sitebuild import REPO_ROOT

STORE = REPO_ROOT / "plugins" / "responses" / "store.py"
# A string that is a path ending in the comments file's default name.
COMMENTS_PATH = re.compile(r"[\w./\\-]*\bcomments\.json")
OPENING = {"open", "read_text", "write_text", "read_bytes", "write_bytes", "json.load",
           "json.dump", "replace", "rename", "unlink", "copy", "copy2", "copyfile", "move",
           "write_atomically", "write_files"}
SPEAKS_OF_COMMENTS = re.compile(r"comment|RESPONSES_PATH", re.IGNORECASE)


def project_code():
    files = [REPO_ROOT / "tasks.py"]
    for folder in ("plugins", "tools"):
        files += (REPO_ROOT / folder).rglob("*.py")
    return sorted(path for path in files if path != STORE and "__pycache__" not in path.parts)


def docstrings(tree):
    """The docstring nodes: prose about the file, not a use of it."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def reaches_for_the_comments_file(path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    prose = docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in prose and COMMENTS_PATH.fullmatch(node.value)):
            found.append((node.lineno, f"names the comments file: {node.value!r}"))
        if isinstance(node, ast.Call):
            called = ast.unparse(node.func)
            text = ast.get_source_segment(source, node) or ""
            if ({called, called.rsplit(".", 1)[-1]} & OPENING
                    and SPEAKS_OF_COMMENTS.search(text)):
                found.append((node.lineno, f"opens it: {' '.join(text.split())[:80]}"))
    return [f"{path.relative_to(REPO_ROOT)}:{line}: {what}" for line, what in found]


def test_only_the_comments_store_opens_the_comments_file():
    assert [line for path in project_code() for line in reaches_for_the_comments_file(path)] == []


def test_the_search_finds_the_stores_own_opening_and_a_hard_coded_path():
    assert any("opens it" in line for line in reaches_for_the_comments_file(STORE))
    assert any("names the comments file" in line for line in reaches_for_the_comments_file(STORE))
