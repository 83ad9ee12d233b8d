"""plugins/pelican_adapter.py: a canary for every use of a Pelican name that is not public API,
and the greps that keep those uses in the adapter.

Each canary exercises one entry of ``pelican_adapter.USES`` on the installed Pelican, through
the adapter's own functions, and fails with one line naming Pelican's version, the name and
what the site uses it for: the first thing to read after raising the pin in requirements.txt.
"""

import ast
import copy
import datetime
import inspect
import io
import logging
import re
import types
from pathlib import Path

import jinja2
import pelican
import pytest
from pelican import Pelican, signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.writers import FileOverwriteFailedError

import pelican_adapter as adapter
from sitebuild import REPO_ROOT

SITEURL = "https://blog.example.org"
CANARIES = {}


def canary(name):
    def register(check):
        CANARIES[name] = check
        return check
    return register


@pytest.mark.parametrize("name", list(adapter.USES))
def test_canary(name, tmp_path):
    check = CANARIES.get(name)
    assert check is not None, f"pelican_adapter.USES lists {name} but it has no canary here"
    try:
        check(tmp_path)
    except Exception as error:  # one line that says what broke, whatever broke it
        pytest.fail(
            f"Pelican {pelican.__version__} (pelican_adapter was checked with "
            f"{adapter.PELICAN_VERSION}): {name} no longer behaves as the site relies on: "
            f"{type(error).__name__}: {error} -- used because {adapter.USES[name]}",
            pytrace=False)


def test_every_canary_names_a_use():
    assert set(CANARIES) == set(adapter.USES)


def test_the_pin_is_the_version_the_canaries_checked():
    pins = [line for line in (REPO_ROOT / "requirements.txt").read_text().splitlines()
            if line.lower().startswith("pelican==")]
    assert pins == [f"pelican=={adapter.PELICAN_VERSION}"]


# -- Pages to try the uses on -------------------------------------------------------------------

def settings(**override):
    return {**copy.deepcopy(DEFAULT_CONFIG), "SITEURL": SITEURL, "RELATIVE_URLS": False,
            "PATH": "/site/content", **override}


def page(body='<p><img src="{static}/images/a.png" alt=""></p>', context=None):
    """A page as Pelican's reader makes it, in a context that knows one static file."""
    context = context if context is not None else {
        "localsiteurl": SITEURL, "generated_content": {},
        "static_content": {"images/a.png": types.SimpleNamespace(url="images/a.png")}}
    return Page(body, metadata={"title": "A page"}, settings=settings(),
                source_path="/site/content/pages/a-page.md", context=context)


class Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def pelican_logger(tmp_path):
    """A logger of Pelican's own class (LimitFilter and FatalLogger apply), with a handler."""
    logger = logging.getLogger(f"pelican.canary.{tmp_path.name}")
    assert type(logger).__name__ == "FatalLogger", type(logger)
    lines = Lines()
    logger.addHandler(lines)
    return logger, lines.lines


# -- Content bodies -----------------------------------------------------------------------------

@canary("Content._content")
def check_body(tmp_path):
    content = page("<p>As read.</p>")
    assert adapter.body(content) == "<p>As read.</p>"
    adapter.set_body(content, "<p>Changed by a plugin.</p>")
    assert content.content == "<p>Changed by a plugin.</p>"


# -- Links --------------------------------------------------------------------------------------

@canary("Content._update_content")
def check_link_hooks(tmp_path):
    content, seen = page(), []

    def before(item, html):
        if item is not content:
            return html
        seen.append(html)
        return html + '<img src="{static}/images/a.png" alt="added">'

    def after(item, html, siteurl):
        if item is not content:
            return html
        seen.append(html)
        return html + "<!-- after -->"

    adapter.before_link_resolution(before)
    adapter.after_link_resolution(after)
    try:
        html = content.get_content(SITEURL)
    finally:
        adapter.remove_hook(before)
        adapter.remove_hook(after)
    # The first hook saw the body as read, the link it wrote was resolved by Pelican with the
    # author's, and the second hook saw the resolved body; its result is the body.
    resolved = (f'<p><img src="{SITEURL}/images/a.png" alt=""></p>'
                f'<img src="{SITEURL}/images/a.png" alt="added">')
    assert seen == ['<p><img src="{static}/images/a.png" alt=""></p>', resolved]
    assert html == resolved + "<!-- after -->"


@canary("Content._get_intrasite_link_regex")
def check_link_pattern(tmp_path):
    content = page()
    assert adapter.resolve_link(content, "https://elsewhere.example/b.png 2x", SITEURL) == (
        "https://elsewhere.example/b.png 2x")
    assert adapter.resolve_link(content, "{static}/images/a.png", SITEURL) == (
        f"{SITEURL}/images/a.png")


