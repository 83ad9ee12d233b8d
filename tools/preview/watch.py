"""Turn the operating system's change events into the right update, one batch at a time.

One thread waits on watchfiles (inotify on Linux: no polling of the tree),
another does the work, so a newer change can stop a render that it makes
stale. Each batch of changes gets the narrowest update that stays correct:

- one post edited, its place in the site unchanged: re-read it alone, render
  its page and the listing pages showing it, reload the browser;
- any other content change (new, deleted, renamed post, draft to published,
  date or taxonomy change, comments file, pages, images): a new state from the
  in-memory cache, with only the changed files read, the changed posts' pages
  first, then the rest;
- theme templates: a new state without reading any post (all come from the
  cache), every page rendered;
- the settings file or a plugin: a fresh process (`restart`).

After every update the whole site is rendered from the new state in the
background ("settling"): changed files are written, files a clean build would
not write are deleted, then the search index is rebuilt once edits pause.
"""

import gc
import logging
import os
import queue
import sys
import threading
import time
import traceback
from pathlib import Path

from content_checks.files import symlinks
from watchfiles import Change, DefaultFilter, watch

from .server import url_paths
from .site import BuildFailed, collecting_errors
from .writer import Cancelled

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Seconds without a new change before the search index is rebuilt.
    "search_delay": 3.0,
    # Longest wait (ms) to gather a burst of changes (an editor's save, a git checkout).
    "debounce": 400,
}


class Batch:
    """One burst of changes, sorted by what they touch."""

    def __init__(self, changes, site, restart_paths):
        settings = site.settings
        content = Path(settings["PATH"]).resolve()
        theme = Path(settings["THEME"]).resolve()
        article_roots = [content / path for path in settings["ARTICLE_PATHS"]]
        extensions = tuple("." + ext for ext in site.extensions)
        self.restart = self.templates = self.theme_static = self.other_content = False
        self.posts = {}  # path -> watchfiles Change
        for change, name in changes:
            # The folder resolved, not the name: a symbolic link is seen as itself, so a new
            # link in content/ is refused by the next build (content_checks/files.py).
            path = Path(name).parent.resolve() / Path(name).name
            if any(path == root or root in path.parents for root in restart_paths):
                self.restart = True
            elif not path.exists() and not site.knows(str(path)):
                continue  # gone already and never part of the site: an editor's temporary file
            elif theme in path.parents:
                if (theme / "templates") in path.parents:
                    self.templates = True
                else:
                    self.theme_static = True
            elif content in path.parents:
                is_post = path.suffix in extensions and any(
                    root in path.parents for root in article_roots)
                if is_post:
                    self.posts[str(path)] = change
                else:
                    self.other_content = True

    def single_edit(self):
        """The one post edited in place, if that is all this batch is."""
        if (len(self.posts) == 1 and not (self.restart or self.templates or self.theme_static
                                          or self.other_content)):
            path, change = next(iter(self.posts.items()))
            # "added" too: editors that save by renaming a new file over the old one.
            if change != Change.deleted and os.path.isfile(path) and not os.path.islink(path):
                return path
        return None

    def merge(self, other):
        for name in ("restart", "templates", "theme_static", "other_content"):
            setattr(self, name, getattr(self, name) or getattr(other, name))
        self.posts.update(other.posts)
        return self


