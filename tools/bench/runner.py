"""Run every configuration, alternating, and collect the numbers and the checks.

Rounds go baseline, ours, ours with no responses, warm rebuild, search index; then again. On
a small, noisy machine a slow minute then hurts every configuration alike instead of one, and
the medians compare like with like.
"""

import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import generate, measure

# What `invoke livereload` added to our settings for its rebuilds before tools/preview.
LIVERELOAD_CACHE = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
CONFIG_ORDER = ("baseline", "ours", "ours-empty", "warm", "baseline-matched")
# Plain Pelican doing the same amount of listing work as our settings: paginated listings, no
# feeds, no category menu. The menu matters: without our categories plugin each distinct
# "Category: a, b, c" string is its own category (thousands at archive scale), and the simple
# theme lists every category on every page. The budget is against the defaults baseline; this
# one shows what the budget looks like like-for-like.
MATCHED_LISTINGS = {
    "DEFAULT_PAGINATION": 10,
    "DISPLAY_CATEGORIES_ON_MENU": False,
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
}


@dataclass
class Benchmark:
    posts: int
    responses: int
    runs: int
    seed: int
    workdir: Path
    site: generate.GeneratedSite = None
    configs: dict = field(default_factory=dict)
    results: list = field(default_factory=list)  # measure.BuildResult, in the order run
    plugin_active: bool = False
    generate_seconds: float = 0.0
    contract_problems: list = field(default_factory=list)
    repo_root: Path = measure.REPO_ROOT

    def of(self, name):
        return [result for result in self.results if result.config == name]

    def median(self, name, attribute="seconds"):
        values = [getattr(result, attribute) for result in self.of(name)]
        return statistics.median(values) if values else float("nan")

    def paired_median(self, name, other, combine, attribute="seconds"):
        """Median of combine(a, b) over the rounds, each pair built side by side in one round.

        Machine speed drifts between rounds; a ratio taken within a round cancels most of it.
        """
        values = [
            combine(getattr(a, attribute), getattr(b, attribute))
            for a, b in zip(self.of(name), self.of(other), strict=False)
        ]
        return statistics.median(values) if values else float("nan")

    def checks_passed(self):
        return not self.contract_problems and measure.checks_passed(self.results)


def prepare(posts, responses, runs, workdir, seed=6, repo_root=measure.REPO_ROOT,
            progress=print):
    """Generate the site and the settings of every configuration under `workdir`."""
    bench = Benchmark(posts=posts, responses=responses, runs=runs, seed=seed,
                      workdir=Path(workdir), repo_root=Path(repo_root).resolve())
    repo_root = bench.repo_root
    workdir = bench.workdir
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    started = time.perf_counter()
    site = bench.site = generate.generate_site(workdir / "site", posts, responses, seed)
    bench.generate_seconds = time.perf_counter() - started
    bench.contract_problems = generate.file_problems(site.comments, site.slugs)
    progress(f"generated {posts} posts and {responses} responses in "
             f"{bench.generate_seconds:.1f} s under {workdir}")

    settings_dir = workdir / "settings"
    settings_dir.mkdir()
    empty_content, warm_content = workdir / "content-empty", workdir / "content-warm"
    empty_comments = site.copy_content(empty_content, records=[])
    warm_comments = site.copy_content(warm_content)
    bench.plugin_active = measure.responses_plugin_active(measure.repo_settings(repo_root))
    bench.configs = {
        "baseline": measure.BuildConfig(
            name="baseline", label="plain Pelican (simple theme, no plugins, typogrify)",
            settings_file=measure.write_baseline_settings(
                settings_dir / "bench_baseline.py", site.content, workdir / "out-baseline"),
            output=workdir / "out-baseline", cache=None, responses_expected=None,
        ),
        "baseline-matched": measure.BuildConfig(
            name="baseline-matched",
            label="plain Pelican, paginated by 10, no feeds, no category menu, as ours",
            settings_file=measure.write_baseline_settings(
                settings_dir / "bench_baseline_matched.py", site.content,
                workdir / "out-baseline-matched", MATCHED_LISTINGS),
            output=workdir / "out-baseline-matched", cache=None, responses_expected=None,
        ),
        "ours": measure.BuildConfig(
            name="ours", label="our build, cold (cache cleared)",
            settings_file=measure.write_our_settings(
                settings_dir / "bench_ours.py", site.content, workdir / "out-ours",
                workdir / "cache-ours", site.comments, repo_root),
            output=workdir / "out-ours", cache=workdir / "cache-ours",
            responses_expected=len(site.responses),
        ),
        "ours-empty": measure.BuildConfig(
            name="ours-empty", label="our build, cold, empty responses file",
            settings_file=measure.write_our_settings(
                settings_dir / "bench_ours_empty.py", empty_content, workdir / "out-empty",
                workdir / "cache-empty", empty_comments, repo_root),
            output=workdir / "out-empty", cache=workdir / "cache-empty", responses_expected=0,
        ),
        "warm": measure.BuildConfig(
            name="warm", label="our build, warm cache, one post edited",
            settings_file=measure.write_our_settings(
                settings_dir / "bench_warm.py", warm_content, workdir / "out-warm",
                workdir / "cache-warm", warm_comments, repo_root,
                extra=LIVERELOAD_CACHE),
            output=workdir / "out-warm", cache=workdir / "cache-warm",
            responses_expected=len(site.responses), clear_cache=False, clear_output=False,
        ),
    }
    return bench