@canary("Content._link_replacer")
def check_link_replacer(tmp_path):
    content = page()
    relative = page()
    relative.settings["RELATIVE_URLS"] = True
    assert adapter.resolve_link(content, "{static}/images/a.png?v=2#top", SITEURL) == (
        f"{SITEURL}/images/a.png?v=2#top")
    assert adapter.resolve_link(relative, "{static}/images/a.png", "..") == "../images/a.png"
    logger, lines = pelican_logger(tmp_path)
    missing = logging.getLogger("pelican.contents")
    missing.addHandler(logger.handlers[0])
    try:
        with adapter.fresh_pelican_log():
            kept = adapter.resolve_link(content, "{static}/images/missing.png", SITEURL)
    finally:
        missing.removeHandler(logger.handlers[0])
    assert kept == "{static}/images/missing.png"
    assert lines == ["Unable to find '/images/missing.png', skipping url replacement."]


@canary("Content.get_static_links")
def check_static_links(tmp_path):
    content = page()
    assert adapter.static_links_of(content, ["{static}/images/b.png", "{static}/c%20d.png",
                                             "https://elsewhere.example/e.png"]) == {
        "images/b.png", "c d.png"}

    def hook(item):
        return {"images/more.png"} if item is content else set()

    adapter.more_static_links(hook)
    try:
        assert content.get_static_links() == {"images/a.png", "images/more.png"}
    finally:
        adapter.remove_hook(hook)
    assert content.get_static_links() == {"images/a.png"}


# -- Process-wide log state ---------------------------------------------------------------------

@canary("LimitFilter._raised_messages")
def check_said_once(tmp_path):
    logger, lines = pelican_logger(tmp_path)
    with adapter.fresh_pelican_log():
        logger.warning("the same warning")
        logger.warning("the same warning")  # Pelican says a message once per process
    with adapter.fresh_pelican_log():
        logger.warning("the same warning")
    assert lines == ["the same warning", "the same warning"]


@canary("LimitFilter._group_count")
def check_group_limit(tmp_path):
    logger, lines = pelican_logger(tmp_path)
    group = {"limit_msg": "and more of the same"}
    with adapter.fresh_pelican_log():
        for number in range(7):
            logger.warning("missing %d", number, extra=group)
    assert lines == ["missing 0", "missing 1", "missing 2", "missing 3", "and more of the same"]
    with adapter.fresh_pelican_log():
        logger.warning("missing %d", 8, extra=group)
    assert lines[-1] == "missing 8"


@canary("FatalLogger.fatal_lvl")
def check_fatal_level(tmp_path):
    logger, lines = pelican_logger(tmp_path)
    with adapter.fresh_pelican_log():  # puts the process's level back on the way out
        pelican.log.init(fatal="warnings", handler=None)  # what `pelican --fatal warnings` does
        with pytest.raises(RuntimeError):
            logger.warning("fatal outside")
        with adapter.fresh_pelican_log():
            logger.warning("not fatal inside")
        with pytest.raises(RuntimeError):
            logger.warning("fatal again after")
    assert lines == ["fatal outside", "not fatal inside", "fatal again after"]


@canary("pelican.log.console")
def check_console(tmp_path):
    summary = pelican.log.console
    assert pelican.console is summary  # what Pelican.run prints its summary through
    for quiet, expected in ((True, ""), (False, "said\n")):
        with adapter.quiet_console(quiet), summary.capture() as captured:
            summary.print("said")
        assert captured.get() == expected, quiet


# -- The live preview ---------------------------------------------------------------------------

def tiny_site(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "one.md").write_text(
        "Title: One\nDate: 2020-01-15 10:00\nCategory: general\n\nThe text.\n", encoding="utf-8")
    return read_settings(None, override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"), "PLUGINS": [],
        "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True,
        "CONTENT_CACHING_LAYER": "generator", "LOAD_CONTENT_CACHE": True})


def articles_generator(settings, cache):
    """Pelican's ArticlesGenerator with its cache in `cache` (a dict), its context read."""
    context = {**settings, "generated_content": {}, "static_links": set(),
               "static_content": {}, "localsiteurl": ""}
    generator = ArticlesGenerator(context=context, settings=settings, path=settings["PATH"],
                                  theme=settings["THEME"], output_path=settings["OUTPUT_PATH"])
    adapter.keep_cache_in_memory(generator, lambda path, default=None: cache.get(path, default),
                                 cache.__setitem__)
    generator.generate_context()
    return generator


