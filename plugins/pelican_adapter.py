"""Every use the site makes of a Pelican name that is not Pelican's public API, in one place.

Pelican's public API is its signals, its settings, its command line and the attributes its
documentation gives content objects and generators. Where a plugin or a tool needs more, it
comes here: a name that starts with an underscore, a method replaced, an undocumented
attribute relied on. ``USES`` lists each with its reason; each has a canary test
(tests/adapter/test_pelican_adapter.py) that fails naming the Pelican version and the name
when an upgrade changes it. requirements.txt pins Pelican to the version checked
(``PELICAN_VERSION``); run those tests first when raising the pin (docs/maintainers.md).

Plugins and tools import this module by one name, ``pelican_adapter`` (plugins/ is on the
path of both: pelicanconf.py and tools/__init__.py put it there).
"""

import contextlib
import copy
import io
import logging

from pelican.contents import Content
from pelican.log import FatalLogger, LimitFilter, console
from pelican.writers import FileOverwriteFailedError, Writer

PELICAN_VERSION = "4.12.0"

USES = {
    # Content bodies (plugins/tables, plugins/content_checks, plugins/srcset)
    "Content._content": "the body as read, before links are resolved: Pelican has no public "
    "way to read or change it",
    # {static} links in srcset (plugins/srcset), pictures (plugins/images)
    "Content._update_content": "where Pelican resolves a body's links; no signal is sent "
    "there, so it is wrapped to rewrite <img>s into pictures before and to resolve srcset "
    "candidates after",
    "Content._get_intrasite_link_regex": "Pelican's own pattern for {static}/{filename} "
    "links, so a srcset candidate is found as a src is",
    "Content._link_replacer": "Pelican's own resolution of one link: its URL, its warning "
    "for a missing file, its static copy",
    "Content.get_static_links": "wrapped so that files only a srcset names are copied like "
    "any linked static file",
    # Process-wide log state (tools/authoring/build.py, tests/sitebuild.py)
    "LimitFilter._raised_messages": "a warning said by an earlier build in this process "
    "would not be said again",
    "LimitFilter._group_count": "an earlier build's warnings would count towards this "
    "build's limit",
    "FatalLogger.fatal_lvl": "pelican --fatal sets it for the process; our builds apply "
    "their fatal level after reading instead",
    "pelican.log.console": "Pelican prints its 'Done: Processed …' summary through this "
    "console, which pelican.log does not export; a scratch build keeps it quiet",
    # The live preview (tools/preview)
    "Pelican._get_generator_classes": "the generators Pelican.run would make, plugins' "
    "included, for a state kept between edits",
    "CachingGenerator.get_cached_data": "replaced per generator: the content cache is kept "
    "in the preview's memory, not in a pickle",
    "CachingGenerator.cache_data": "replaced with get_cached_data",
    "CachingGenerator.save_cache": "replaced with get_cached_data: nothing to save",
    "Content._context": "an article kept from an earlier state must resolve its links in "
    "this state's context (the preview); the build's images are found in it (plugins/images)",
    "Content.get_content.cache": "Pelican memoises bodies and summaries for ever; each "
    "preview state starts without them",
    "Writer._open_w": "where Pelican's writer opens a file; the preview's writer compares "
    "the page with the file on disk instead",
    "Writer._written_files": "Pelican's record of the files a writer wrote, kept by the "
    "preview's writer as Pelican keeps it",
    "Writer._overridden_files": "the same record for files written with override",
    # Feed entry ids (plugins/wordpress_feeds)
    "Writer._add_item_to_the_feed": "where Pelican adds an article to a feed and makes its "
    "id (a tag URI); extended so that a migrated post keeps its WordPress GUID as the id "
    "feed readers know it by",
    # The benchmark's profile (tools/bench/profile.py): a stage's time is its function's
    "profile: pelican/contents.py _update_content": "the time spent resolving links",
    "profile: pelican/writers.py _write_file": "the time to render and write one page",
    "profile: pelican/generators.py _copy_paths": "the time to copy static files",
}

# (file suffix, function name) of the Pelican functions whose time the profile reports.
PROFILED = {
    "links": ("pelican/contents.py", "_update_content"),
    "page": ("pelican/writers.py", "_write_file"),
    "static": ("pelican/generators.py", "_copy_paths"),
}


# -- Content bodies ---------------------------------------------------------------------------

def body(content):
    """The body as the reader made it (links not yet resolved), or None."""
    return content._content


def set_body(content, html):
    """Replace the body before Pelican resolves its links and renders it (content_object_init)."""
    content._content = html


# -- Links Pelican resolves, and more ---------------------------------------------------------

_pelican_methods = {}  # Content's own methods, before they were wrapped
_before_link_hooks, _link_hooks, _static_link_hooks = [], [], []


def before_link_resolution(hook):
    """Run hook(content, html) -> html on every body and summary just before Pelican
    resolves its links, so links the hook writes are resolved like the author's."""
    _wrap_content()
    if hook not in _before_link_hooks:
        _before_link_hooks.append(hook)