def run(bench, progress=print):
    """Prime the warm cache, then alternate the configurations `runs` times."""
    logs = bench.workdir / "logs"
    logs.mkdir(exist_ok=True)
    site = bench.site
    warm = bench.configs["warm"]
    # The edited post is in the warm configuration's own copy of the content.
    middle = site.posts[len(site.posts) // 2]
    edited = generate.Post(middle.slug, middle.date, bench.workdir / "content-warm"
                           / middle.path.relative_to(site.content))

    prime = measure.run_build(warm, 0, logs)
    measure.check_output(prime, warm, site, bench.plugin_active)
    progress(f"primed the warm cache in {prime.seconds:.1f} s "
             f"({'ok' if measure.checks_passed([prime]) else 'CHECKS FAILED'})")
    prime.config = "warm-prime"
    bench.results.append(prime)

    for run_number in range(1, bench.runs + 1):
        for name in CONFIG_ORDER:
            config = bench.configs[name]
            edit_token = generate.edit_post(edited, run_number) if name == "warm" else None
            result = measure.run_build(config, run_number, logs)
            measure.check_output(result, config, site, bench.plugin_active,
                                 edit_token=edit_token, edited_slug=edited.slug)
            bench.results.append(result)
            progress(_progress_line(result))
            if name == "ours" and result.returncode == 0:
                search = measure.run_search_index(config.output, bench.workdir / "pagefind",
                                                  logs, run_number)
                indexed = search.checks[0][2]
                search.checks = [
                    ("pagefind exit status 0", search.returncode == 0, f"exit {search.returncode}"),
                    ("pages indexed >= posts", indexed is not None and indexed >= len(site.posts),
                     f"{indexed} pages indexed"),
                ]
                bench.results.append(search)
                progress(_progress_line(search))
    return bench


def _progress_line(result):
    failed = [name for name, ok, _ in result.checks if ok is False]
    unchecked = [name for name, ok, _ in result.checks if ok is None]
    status = "checks ok" if not failed else "FAILED: " + ", ".join(failed)
    if unchecked:
        status += " (not checked: " + ", ".join(unchecked) + ")"
    return (f"  run {result.run} {result.config:<12} {result.seconds:7.2f} s  "
            f"cpu {result.cpu_seconds:7.2f} s  rss {result.max_rss_mb:6.0f} MB  {status}")
