"""Budgets, the console summary and docs/benchmarks.md.

The budgets are ratios between configurations measured side by side in one run, so they hold on
any machine; absolute seconds are recorded for context only. A budget over a configuration whose
output checks failed is a FAIL whatever its numbers: a fast wrong build must not pass.
"""

import datetime
import os
import platform
import shlex
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .runner import CONFIG_ORDER

FULL_BUILD_LIMIT = 1.3  # our cold build / plain Pelican
# CPU seconds the responses add per 1,000 of them: (our build - our build with an empty
# comments file) in CPU time, paired within a round. CPU, not wall time: the plugin runs in
# Pelican's one process, and CPU time is what other work on a shared machine inflates least.
RESPONSES_CPU_PER_1000_LIMIT = 0.1
WARM_LIMIT = 0.5  # warm rebuild after a one-post edit / cold build
MEMORY_LIMIT_MB = 300  # peak RSS of our build


@dataclass
class Budget:
    name: str
    measured: str
    limit: str
    status: str  # PASS, FAIL or NOT MEASURED (with the reason)
    measured_cpu: str = "-"  # the same ratio in CPU seconds, steadier on a shared machine


def _config_ok(bench, name):
    return all(ok is not False for result in bench.of(name) for _, ok, _ in result.checks)


def _status(passed, *config_names, bench):
    broken = [name for name in config_names if not _config_ok(bench, name)]
    if broken:
        return f"FAIL (output checks failed: {', '.join(broken)})"
    return "PASS" if passed else "FAIL"


def budgets(bench):
    def ratio(a, b):
        return a / b

    def share_of(ours, empty):
        return (ours - empty) / ours

    full_ratio = bench.paired_median("ours", "baseline", ratio)
    warm_ratio = bench.paired_median("warm", "ours", ratio)
    peak = max(result.max_rss_mb for result in bench.of("ours"))
    cpu_full = bench.paired_median("ours", "baseline", ratio, "cpu_seconds")
    cpu_share = bench.paired_median("ours", "ours-empty", share_of, "cpu_seconds")
    cpu_warm = bench.paired_median("warm", "ours", ratio, "cpu_seconds")
    responses_thousands = bench.responses / 1000
    cpu_per_1000 = bench.paired_median(
        "ours", "ours-empty", lambda a, b: (a - b) / responses_thousands, "cpu_seconds")
    cost_text = f"{cpu_per_1000:.3f} s"
    if bench.plugin_active:
        responses_status = _status(cpu_per_1000 <= RESPONSES_CPU_PER_1000_LIMIT, "ours",
                                   "ours-empty", bench=bench)
        if cpu_per_1000 < 0:
            # Responses cannot make a build cheaper: the difference is below this run's noise.
            responses_status += " (unproven: negative, below this run's noise; re-run)"
    else:
        responses_status = "NOT MEASURED: no responses plugin in PLUGINS, nothing was rendered"
        cost_text = f"n/a ({cpu_per_1000:.3f} s is noise: both builds rendered no responses)"
    return [
        Budget("Full build vs plain Pelican", f"{full_ratio:.2f}x", f"<= {FULL_BUILD_LIMIT}x",
               _status(full_ratio <= FULL_BUILD_LIMIT, "ours", "baseline", bench=bench),
               f"{cpu_full:.2f}x"),
        Budget("Responses: CPU per 1,000 responses (ours - ours-empty)", cost_text,
               f"<= {RESPONSES_CPU_PER_1000_LIMIT} s", responses_status,
               f"{cpu_share:.1%} of our build's CPU"),
        Budget("Warm rebuild (one post edited) vs cold", f"{warm_ratio:.2f}x",
               f"<= {WARM_LIMIT}x", _status(warm_ratio <= WARM_LIMIT, "warm", "ours",
                                           bench=bench),
               f"{cpu_warm:.2f}x"),
        Budget("Peak memory of our build", f"{peak:.0f} MB", f"<= {MEMORY_LIMIT_MB} MB",
               _status(peak <= MEMORY_LIMIT_MB, "ours", bench=bench)),
    ]


def command_line(module, argv=None):
    """The command a report says it was written by: `python -m MODULE` and the arguments it
    was given (sys.argv's when `argv` is None, as when run from the shell)."""
    return shlex.join(["python", "-m", module, *(sys.argv[1:] if argv is None else argv)])


def machine():
    cpu = platform.processor() or platform.machine()
    ram = "unknown"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
        meminfo = Path("/proc/meminfo").read_text().split()
        ram = f"{int(meminfo[meminfo.index('MemTotal:') + 1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass  # Not Linux: the platform module's answer will do.
    return {"CPU": cpu, "Cores (os.cpu_count)": str(os.cpu_count()), "RAM": ram,
            "OS": platform.platform()}