class Preview:
    """The long-lived preview: a site, a server to announce reloads through, a watcher."""

    def __init__(self, site, server, watch_paths, restart_paths, restart=None, search=None,
                 **options):
        self.site, self.server = site, server
        self.watch_paths = [str(path) for path in watch_paths]
        self.restart_paths = [Path(path).resolve() for path in restart_paths]
        self.on_restart = restart or restart_process
        self.index_search = search
        self.options = {**DEFAULTS, **options}
        self.batches = queue.Queue()
        self.newer = threading.Event()  # set when a batch arrives: stop rendering
        self.stop = threading.Event()
        self.idle = threading.Condition()
        self.received = self.finished = 0
        self.search_stale = False
        self.last_error = None

    # -- the two threads ----------------------------------------------------

    def watch(self):
        """Put each burst of OS change events on the queue (runs until `stop` is set)."""
        for changes in watch(*self.watch_paths, watch_filter=DefaultFilter(),
                             debounce=self.options["debounce"], step=30,
                             stop_event=self.stop, yield_on_timeout=False):
            with self.idle:
                self.received += 1
            self.newer.set()
            self.batches.put(changes)

    def work(self):
        """Apply batches one after another; rebuild the search index when edits pause."""
        while not self.stop.is_set():
            try:
                timeout = self.options["search_delay"] if self.search_stale else 0.5
                changes = self.batches.get(timeout=timeout)
            except queue.Empty:
                if self.search_stale:
                    self.refresh_search()
                self._mark_idle(0)
                continue
            taken = 1
            batch = Batch(changes, self.site, self.restart_paths)
            while not self.batches.empty():  # whatever arrived meanwhile goes in too
                batch.merge(Batch(self.batches.get(), self.site, self.restart_paths))
                taken += 1
            self.newer.clear()
            try:
                self.apply(batch)
            except Exception:  # a bug must not end the preview; the next save tries afresh
                traceback.print_exc()
                self.site.state = None
            self._mark_idle(taken)

    def _mark_idle(self, taken):
        with self.idle:
            self.finished += taken
            self.idle.notify_all()

    def wait_settled(self, received_before, timeout=60):
        """Wait until a batch received after `received_before` is done and all is quiet
        (search index included); for tests and the benchmark."""
        deadline = time.monotonic() + timeout
        with self.idle:
            return self.idle.wait_for(
                lambda: (self.received > received_before and self.finished == self.received
                         and not self.search_stale and self.batches.empty()),
                max(0, deadline - time.monotonic()))

    # -- updates --------------------------------------------------------------

    def start(self):
        """The first build: every file read, every page rendered."""
        self.site.state = None
        self._settle(first=None)
        if self.site.state is not None:
            self.refresh_search()

    def apply(self, batch):
        site = self.site
        if batch.restart:
            print("preview: settings or a plugin changed; starting afresh", file=sys.stderr)
            self.on_restart()
            return
        started = time.perf_counter()
        edited = batch.single_edit()
        if edited and site.state is not None:
            try:
                article = site.update_post(edited)
            except BuildFailed as failure:
                self.report(failure)
                return
            if article is not None:
                try:
                    with collecting_errors(site.settings):
                        written = site.render_first(site.state, [article])
                except BuildFailed as failure:
                    self.report(failure)
                    return
                self.announce(written)
                print(f"preview: {article.relative_source_path} on screen in "
                      f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
                self._settle(first=None, started=started)
                return
        site.forget(batch.posts)
        if batch.theme_static and not (batch.posts or batch.templates or batch.other_content):
            self._copy_theme(started)
            return
        self._settle(first=[path for path, change in batch.posts.items()
                            if change != Change.deleted], started=started)

    def _copy_theme(self, started):
        state = self.site.state
        if state is None or symlinks(self.site.settings):  # a whole build refuses links
            return self._settle(first=None)
        for generator in state.generators:
            if type(generator).__name__ == "StaticGenerator":
                generator.generate_output(None)
        self.announce(["*"])
        theme_output = os.path.join(self.site.output, self.site.settings["THEME_STATIC_DIR"], "")
        expected = ({path for path in self.site.files if not path.startswith(theme_output)}
                    | self.site.static_files(state))
        self.site.remove_stale(expected)
        self.site.files = expected
        print(f"preview: theme files copied in {time.perf_counter() - started:.2f} s",
              file=sys.stderr)

    def _settle(self, first, started=None):
        """A new state from the cache; `first` posts' pages before the rest; then all."""
        site = self.site
        try:
            site.state = None  # a failed build must not leave a half-updated state behind
            gc.collect()  # the old state's cycles, before a new one is built beside them
            state = site.state = site.build_state()
            if first:
                articles = [site.cached_article(path) for path in first]
                written = site.render_first(state, [a for a in articles if a is not None])
                self.announce(written)
            written, removed = site.render_all(state, self.newer)
        except Cancelled:
            logger.debug("preview: newer changes arrived; settling again")
            return
        except BuildFailed as failure:
            self.report(failure)
            return
        self.announce(written + removed)
        if self.last_error is not None:
            print("preview: the site builds again.", file=sys.stderr)
            self.last_error = None
        if started is not None:
            print(f"preview: settled in {time.perf_counter() - started:.2f} s "
                  f"({len(written)} files written, {len(removed)} deleted)", file=sys.stderr)

    def report(self, failure):
        self.last_error = failure
        print("preview: the build failed; the last good site is still served. "
              "Fix the file and save it again.", file=sys.stderr)
        for message in failure.messages:
            print("ERROR " + message, file=sys.stderr)  # as `invoke build` prints it

    def announce(self, written):
        """Tell open pages what changed; the search index is out of date from now on."""
        if written:
            self.search_stale = self.index_search is not None
        if written == ["*"]:
            self.server.reloads.announce("*")
        elif written:
            self.server.reloads.announce(url_paths(self.site.output, written))

    def refresh_search(self):
        """Rebuild the Pagefind index; a new change stops it (it is rebuilt later)."""
        self.search_stale = False
        if self.index_search is None:
            return
        started = time.perf_counter()
        index = self.index_search(self.site.output).start()
        while index.poll() is None:
            if self.newer.wait(0.1):
                index.abort()
                self.search_stale = True
                return
        if index.finish():
            print(f"preview: search index rebuilt in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)
        else:
            print("preview: Pagefind failed; search shows the last index", file=sys.stderr)


def restart_process():
    """Replace this process with a fresh one, same arguments: new settings, new plugins."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])