@canary("Pelican._get_generator_classes")
def check_generator_classes(tmp_path):
    class Extra(StaticGenerator):
        pass

    def add_generator(pelican_object):
        return Extra

    signals.get_generators.connect(add_generator)
    try:
        classes = adapter.generator_classes(Pelican(tiny_site(tmp_path)))
    finally:
        signals.get_generators.disconnect(add_generator)
    assert classes[:2] == [ArticlesGenerator, PagesGenerator]
    assert Extra in classes and classes[-1] is StaticGenerator


@canary("CachingGenerator.get_cached_data")
def check_cache_is_read(tmp_path):
    settings = tiny_site(tmp_path)
    kept = Article("Kept in memory.", settings=settings, metadata={
        "title": "Kept", "date": datetime.datetime(2020, 1, 15), "category": "general"})
    generator = articles_generator(settings, {"posts/one.md": kept})
    assert generator.articles == [kept]


@canary("CachingGenerator.cache_data")
def check_cache_is_written(tmp_path):
    cache = {}
    generator = articles_generator(tiny_site(tmp_path), cache)
    assert list(cache) == ["posts/one.md"] and cache["posts/one.md"] is generator.articles[0]


@canary("CachingGenerator.save_cache")
def check_cache_is_not_saved(tmp_path):
    settings = tiny_site(tmp_path)
    articles_generator(settings, {})
    cache = Path(settings["CACHE_PATH"])
    assert not cache.exists() or not any(cache.iterdir()), sorted(cache.iterdir())


@canary("Content._context")
def check_context(tmp_path):
    content = page(context={"localsiteurl": SITEURL, "static_content": {}})
    adapter.use_context(content, {
        "localsiteurl": "https://later.example.org", "generated_content": {},
        "static_content": {"images/a.png": types.SimpleNamespace(url="images/a.png")}})
    assert content.content == '<p><img src="https://later.example.org/images/a.png" alt=""></p>'
    assert adapter.context_of(content)["localsiteurl"] == "https://later.example.org"


@canary("Content.get_content.cache")
def check_rendered_content_forgotten(tmp_path):
    content = page("<p>First.</p>")
    assert content.content == "<p>First.</p>"
    adapter.set_body(content, "<p>Second.</p>")
    assert content.content == "<p>First.</p>"  # memoised
    adapter.forget_rendered_content()
    assert (content.content, content.summary) == ("<p>Second.</p>", "<p>Second.</p>")


class Captured(adapter.PendingWriter):
    def __init__(self, output):
        super().__init__(str(output), settings(OUTPUT_PATH=str(output)))
        self.pages = {}

    def pending_file(self, filename):
        self.pages[filename] = io.StringIO()
        self.pages[filename].close = lambda: None  # read back after Pelican closes it
        return self.pages[filename]


TEMPLATE = jinja2.Template("<p>{{ word }}</p>")


@canary("Writer._open_w")
def check_writer_file(tmp_path):
    writer = Captured(tmp_path / "output")
    writer.write_file("a/index.html", TEMPLATE, {}, word="captured")
    [(path, text)] = writer.pages.items()
    assert path == str(tmp_path / "output" / "a" / "index.html")
    assert text.getvalue() == "<p>captured</p>"
    assert not (tmp_path / "output" / "a" / "index.html").exists()


@canary("Writer._written_files")
def check_writer_refuses_twice(tmp_path):
    writer = Captured(tmp_path / "output")
    writer.write_file("a/index.html", TEMPLATE, {}, word="once")
    with pytest.raises(FileOverwriteFailedError):
        writer.write_file("a/index.html", TEMPLATE, {}, word="twice")


@canary("Writer._overridden_files")
def check_writer_override(tmp_path):
    writer = Captured(tmp_path / "output")
    writer.write_file("a/index.html", TEMPLATE, {}, word="first")
    writer.write_file("a/index.html", TEMPLATE, {}, word="override", override_output=True)
    assert writer.pages[str(tmp_path / "output" / "a" / "index.html")].getvalue() == (
        "<p>override</p>")
    with pytest.raises(FileOverwriteFailedError):
        writer.write_file("a/index.html", TEMPLATE, {}, word="again", override_output=True)


# -- Feed entry ids -----------------------------------------------------------------------------

@canary("Writer._add_item_to_the_feed")
def check_feed_entry_ids(tmp_path):
    output = tmp_path / "output"
    writer_class = adapter.writer_with_entry_ids(
        lambda item: item.metadata.get("guid"))
    writer = writer_class(str(output), settings(OUTPUT_PATH=str(output)))
    when = datetime.datetime(2011, 7, 20, 9, 0, tzinfo=datetime.UTC)
    articles = [Article(f"<p>{title}</p>", metadata={"title": title, "date": when,
                                                      "slug": title, **extra},
                        settings=settings(ARTICLE_URL="{slug}/"),
                        source_path=f"/site/content/posts/{title}.md",
                        context={"localsiteurl": SITEURL, "generated_content": {},
                                 "static_content": {}})
                for title, extra in (("old", {"guid": "https://old.example/?p=1"}), ("new", {}))]
    writer.write_feed(articles, {"SITENAME": "Site", "SITEURL": SITEURL, "FEED_DOMAIN": SITEURL},
                      "feed.xml")
    feed = (output / "feed.xml").read_text(encoding="utf-8")
    assert "<id>https://old.example/?p=1</id>" in feed
    assert "<id>tag:blog.example.org,2011-07-20:/new/</id>" in feed


