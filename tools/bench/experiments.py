"""Measure settings we might change: `python -m tools.bench.experiments`.

Each variant is our build (the repo's pelicanconf.py) with a few settings overridden, built in
alternating rounds with the unchanged build as the reference, each in a fresh process, with the
same output checks as the benchmark. Cold variants start with no cache; warm variants keep their
cache and output and have one post edited before each build. Prints a Markdown table for
tools/bench/findings.md.
"""

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from responses.store import resolve_path

from . import generate, measure


class Expression(str):
    """A setting written into the variant's settings file as Python source, so it can build
    on the value pelicanconf.py gave (e.g. PLUGINS without one plugin)."""

    def __repr__(self):
        return str(self)


# name -> (settings overrides, warm?). Only settings that differ from pelicanconf.py: a
# variant equal to the reference measures nothing.
VARIANTS = {
    "reference (our settings, cold)": ({}, False),
    "TYPOGRIFY = False (upper bound of typogrify's cost)": ({"TYPOGRIFY": False}, False),
    "TYPOGRIFY_OMIT_FILTERS = [] (typogrify's spans back)": (
        {"TYPOGRIFY_OMIT_FILTERS": []}, False),
    "DEFAULT_PAGINATION = 25": ({"DEFAULT_PAGINATION": 25}, False),
    # Do the two speed-only plugins still pay for their rules?
    "without the url_cache plugin (URLs formatted on every read)": (
        {"PLUGINS": Expression('[name for name in PLUGINS if name != "url_cache"]')}, False),
    "no month archives (MONTH_ARCHIVE_SAVE_AS = '')": ({"MONTH_ARCHIVE_SAVE_AS": ""}, False),
    "GZIP_CACHE = True (Pelican's default)": ({"GZIP_CACHE": True}, False),
    "warm, CONTENT_CACHING_LAYER = 'generator' (ours)": ({}, True),
    "warm, CONTENT_CACHING_LAYER = 'reader' (Pelican's default)": (
        {"CONTENT_CACHING_LAYER": "reader"}, True),
}


def run_experiments(posts, responses, runs, workdir, repo_root=measure.REPO_ROOT, variants=None,
                    progress=print):
    """Return {variant: [BuildResult, ...]} after `runs` alternating rounds."""
    variants = variants or VARIANTS
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    site = generate.generate_site(workdir / "site", posts, responses)
    plugin_active = measure.responses_plugin_active(measure.repo_settings(repo_root))
    configs, edited = {}, {}
    for number, (name, (overrides, warm)) in enumerate(variants.items()):
        content = workdir / f"content-{number}"
        shutil.copytree(site.content, content)
        settings_file = measure.write_our_settings(
            workdir / f"bench_variant_{number}.py", content, workdir / f"out-{number}",
            workdir / f"cache-{number}", resolve_path(None, content), repo_root, overrides)
        configs[name] = measure.BuildConfig(
            name=name, label=name, settings_file=settings_file, output=workdir / f"out-{number}",
            cache=workdir / f"cache-{number}", responses_expected=len(site.responses),
            clear_cache=not warm, clear_output=not warm,
        )
        if warm:
            middle = site.posts[len(site.posts) // 2]
            edited[name] = generate.Post(middle.slug, middle.date,
                                         content / middle.path.relative_to(site.content))
    logs = workdir / "logs"
    logs.mkdir()
    for name in edited:  # warm variants start from a full cache
        measure.run_build(configs[name], 0, logs)
    results = {name: [] for name in variants}
    for run_number in range(1, runs + 1):
        for name, config in configs.items():
            token = generate.edit_post(edited[name], run_number) if name in edited else None
            result = measure.run_build(config, run_number, logs)
            measure.check_output(result, config, site, plugin_active, edit_token=token,
                                 edited_slug=edited[name].slug if token else None)
            results[name].append(result)
            failed = [check for check, ok, _ in result.checks if ok is False]
            progress(f"  run {run_number} {result.seconds:6.2f} s {result.max_rss_mb:5.0f} MB "
                     f"{'FAILED ' + str(failed) if failed else 'ok'}  {name}")
    return results


def table(results):
    # CPU time is the steadier measure when other work shares the machine; both are shown.
    reference_runs = next(iter(results.values()))
    reference = statistics.median(r.seconds for r in reference_runs)
    reference_cpu = statistics.median(r.cpu_seconds for r in reference_runs)
    lines = ["| Variant | Median s | Min-max s | vs reference | Median CPU s | CPU vs reference "
             "| Peak RSS MB | Checks |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, runs in results.items():
        seconds = [r.seconds for r in runs]
        median = statistics.median(seconds)
        cpu = statistics.median(r.cpu_seconds for r in runs)
        checks = "pass" if measure.checks_passed(runs) else "FAIL"
        if any(ok is None for r in runs for _, ok, _ in r.checks):
            checks += " (responses not checked)"
        lines.append(f"| {name} | {median:.2f} | {min(seconds):.2f}-{max(seconds):.2f} | "
                     f"{median / reference - 1:+.0%} | {cpu:.2f} | "
                     f"{cpu / reference_cpu - 1:+.0%} | "
                     f"{max(r.max_rss_mb for r in runs):.0f} | "
                     f"{checks} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools.bench.experiments",
                                     description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--responses", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=measure.REPO_ROOT)
    parser.add_argument("--only", action="append", default=[], metavar="TEXT",
                        help="run only the variants whose name contains TEXT (and the reference)")
    args = parser.parse_args(argv)
    reference = next(iter(VARIANTS))
    variants = {name: variant for name, variant in VARIANTS.items()
                if name == reference or not args.only or any(text in name for text in args.only)}
    with tempfile.TemporaryDirectory(prefix="spm-experiments-") as workdir:
        results = run_experiments(args.posts, args.responses, args.runs, Path(workdir) / "x",
                                  args.repo.resolve(), variants)
    print(f"\n{args.posts} posts, {args.responses} responses, {args.runs} alternating runs:\n")
    print(table(results))


if __name__ == "__main__":
    main()
