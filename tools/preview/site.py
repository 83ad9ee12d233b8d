"""The site kept in memory between edits.

A *state* is one complete run of Pelican's generators (their context, the
articles in their lists and taxonomies), made exactly as ``Pelican.run`` makes
it, except that the generators' content cache lives in this process: a file
whose stamp has not changed is not read again. Rendering goes through each
generator's own ``generate_output``, so the settled output/ is what a clean
build writes; files a clean build would not write are deleted.

One edited post whose place in the site is unchanged (same status, date, slug,
URL, categories, tags and authors) takes a shorter road: it is re-read, swapped
into the kept state, and its own page and the listing pages that show it are
rendered before anything else.
"""

import contextlib
import logging
import os
import shutil
import sys
from fnmatch import fnmatch
from functools import partial

from content_checks.files import Refused
from pelican import Pelican, signals
from pelican.contents import Article, SkipStub
from pelican.generators import ArticlesGenerator, CachingGenerator, StaticGenerator
from pelican.readers import Readers

import site_facts
from pelican_adapter import (
    forget_rendered_content,
    generator_classes,
    keep_cache_in_memory,
    use_context,
)
from tools.authoring.build import Known, reword

from .responses_adapter import carry_responses
from .writer import Cancelled, DiffWriter

logger = logging.getLogger(__name__)

# Where a post is listed and under which URL; a change to any of these moves it
# between pages, which the in-place update does not attempt.
PLACEMENT = ("status", "slug", "url", "save_as", "date", "lang", "template", "in_default_lang")
# Pagefind's index is not Pelican's output; search.py keeps it.
SEARCH_FOLDER = "pagefind"


class BuildFailed(Exception):
    """Pelican logged errors, or raised; the last good site stays as it is."""

    def __init__(self, messages):
        super().__init__("\n".join(messages))
        self.messages = messages


class _ErrorLog(logging.Handler):
    """Each error as the one line `invoke build` prints for it (tools/authoring/build.py),
    without Pelican's vaguer line for what content_checks has named already."""

    def __init__(self, settings):
        super().__init__(logging.ERROR)
        self.messages = []
        self.known = Known.of(settings)

    def emit(self, record):
        # Pelican logs "Could not process" inside its except block: the reason is the
        # exception being handled.
        record.exception = sys.exc_info()[1]
        self.known.learn(record)
        line = reword(record, self.known)
        if line is not None:
            self.messages.append(line)


class collecting_errors:
    """Errors logged inside the block fail it, as `pelican --fatal errors` does."""

    def __init__(self, settings):
        self.settings = settings

    def __enter__(self):
        self.log = _ErrorLog(self.settings)
        logging.getLogger().addHandler(self.log)
        return self.log.messages

    def __exit__(self, kind, error, traceback):
        logging.getLogger().removeHandler(self.log)
        if kind is not None and issubclass(kind, BuildFailed):
            error.messages[:0] = self.log.messages
            return False
        if kind is not None and issubclass(kind, Refused):  # its reasons are logged already
            raise BuildFailed(self.log.messages) from error
        if kind is not None and issubclass(kind, Exception) and not issubclass(kind, Cancelled):
            where = getattr(error, "filename", None)  # a template's syntax error says where
            if where and getattr(error, "lineno", None):
                where = f"{where}:{error.lineno}"
            messages = (error.problem_lines() if hasattr(error, "problem_lines")
                        else [f"{where + ': ' if where else ''}{kind.__name__}: {error}"])
            raise BuildFailed([*self.log.messages, *messages]) from error
        if self.log.messages:
            raise BuildFailed(self.log.messages)


class State:
    """One complete generation: the generators and the context they share."""

    def __init__(self, context, generators):
        self.context = context
        self.generators = generators
        self.articles = next(g for g in generators if isinstance(g, ArticlesGenerator))


