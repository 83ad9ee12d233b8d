"""Helpers for the preview's tests: a small site written here, the preview run in-process,
and a clean build of the same sources to compare output/ with."""

import contextlib
import hashlib
import json
import shutil
import time
from pathlib import Path

from sitebuild import LOCAL_SETTINGS, REPO_ROOT, build
from tools.authoring.build import plugins_disconnected_after
from tools.preview.cli import make_preview, preview_settings, start_threads
from tools.preview.search import SearchIndex

POSTS = 11  # post 10 a draft: three listing pages at four a page


def post_text(number, title=None, date=None, category="general", tags="health", status=None,
              body=None):
    lines = [f"Title: {title or f'Post number {number}'}",
             f"Date: {date or f'2020-01-{number:02d} 10:00'}",
             f"Category: {category}", f"Tags: {tags}", f"Slug: post-{number}",
             "Author: Ann Editor"]
    if status:
        lines.append(f"Status: {status}")
    return "\n".join(lines) + "\n\n" + (body or f"The body of post {number}.") + "\n"


def write_post(content, number, **fields):
    path = Path(content) / "posts" / f"post-{number}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(post_text(number, **fields), encoding="utf-8")
    return path


def response(number, post):
    return {"id": str(number), "post": post, "type": "comment", "author": f"Reader {number}",
            "date": f"2020-02-01T09:{number:02d}:00-05:00", "content": f"Response {number}."}


def write_comments(content, responses):
    path = Path(content) / "comments.json"
    path.write_text(json.dumps({"version": 1, "responses": responses}, indent=1),
                    encoding="utf-8")
    return path


def write_site(root):
    """Posts 1..11 (post 10 a draft), an about page, two responses; a private theme copy."""
    content = root / "content"
    for number in range(1, POSTS + 1):
        write_post(content, number, status="draft" if number == 10 else None,
                   tags="health, news" if number % 3 == 0 else "health")
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "about.md").write_text("Title: About\nSlug: about\n\nAbout us.\n",
                                                 encoding="utf-8")
    write_comments(content, [response(1, "post-2"), response(2, "post-5")])
    shutil.copytree(REPO_ROOT / "theme", root / "theme")
    return content


def overrides(root):
    # Small pages make a small site with several listing pages.
    return {"THEME": str(root / "theme"), "CACHE_PATH": str(root / "cache"),
            "DEFAULT_PAGINATION": 4}


def start_preview(root, **options):
    """The preview of root/content into root/output, serving on a free port."""
    settings = preview_settings(LOCAL_SETTINGS, root / "content", root / "output")
    settings.update(overrides(root))
    preview = make_preview(settings, str(LOCAL_SETTINGS), "127.0.0.1", 0, search=True,
                           **{"search_delay": 0, "debounce": 200, **options})
    preview.restarts = []
    preview.on_restart = lambda: preview.restarts.append(True)
    preview.start()
    start_threads(preview)
    return preview


@contextlib.contextmanager
def running_preview(root, **options):
    """The small site written under `root` and previewed until the block ends; the plugin
    receivers the preview connected go with it (blinker's signals are global)."""
    write_site(root)
    with plugins_disconnected_after():
        preview = start_preview(root, **options)
        try:
            yield preview
        finally:
            stop_preview(preview)


def settle(preview, change):
    """Make a change under the watcher's eyes and wait until it has settled."""
    before = preview.received
    change()
    # One save can reach the watcher as two bursts on a busy machine: settle until quiet.
    while True:
        assert preview.wait_settled(before, timeout=60), "the preview did not settle in 60 s"
        before = preview.received
        time.sleep(0.3)
        if preview.received == before:
            return


def stop_preview(preview):
    preview.stop.set()
    preview.server.shutdown()
    preview.server.server_close()


def clean_build(root, output):
    """What `invoke build` writes for the same sources: Pelican, then Pagefind, into an empty
    folder; any error logged fails it, as `--fatal errors` does."""
    shutil.rmtree(output, ignore_errors=True)
    build(root / "content", output, fatal="errors", **overrides(root))
    index = SearchIndex(output).start()
    assert index.finish(), "Pagefind failed on the clean build"
    return output


def manifest(folder):
    """sha256 of every file under `folder`, by relative path."""
    folder = Path(folder)
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(expected, actual):
    """A readable account of how two manifests differ (empty when they are equal)."""
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(path for path in set(expected) & set(actual)
                     if expected[path] != actual[path])
    return {name: paths for name, paths in (("missing", missing), ("stale", extra),
                                            ("different", changed)) if paths}