def after_link_resolution(hook):
    """Run hook(content, html, siteurl) -> html on every body and summary once Pelican has
    resolved its links. Once per process; a hook already there is not added twice."""
    _wrap_content()
    if hook not in _link_hooks:
        _link_hooks.append(hook)


def more_static_links(hook):
    """Add hook(content) -> set of paths to the static files Pelican copies for a content."""
    _wrap_content()
    if hook not in _static_link_hooks:
        _static_link_hooks.append(hook)


def remove_hook(hook):
    for hooks in (_before_link_hooks, _link_hooks, _static_link_hooks):
        if hook in hooks:
            hooks.remove(hook)


def _wrap_content():
    if _pelican_methods:
        return
    for name, wrapper in (("_update_content", _update_content),
                          ("get_static_links", _get_static_links)):
        _pelican_methods[name] = getattr(Content, name)
        setattr(Content, name, wrapper)


def _update_content(self, html, siteurl):
    for hook in _before_link_hooks:
        html = hook(self, html)
    html = _pelican_methods["_update_content"](self, html, siteurl)
    for hook in _link_hooks:
        html = hook(self, html, siteurl)
    return html


def _get_static_links(self):
    links = _pelican_methods["get_static_links"](self)
    for hook in _static_link_hooks:
        links |= hook(self)
    return links


def _as_src(url):
    return f'<img src="{url}">'


def resolve_link(content, url, siteurl):
    """One URL as Pelican resolves a src on `content`'s page: a {static}, {filename}... link
    becomes the linked file's URL (a missing file is warned about as Pelican does); any other
    URL is returned as it is."""
    links = content._get_intrasite_link_regex()
    if not links.search(_as_src(url)):
        return url
    resolved = links.sub(lambda match: content._link_replacer(siteurl, match), _as_src(url))
    return resolved[len(_as_src("")) - 2:-2]


def static_links_of(content, urls):
    """The static files Pelican would copy for these URLs ({static}/... links) if they were
    src attributes in `content`'s body."""
    shadow = copy.copy(content)  # a throwaway copy whose body is the URLs as src attributes
    shadow._content = "\n".join(_as_src(url) for url in urls)
    get_static_links = _pelican_methods.get("get_static_links", Content.get_static_links)
    return get_static_links(shadow)


# -- Process-wide log state -------------------------------------------------------------------

@contextlib.contextmanager
def fresh_pelican_log():
    """Pelican's log state belongs to the process: inside, a build starts afresh (no warning
    held back as already said by an earlier build) and Pelican's logger never raises."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    saved_fatal_level = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.CRITICAL + 1
    try:
        yield
    finally:
        FatalLogger.fatal_lvl = saved_fatal_level


@contextlib.contextmanager
def quiet_console(quiet=True):
    """Inside, Pelican's own console (its progress lines and summary) prints nothing when
    `quiet`; as it was on the way out."""
    saved = console.quiet
    console.quiet = quiet
    try:
        yield
    finally:
        console.quiet = saved


# -- The live preview -------------------------------------------------------------------------

def generator_classes(pelican):
    """The generator classes Pelican.run makes, in its order, those plugins add included."""
    return pelican._get_generator_classes()


def keep_cache_in_memory(generator, get, put):
    """Give a caching generator a cache of the caller's: get(path, default) -> content or
    default, put(path, content); nothing is saved to disk."""
    generator.get_cached_data = get
    generator.cache_data = put
    generator.save_cache = lambda: None


def context_of(content):
    """The generator context `content` resolves its links in (empty before it has one)."""
    return getattr(content, "_context", None) or {}


def use_context(content, context):
    """Resolve `content`'s links in `context` (a later build's) from now on."""
    content._context = context


def forget_rendered_content():
    """Drop Pelican's memoised bodies and summaries, which are kept by content for ever."""
    for name in ("get_content", "get_summary"):
        getattr(Content, name).cache.clear()


class PendingWriter(Writer):
    """Pelican's writer, with the file it would open for a page left to `pending_file`.

    Rendering stays Pelican's own (pagination, relative URLs, ``content_written``), and so
    do its checks against writing one file twice.
    """

    def pending_file(self, filename):
        """The file-like object the page at `filename` is written to."""
        raise NotImplementedError

    def _open_w(self, filename, encoding, override=False):
        # As Writer._open_w keeps its records, without opening the file.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            return io.StringIO()
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return self.pending_file(filename)


# -- Feed entry ids ---------------------------------------------------------------------------

def writer_with_entry_ids(entry_id):
    """A Writer class whose feed entries take their id from ``entry_id(item)`` when it gives
    one (Pelican's tag URI otherwise); Pelican sends no signal where it makes the id."""

    class EntryIdWriter(Writer):
        def _add_item_to_the_feed(self, feed, item):
            super()._add_item_to_the_feed(feed, item)
            if unique_id := entry_id(item):
                feed.items[-1]["unique_id"] = unique_id

    return EntryIdWriter