class Site:
    """Pelican's generators from the last good build, and every content file as read."""

    def __init__(self, settings):
        self.settings = settings
        self.pelican = Pelican(settings)  # loads the plugins, sends `initialized`
        # Absolute, as Pelican's writer makes every path it writes: the two are compared.
        self.output = os.path.abspath(self.pelican.output_path)
        self.cache = {}  # (generator class, source path) -> (stamp, content object)
        self.state = None
        self.files = set()  # every file the last complete render left in output/
        self.extensions = tuple(Readers(settings).extensions)

    # -- reading -----------------------------------------------------------

    def forget(self, source_paths):
        """Read these files again next time, whatever their stamps say."""
        paths = {os.path.normpath(path) for path in source_paths}
        for key in [key for key in self.cache if key[2] in paths]:
            del self.cache[key]

    def _keep_in_memory(self, generator):
        """Give a caching generator this process's cache in place of its pickle."""
        name = type(generator).__name__

        def stamp(path):
            status = os.stat(os.path.join(generator.path, path))
            return status.st_mtime_ns, status.st_size

        def get_cached_data(path, default=None):
            full = os.path.normpath(os.path.join(generator.path, path))
            entry = self.cache.get((name, path, full))
            try:
                if entry is None or entry[0] != stamp(path):
                    return default
            except OSError:
                return default
            content = entry[1]
            use_context(content, generator.context)  # links are resolved in this build
            return content

        def cache_data(path, content):
            full = os.path.normpath(os.path.join(generator.path, path))
            with contextlib.suppress(OSError):
                self.cache[(name, path, full)] = (stamp(path), content)

        keep_cache_in_memory(generator, get_cached_data, cache_data)

    def build_state(self):
        """Run every generator's generate_context, as Pelican.run does; raise BuildFailed."""
        forget_rendered_content()
        settings, pelican = self.settings, self.pelican
        context = settings.copy()
        context.update(generated_content={}, static_links=set(), static_content={},
                       localsiteurl=settings["SITEURL"])
        with collecting_errors(self.settings):
            generators = [
                cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme,
                    output_path=pelican.output_path)
                for cls in generator_classes(pelican)
            ]
            for generator in generators:
                if isinstance(generator, CachingGenerator):
                    self._keep_in_memory(generator)
            for generator in generators:
                if hasattr(generator, "generate_context"):
                    generator.generate_context()
                if hasattr(generator, "check_disabled_readers"):
                    generator.check_disabled_readers()
            signals.all_generators_finalized.send(generators)
            for generator in generators:
                if hasattr(generator, "refresh_metadata_intersite_links"):
                    generator.refresh_metadata_intersite_links()
        return State(context, generators)

    def knows(self, source_path):
        """Was this file part of the site (or might it be)? False for an editor's temporary file."""
        path = os.path.normpath(source_path)
        if self.state is None or path.endswith(".json"):  # comments files are no content
            return True
        if any(full == path for _, _, full in self.cache):
            return True
        relative = os.path.relpath(path, self.pelican.path)
        return relative in self.state.context.get("static_content", {})

    def cached_article(self, source_path):
        for (name, _, full), (_, content) in self.cache.items():
            if name == "ArticlesGenerator" and full == os.path.normpath(source_path):
                return content
        return None

    def update_post(self, source_path):
        """Re-read one post into the kept state; return it, or None if its place changed."""
        state = self.state
        generator = state.articles
        old = self.cached_article(source_path)
        if old is None or not _is_in(old, state):
            return None
        relative = os.path.relpath(source_path, generator.path)
        with collecting_errors(self.settings):
            try:
                new = generator.readers.read_file(
                    base_path=generator.path, path=relative, content_class=Article,
                    context=generator.context,
                    preread_signal=signals.article_generator_preread, preread_sender=generator,
                    context_signal=signals.article_generator_context, context_sender=generator,
                )
            except Exception:
                # Logged as ArticlesGenerator.generate_context logs it, so the block reports
                # it in the same one line as `invoke build`.
                logger.error("Could not process %s", relative)
                return None
            if isinstance(new, SkipStub) or not new.is_valid():
                return None
        if placement(new) != placement(old) or not carry_responses(old, new, generator.context):
            return None
        generator.cache_data(relative, new)
        # url_cache froze the same URL and path on the old version.
        for name in ("override_url", "override_save_as"):
            if hasattr(old, name) and not hasattr(new, name):
                setattr(new, name, getattr(old, name))
        new.refresh_metadata_intersite_links()
        _swap_everywhere(state, old, new)
        generator.add_source_path(new)
        return new

    # -- rendering ---------------------------------------------------------

    def copy_new_static(self, state):
        """Static files output/ lacks (a new photo's copies, plugins/images), before the pages
        that show them: the static generator copies the rest after every page is written."""
        for static in state.context.get("staticfiles", []):
            target = os.path.join(self.output, static.save_as)
            if not os.path.exists(target) and os.path.isfile(static.source_path):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy2(static.source_path, target)

    def render_first(self, state, articles):
        """The articles' own pages, then the listing pages that show them; return paths written."""
        self.copy_new_static(state)
        generator = state.articles
        relative_urls = self.settings["RELATIVE_URLS"]
        own = DiffWriter(self.output, self.settings)
        for article in articles:
            arguments = dict(article=article, category=getattr(article, "category", None),
                             override_output=hasattr(article, "override_save_as"),
                             url=article.url, blog=True)
            if article.status == "draft":  # as generate_drafts writes them
                arguments["all_articles"] = generator.articles
            own.write_file(article.save_as, generator.get_template(article.template),
                           generator.context, relative_urls=relative_urls, **arguments)

        listed = [article for article in articles if article.status == "published"]

        def shows_them(page_context):
            page = page_context.get("articles_page")
            return page is not None and any(
                shown is article for shown in page.object_list for article in listed)

        listings = DiffWriter(self.output, self.settings, wanted=shows_them)
        write = partial(listings.write_file, relative_urls=relative_urls)
        if listed and "index" in self.settings["DIRECT_TEMPLATES"]:
            _write_index(generator, write)
        for kind, taxonomy in (("tag", generator.tags), ("category", generator.categories),
                               ("author", generator.authors)):
            groups = dict(taxonomy.items() if hasattr(taxonomy, "items") else taxonomy)
            wanted = {name for article in listed for name in _taxonomy_of(article, kind)}
            for name in wanted:
                if name in groups:
                    _write_taxonomy(generator, write, kind, name, groups[name])
        return own.changed + listings.changed

    def render_all(self, state, cancelled=None):
        """Bring output/ up to date with `state`; return (files written, files deleted)."""
        writer = DiffWriter(self.output, self.settings, cancelled)
        self.copy_new_static(state)
        with collecting_errors(self.settings):
            for generator in state.generators:
                if hasattr(generator, "generate_output") and not isinstance(
                        generator, StaticGenerator):
                    generator.generate_output(writer)
            for generator in state.generators:
                if isinstance(generator, StaticGenerator):
                    generator.generate_output(writer)
        expected = writer.paths | self.static_files(state)
        # Before `finalized`: the redirects plugin refuses to write over a real page,
        # and a renamed post's old page is one until it is gone.
        removed = self.remove_stale(expected)
        with collecting_errors(self.settings):
            signals.finalized.send(self.pelican)
        # What `finalized` wrote (the redirect pages) is all that is left unexpected.
        self.files = expected | set(self._output_files())
        return writer.changed, removed

    def static_files(self, state):
        """Every file the static generator copies: the theme's and the content's."""
        settings = self.settings
        ignored = settings["IGNORE_FILES"]
        target = os.path.join(self.output, settings["THEME_STATIC_DIR"])
        files = set()
        for path in settings["THEME_STATIC_PATHS"]:
            source = os.path.join(self.pelican.theme, path)
            if any(fnmatch(os.path.basename(source), pattern) for pattern in ignored):
                continue
            if os.path.isfile(source):
                files.add(os.path.normpath(os.path.join(target, os.path.basename(path))))
                continue
            for folder, folders, names in os.walk(source, followlinks=True):
                folders[:] = [f for f in folders if not any(fnmatch(f, p) for p in ignored)]
                for name in names:
                    if not any(fnmatch(name, pattern) for pattern in ignored):
                        relative = os.path.relpath(os.path.join(folder, name), source)
                        files.add(os.path.normpath(os.path.join(target, relative)))
        for static in state.context.get("staticfiles", []):
            files.add(os.path.normpath(os.path.join(self.output, static.save_as)))
        return files

    def _output_files(self):
        for folder, folders, names in os.walk(self.output):
            if folder == self.output and SEARCH_FOLDER in folders:
                folders.remove(SEARCH_FOLDER)
            for name in names:
                yield os.path.normpath(os.path.join(folder, name))

    def remove_stale(self, expected):
        """Delete what a clean build would not write (the search index aside)."""
        removed = [path for path in self._output_files() if path not in expected]
        for path in removed:
            os.unlink(path)
        for folder, _, _ in os.walk(self.output, topdown=False):  # children first
            if folder != self.output and not os.listdir(folder):
                os.rmdir(folder)
        return removed