# -- The profile's function names ---------------------------------------------------------------

def function_names(path):
    """The name of every function in a source file, methods and nested functions too, as
    cProfile names them (by the code, whatever replaced them on their class since)."""
    found, codes = set(), [compile(path.read_text(encoding="utf-8"), str(path), "exec")]
    while codes:
        code = codes.pop()
        found.add(code.co_name)
        codes += [const for const in code.co_consts if inspect.iscode(const)]
    return found


def check_profiled(area):
    suffix, name = adapter.PROFILED[area]
    path = Path(pelican.__file__).parent.parent / suffix
    assert name in function_names(path), f"no function {name} in {suffix}"


@canary("profile: pelican/contents.py _update_content")
def check_profiled_links(tmp_path):
    check_profiled("links")


@canary("profile: pelican/writers.py _write_file")
def check_profiled_page(tmp_path):
    check_profiled("page")


@canary("profile: pelican/generators.py _copy_paths")
def check_profiled_static(tmp_path):
    check_profiled("static")


# -- The uses stay in the adapter ---------------------------------------------------------------

ADAPTER = REPO_ROOT / "plugins" / "pelican_adapter.py"
# The adapter, and this file, whose canaries are named after the uses they check.
ALLOWED = {ADAPTER, Path(__file__).resolve()}


def pelican_sources():
    root = Path(pelican.__file__).parent
    return [path for path in root.rglob("*.py") if "tests" not in path.relative_to(root).parts]


def project_files():
    """The project's own code: settings, tasks, plugins, tools, tests and templates."""
    files = [*REPO_ROOT.glob("*.py"), *(REPO_ROOT / "theme" / "templates").rglob("*.html")]
    for folder in ("plugins", "tools", "tests"):
        files += (REPO_ROOT / folder).rglob("*.py")
    return sorted(path for path in files
                  if path.resolve() not in ALLOWED and "__pycache__" not in path.parts)


def pelican_private_names():
    """Every name starting with one underscore that Pelican defines: functions, classes,
    methods, attributes it assigns, module globals."""
    names = set()
    for path in pelican_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return {name for name in names if re.fullmatch(r"_[a-z]\w*", name)}


def private_names_in(path, names):
    """Each use of one of `names` in a file: as an attribute (x._name), a string ("_name",
    for getattr) or in prose (`_name`)."""
    pattern = re.compile(r"""[.'"`](_[a-z]\w*)\b""")
    return [f"{path.relative_to(REPO_ROOT)}:{number}: {match[1]}"
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            for match in pattern.finditer(line) if match[1] in names]


def test_pelicans_private_names_appear_only_in_the_adapter():
    names = pelican_private_names()
    # The search finds the adapter's own uses, each private name USES lists.
    listed = {part for use in adapter.USES for part in re.split(r"[ .]", use)
              if part.startswith("_")}
    assert listed and listed <= {line.rsplit(" ", 1)[1]
                                 for line in private_names_in(ADAPTER, names)}
    assert [line for path in project_files() for line in private_names_in(path, names)] == []


def pelican_members():
    """The methods (not properties) and class attributes of Pelican's classes."""
    members = set()
    for path in pelican_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not any(
                        re.search(r"property|\.setter$", ast.unparse(decorator))
                        for decorator in item.decorator_list):
                    members.add(item.name)
                elif isinstance(item, ast.Assign) and "property" not in ast.unparse(item.value):
                    members |= {target.id for target in item.targets
                                if isinstance(target, ast.Name)}
    return {name for name in members if not name.startswith("__")}


def test_no_pelican_method_or_class_attribute_is_replaced_outside_the_adapter():
    members = pelican_members()
    assert {"get_static_links", "save_cache", "fatal_lvl"} <= members
    replaced = []
    for path in project_files():
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            names = [target.attr for target in targets if isinstance(target, ast.Attribute)
                     and not (isinstance(target.value, ast.Name)
                              and target.value.id in ("self", "cls"))]
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr"
                    and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
                names.append(node.args[1].value)
            replaced += [f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {name}"
                         for name in names if name in members]
    assert replaced == []
