"""Profile one cold build of our configuration with cProfile: `python -m tools.bench.profile`.

Generates the synthetic site (default 1,000 posts, 5,000 responses), runs Pelican in this
process under cProfile with the repo's settings, and prints where the time went: by area
(inclusive time of the functions that own each stage; areas nest, so they do not add up to
100%), then the top functions by own time and by inclusive time. cProfile roughly doubles the
run time; read the shares, not the seconds.
"""

import argparse
import cProfile
import io
import logging
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from pelican_adapter import PROFILED

from . import generate, measure

# (area, file suffix, function name): the inclusive time of these functions is the stage's cost
# (Pelican's private ones are pelican_adapter's).
AREAS = [
    ("whole build: Pelican.run", "pelican/__init__.py", "run"),
    ("reading: Readers.read_file (Markdown + typogrify + metadata)", "pelican/readers.py",
     "read_file"),
    ("  Markdown to HTML: Markdown.convert", "markdown/core.py", "convert"),
    ("    code highlighting: Pygments highlight", "pygments/__init__.py", "highlight"),
    ("  typogrify (titles, summaries, bodies)", "typogrify/filters.py", "typogrify"),
    ("    smartypants", "typogrify/filters.py", "smartypants"),
    ("    widont", "typogrify/filters.py", "widont"),
    ("    caps", "typogrify/filters.py", "caps"),
    ("    amp", "typogrify/filters.py", "amp"),
    ("    initial_quotes", "typogrify/filters.py", "initial_quotes"),
    ("  metadata parsing (dates, categories, tags)", "pelican/readers.py", "process_metadata"),
    ("summaries: Content.get_summary (truncation)", "pelican/contents.py", "get_summary"),
    ("  truncate_html_words", "pelican/utils.py", "truncate_html_words"),
    ("links: {static} and {filename} links resolved", *PROFILED["links"]),
    ("writing: Writer.write_file (render + write)", "pelican/writers.py", "write_file"),
    ("  Jinja2 Template.render", "jinja2/environment.py", "render"),
    ("  one page: render + write", *PROFILED["page"]),
    ("content cache: save_cache (pickle)", "pelican/cache.py", "save_cache"),
    ("static files: copy", *PROFILED["static"]),
]


def area_times(stats):
    """Inclusive seconds of each area's functions, summed over matching entries."""
    totals = []
    for label, suffix, function in AREAS:
        seconds = sum(
            value[3] for (filename, _, name), value in stats.stats.items()
            if name == function and filename.replace("\\", "/").endswith(suffix)
        )
        totals.append((label, seconds))
    return totals


def plugin_times(stats, repo_root):
    """Inclusive time of the project's own plugin functions, heaviest first."""
    plugins = str(Path(repo_root) / "plugins")
    rows = [(f"{Path(filename).relative_to(plugins)}:{name}", value[1], value[3])
            for (filename, _, name), value in stats.stats.items()
            if filename.startswith(plugins)]
    return sorted(rows, key=lambda row: -row[2])


def template_times(stats):
    """Per template file: own time of its compiled code, and inclusive time of its top level.

    Jinja2 compiles each template to Python whose code objects keep the template's path as
    their file name, so cProfile attributes the time to the template itself.
    """
    rows = {}
    for (filename, _, name), value in stats.stats.items():
        if not filename.endswith((".html", ".xml", ".j2")):
            continue
        own, inclusive, calls = rows.get(filename, (0.0, 0.0, 0))
        own += value[2]
        if name == "root":
            inclusive += value[3]
            calls += value[1]
        rows[filename] = (own, inclusive, calls)
    return sorted(((Path(filename).parent.name + "/" + Path(filename).name, *values)
                   for filename, values in rows.items()), key=lambda row: -row[2])


def profile_build(posts, responses, workdir, repo_root=measure.REPO_ROOT, extra=None, seed=6):
    """Build once under cProfile; return (pstats.Stats, wall seconds of the profiled run)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    shutil.rmtree(workdir, ignore_errors=True)
    site = generate.generate_site(Path(workdir) / "site", posts, responses, seed)
    settings_file = measure.write_our_settings(
        Path(workdir) / "bench_profile.py", site.content, Path(workdir) / "out",
        Path(workdir) / "cache", site.comments, repo_root, extra,
    )
    settings = read_settings(str(settings_file))
    logging.basicConfig(level=logging.WARNING)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    Pelican(settings).run()
    profiler.disable()
    return pstats.Stats(profiler), time.perf_counter() - started


def render(stats, seconds, repo_root, top=25):
    out = io.StringIO()
    whole = next(value for label, value in area_times(stats) if label.startswith("whole"))
    print(f"Profiled build: {seconds:.1f} s wall (with profiler overhead)\n", file=out)
    print("Where the time went (inclusive; areas nest):", file=out)
    for label, value in area_times(stats):
        print(f"  {value:8.2f} s {value / whole:6.1%}  {label}", file=out)
    print("\nProject plugins (inclusive):", file=out)
    for name, calls, value in plugin_times(stats, repo_root)[:10]:
        print(f"  {value:8.2f} s {value / whole:6.1%}  {calls:>8} calls  {name}", file=out)
    print("\nTemplates (own time; top level inclusive, which nests through extends/include;"
          " calls count generator steps):",
          file=out)
    for name, own, inclusive, calls in template_times(stats)[:20]:
        print(f"  own {own:6.2f} s {own / whole:6.1%}   top level {inclusive:6.2f} s "
              f"{calls:>7} calls  {name}", file=out)
    for order in ("tottime", "cumulative"):
        print(f"\nTop {top} functions by {order}:", file=out)
        stats.stream = out
        stats.sort_stats(order).print_stats(top)
    return out.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools.bench.profile", description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--responses", type=int, default=5000)
    parser.add_argument("--repo", type=Path, default=measure.REPO_ROOT)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="also save the raw profile (pstats format)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="spm-profile-") as workdir:
        stats, seconds = profile_build(args.posts, args.responses, workdir, args.repo.resolve())
        print(render(stats, seconds, args.repo.resolve(), args.top))
        if args.save:
            stats.dump_stats(args.save)


if __name__ == "__main__":
    main()