def placement(article):
    taxonomies = tuple(tuple(str(name) for name in _taxonomy_of(article, kind))
                       for kind in ("category", "tag", "author"))
    return tuple(str(getattr(article, name, None)) for name in PLACEMENT), taxonomies


def _taxonomy_of(article, kind):
    if kind == "category":
        return getattr(article, "categories", None) or [getattr(article, "category", None)]
    return getattr(article, kind + "s", None) or []


def _is_in(article, state):
    return any(item is article for item in site_facts.articles(state.articles))


def _swap_everywhere(state, old, new):
    """Put `new` wherever the kept state lists `old`: lists, taxonomies, archives, context."""
    generator = state.articles
    lists = [*site_facts.content_lists(generator), generator.dates, *generator.tags.values()]
    for taxonomy in (generator.categories, generator.authors):
        lists += [articles for _, articles in taxonomy]
    for periods in generator.period_archives.values():
        for period in periods:
            lists += [period["dates"], period["articles"]]
    for article in site_facts.articles(generator, translations=False):
        lists.append(article.translations)
    lists += [value for value in state.context.values() if isinstance(value, list)]
    for items in lists:
        for index, item in enumerate(items):
            if item is old:
                items[index] = new


def _write_index(generator, write):
    """The home page's listing, as ArticlesGenerator.generate_direct_templates writes it."""
    settings = generator.settings
    save_as = settings.get("INDEX_SAVE_AS", "index.html")
    url = settings.get("INDEX_URL", "index.html")
    write(save_as, generator.get_template("index"), generator.context,
          articles=generator.articles, dates=generator.dates, blog=True,
          template_name="index", page_name=os.path.splitext(save_as)[0], url=url)


def _write_taxonomy(generator, write, kind, name, articles):
    """One tag, category or author listing, as ArticlesGenerator.generate_tags & co. write it."""
    # Pelican's `article in articles` compares by identity (Article has no __eq__), so a
    # set of ids is the same test without a scan of the list per article.
    listed = {id(article) for article in articles}
    dates = [article for article in generator.dates if id(article) in listed]
    write(name.save_as, generator.get_template(kind), generator.context, url=name.url,
          **{kind: name}, articles=articles, dates=dates, template_name=kind, blog=True,
          page_name=name.page_name, all_articles=generator.articles)