def versions():
    found = {"Python": platform.python_version()}
    for package in ("pelican", "typogrify", "smartypants", "Markdown", "Jinja2", "Pygments"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    try:
        from pagefind_bin import get_executable

        found["pagefind"] = subprocess.run(
            [str(get_executable()), "--version"], capture_output=True, text=True, check=True
        ).stdout.strip().removeprefix("pagefind ")
    except (ImportError, OSError, subprocess.CalledProcessError):
        found["pagefind"] = "not available"
    return found


def _row(cells):
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def _stats(bench, name, attribute="seconds"):
    values = [getattr(result, attribute) for result in bench.of(name)]
    if not values:
        return ["-"] * 3
    return [f"{bench.median(name, attribute):.2f}", f"{min(values):.2f}", f"{max(values):.2f}"]


def results_table(bench):
    labels = {name: config.label for name, config in bench.configs.items()}
    labels["search-index"] = "search index (pagefind over our cold output)"
    lines = [
        _row(["Configuration", "Median s", "Min s", "Max s", "Median CPU s", "Peak RSS MB",
              "Runs", "HTML pages (MB)"]),
        _row(["---"] + ["---:"] * 7),
    ]
    for name in (*bench.configs, "search-index"):
        runs = bench.of(name)
        if not runs:
            continue
        peak = max(result.max_rss_mb for result in runs)
        pages = (f"{runs[-1].html_files} ({runs[-1].output_mb:.0f})" if runs[-1].html_files
                 else "-")
        lines.append(_row([f"{labels[name]} (`{name}`)", *_stats(bench, name),
                           f"{bench.median(name, 'cpu_seconds'):.2f}", f"{peak:.0f}",
                           len(runs), pages]))
    return lines


def checks_table(bench):
    lines = [_row(["Configuration", "Check", "Result", "Detail (last run)"]),
             _row(["---"] * 4)]
    names = ["warm-prime", *bench.configs, "search-index"]
    for name in names:
        runs = bench.of(name)
        if not runs:
            continue
        check_names = list(dict.fromkeys(check[0] for result in runs for check in result.checks))
        for check_name in check_names:
            outcomes = [ok for result in runs for n, ok, _ in result.checks if n == check_name]
            detail = [d for n, _, d in runs[-1].checks if n == check_name]
            if False in outcomes:
                verdict = f"FAIL ({outcomes.count(False)} of {len(outcomes)} runs)"
            elif None in outcomes:
                verdict = "NOT CHECKED"
            else:
                verdict = f"pass ({len(outcomes)} of {len(outcomes)} runs)"
            lines.append(_row([f"`{name}`", check_name, verdict, detail[0] if detail else ""]))
    return lines


def other_ratios(bench):
    """Ratios that inform the budgets without being budgets."""
    def ratio(a, b, attribute="seconds"):
        return bench.median(a, attribute) / bench.median(b, attribute)

    return [
        f"- Our build vs plain Pelican doing the same listing work (`baseline-matched`: "
        "paginated by 10, no feeds, no category menu): "
        f"**{ratio('ours', 'baseline-matched'):.2f}x**. The defaults baseline is "
        f"{ratio('baseline', 'baseline-matched'):.2f}x "
        "`baseline-matched`: with Pelican's defaults every listing is unpaginated, feeds are "
        "written, and the simple theme's menu lists every category on every page — without "
        "our categories plugin each distinct `Category: a, b, c` string is a category of its "
        "own, thousands of them here. So the 1.3x budget against the defaults baseline is "
        "much the looser of the two; read both.",
        f"- CPU-time ratios (steadier than wall time on a shared machine): ours / baseline "
        f"{ratio('ours', 'baseline', 'cpu_seconds'):.2f}x, ours / baseline-matched "
        f"{ratio('ours', 'baseline-matched', 'cpu_seconds'):.2f}x, warm / cold "
        f"{ratio('warm', 'ours', 'cpu_seconds'):.2f}x.",
        f"- Search index (pagefind) vs our cold build: {ratio('search-index', 'ours'):.2f}x; "
        f"its peak memory: {max(r.max_rss_mb for r in bench.of('search-index')):.0f} MB "
        "(a separate process, outside the build's memory budget).",
    ]


def console_summary(bench):
    lines = ["", "Medians of alternating runs (wall seconds):"]
    for name in (*bench.configs, "search-index"):
        if bench.of(name):
            lines.append(f"  {name:<12} {bench.median(name):8.2f} s   "
                         f"peak RSS {max(r.max_rss_mb for r in bench.of(name)):5.0f} MB")
    lines.append("Other ratios:")
    lines.extend("  " + line.replace("**", "").replace("`", "")[2:] for line in other_ratios(bench))
    lines.append("Budgets:")
    for budget in budgets(bench):
        why = "" if budget.status == "PASS" else " - " + budget.status
        lines.append(f"  {budget.status.split(' ')[0]:<4}  {budget.name}: {budget.measured} "
                     f"(limit {budget.limit}){why}")
    if not bench.plugin_active:
        lines.append("WARNING: no responses plugin in PLUGINS; responses were generated but "
                     "neither rendered nor checked.")
    lines.append("Output checks: " + ("all passed" if bench.checks_passed() else "FAILED"))
    return "\n".join(lines)


def thread_summary(bench):
    responses = bench.site.responses
    from .generate import thread_depth

    top = sum(1 for response in responses if "parent" not in response)
    pings = sum(1 for response in responses if response.get("type", "comment") != "comment")
    posts_with = len({response["post"] for response in responses})
    return (f"{len(responses)} responses on {posts_with} posts; "
            f"{top / max(len(responses), 1):.0%} top level, replies up to depth "
            f"{thread_depth(responses)}, {pings} pingbacks/trackbacks")


def render(bench, command):
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Build benchmarks",
        "",
        "Generated by `invoke bench` (`python -m tools.bench`) — do not edit by hand. What we "
        "tried and what it bought is written by hand in "
        "[`tools/bench/findings.md`](../tools/bench/findings.md).",
        "",
        f"Run: {today}. Command: `{command}`.",
        "",
        "## Machine",
        "",
        *(f"- {key}: {value}" for key, value in machine().items()),
        "",
        "## Versions",
        "",
        *(f"- {key}: {value}" for key, value in versions().items()),
        "",
        "## Parameters",
        "",
        f"- Posts: {bench.posts}; responses: {bench.responses} "
        f"({thread_summary(bench)}); seed {bench.seed}.",
        f"- Runs per configuration: {bench.runs}, alternating "
        f"({', '.join(CONFIG_ORDER)}, with the search index after each cold build), "
        "each build in a fresh `python -m pelican` process; times are wall-clock seconds, "
        "memory is the build process's own peak resident memory (VmHWM from /proc, sampled "
        "every 20 ms while it runs).",
        f"- Responses plugin active (in PLUGINS): {'yes' if bench.plugin_active else 'NO'}.",
        f"- Generating the synthetic site took {bench.generate_seconds:.1f} s (not measured "
        "below).",
        "",
        "## Results",
        "",
        *results_table(bench),
        "",
        "## Budgets",
        "",
        "Each ratio is taken within a round (the two builds ran one after the other) and the "
        "median over rounds is shown, so drift in the machine's speed between rounds cancels. "
        "Status is judged on wall-clock time, as the budgets are set; the same ratio in "
        "CPU seconds is shown beside it because other work on a shared machine inflates wall "
        "time more than CPU time.",
        "",
        _row(["Budget", "Measured (median of paired wall)", "Same in CPU time", "Limit", "Status"]),
        _row(["---", "---:", "---:", "---:", "---"]),
        *(_row([b.name, b.measured, b.measured_cpu, b.limit, f"**{b.status}**"])
          for b in budgets(bench)),
        "",
        *other_ratios(bench),
        "",
        "## Output checks",
        "",
        "Every build's output is scanned: each post must have exactly one article page (found by "
        "a marker at the end of its body, in a file whose path names its slug), each response "
        "must appear once on its own post's page (found by a token at the end of its text), and "
        "the warm rebuild must show the edit it was given.",
        "",
        *checks_table(bench),
        "",
        "## Configurations",
        "",
        "- **baseline**: plain Pelican — Pelican's defaults except `PATH`, "
        "`ARTICLE_PATHS = [\"posts\"]`, `TYPOGRIFY = True` and the built-in `simple` theme; no "
        "plugins, no content cache. Defaults on purpose: it is what a new Pelican site costs, so "
        "it keeps Pelican's default URLs, its Atom feeds (all + per category) and no pagination, "
        "and without our categories plugin each distinct `Category:` string is one category "
        "(listed in the theme's menu on every page).",
        "- **baseline-matched**: the same plain Pelican with our listing choices: "
        "`DEFAULT_PAGINATION = 10`, no feeds, `DISPLAY_CATEGORIES_ON_MENU = False`.",
        "- **ours**: the repo's `pelicanconf.py` (theme, plugins, typogrify, content cache "
        "written) with only paths pointed at the synthetic site; cache and output cleared "
        "before every run.",
        "- **ours-empty**: the same with `{\"version\": 1, \"responses\": []}`; the difference "
        "from `ours` is what responses cost.",
        "- **warm**: the same as `ours`, but the cache and output of the previous build are kept "
        "and one post's body is edited before each run — what `invoke livereload` did before "
        "tools/preview (see the findings).",
        "- **search index**: `pagefind --site <ours output>` writing its bundle elsewhere.",
        "",
        "## What we tried and what it bought",
        "",
        "See [`tools/bench/findings.md`](../tools/bench/findings.md) (written by hand, not "
        "copied here).",
        "",
    ]
    return "\n".join(lines)


def write(bench, path, command):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(bench, command), encoding="utf-8")
    return path
