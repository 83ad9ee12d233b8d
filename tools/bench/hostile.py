"""What a hostile comments file costs: `python -m tools.bench.hostile` (`invoke bench --hostile`).

Two pairs, each built as `invoke build` builds (tools.authoring.build, --fatal errors) in a
fresh process, the four configurations alternating for --runs rounds, each ratio taken
within a round:

- the error report: the synthetic archive (--posts, --responses) with one record made bad
  (a date that does not exist, in the middle of the file) against the same archive valid. The bad
  build stops before writing, having named the record in one line; at most 1.5x.
- pathological text: a small site whose one post has five 64,000-character comments of
  repeated "<!--" (one to a line), against five of plain text of the same length. Both
  build; at most 2x.

Writes docs/benchmarks-hostile.md (--report): the machine, every round, the medians.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from responses.store import CommentsStore

from . import generate, measure, report

DEFAULT_REPORT = measure.REPO_ROOT / "docs" / "benchmarks-hostile.md"
LIMITS = {"error report": 1.5, "pathological text": 2.0}
COMMENT_LENGTH, COMMENTS = 64_000, 5
PATHOLOGICAL = ("<!--\n" * COMMENT_LENGTH)[:COMMENT_LENGTH]
PLAIN = ("Plain words, one line after another.\n" * COMMENT_LENGTH)[:COMMENT_LENGTH]
BAD_DATE = "2011-02-30"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.bench.hostile",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--responses", type=int, default=20000)
    parser.add_argument("--small-posts", type=int, default=20,
                        help="posts of the site the pathological comments go on")
    parser.add_argument("--runs", type=int, default=5, help="alternating rounds")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--workdir", type=Path, help="default: a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    return parser.parse_args(argv)


def configuration(workdir, name, label, content, comments, expect_failure):
    settings = workdir / "settings" / f"bench_{name.replace(' ', '_')}.py"
    settings.parent.mkdir(exist_ok=True)
    output, cache = workdir / f"out-{name}", workdir / f"cache-{name}"
    measure.write_our_settings(settings, content, output, cache, comments)
    config = measure.BuildConfig(name=name, label=label, settings_file=settings, output=output,
                                 cache=cache, responses_expected=None)
    config.expect_failure = expect_failure
    return config


def prepare(args, workdir, progress=print):
    """The four configurations, each with a copy of the content of its own."""
    archive = generate.generate_site(workdir / "archive", args.posts, args.responses, args.seed)
    records = CommentsStore(archive.comments).records()
    bad_record = records[len(records) // 2]
    # A date the schema takes and the calendar does not: the store writes it, the build
    # refuses it, naming the record and its line.
    bad_record["date"] = BAD_DATE
    bad = workdir / "archive-bad"
    bad_comments = archive.copy_content(bad, records)
    small = generate.generate_site(workdir / "small", args.small_posts, 0, args.seed)
    post = small.posts[0].slug
    configs = [configuration(workdir, "valid archive", f"{args.posts} posts, "
                             f"{args.responses} valid responses", archive.content,
                             archive.comments, False),
               configuration(workdir, "one bad record", f"the same, response "
                             f"{bad_record['id']} dated {BAD_DATE}", bad,
                             bad_comments, True)]
    for name, text in (("plain text", PLAIN), ("pathological", PATHOLOGICAL)):
        content = workdir / f"small-{name.replace(' ', '-')}"
        comments = small.copy_content(content, [
            {"id": str(number), "post": post, "author": f"Reader {number}",
             "date": "2020-02-01T09:00:00-05:00", "content": text}
            for number in range(1, COMMENTS + 1)])
        what = 'repeated "<!--"' if name == "pathological" else "plain text"
        configs.append(configuration(
            workdir, name, f"{args.small_posts} posts, {COMMENTS} comments of "
            f"{COMMENT_LENGTH:,} characters of {what}", content, comments, False))
    progress(f"generated the sites under {workdir}; response {bad_record['id']} is the bad one")
    return configs, bad_record


def run(configs, runs, workdir, progress=print):
    """{name: [BuildResult per round]}; each build checked for the outcome it should have."""
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    results = {config.name: [] for config in configs}
    for round_number in range(1, runs + 1):
        for config in configs:
            result = measure.run_build(config, round_number, logs, module="tools.authoring.build")
            result.ok = (result.returncode != 0) == config.expect_failure
            results[config.name].append(result)
            progress(f"  round {round_number} {config.name:<15} {result.seconds:7.2f} s  cpu "
                     f"{result.cpu_seconds:7.2f} s  exit {result.returncode}"
                     f"{'' if result.ok else '  UNEXPECTED'}")
    return results


def ratios(results, slow, fast, attribute):
    return [getattr(a, attribute) / getattr(b, attribute)
            for a, b in zip(results[slow], results[fast], strict=True)]


PAIRS = {"error report": ("one bad record", "valid archive"),
         "pathological text": ("pathological", "plain text")}


def summary(results):
    """{pair: (median CPU ratio, median wall ratio, limit, within it)}."""
    found = {}
    for pair, (slow, fast) in PAIRS.items():
        cpu = statistics.median(ratios(results, slow, fast, "cpu_seconds"))
        wall = statistics.median(ratios(results, slow, fast, "seconds"))
        found[pair] = (cpu, wall, LIMITS[pair], cpu <= LIMITS[pair])
    return found


def render(configs, results, bad_record, command):
    rows = [f"| {config.name} | {config.label} | "
            + " | ".join(f"{r.cpu_seconds:.2f} ({r.seconds:.2f})" for r in results[config.name])
            + f" | {'yes' if all(r.ok for r in results[config.name]) else 'NO'} |"
            for config in configs]
    rounds = len(next(iter(results.values())))
    lines = [
        "# What a hostile comments file costs",
        "",
        f"Written by `{command}` (tools/bench/hostile.py). Every build runs as `invoke build`",
        "does, in a fresh process; the four configurations alternate, and each ratio is taken",
        "within one round, then the median over the rounds. CPU time is the build process's",
        "own (this machine is shared); wall time in brackets.",
        "",
        "## Machine",
        "",
        *(f"- {key}: {value}" for key, value in {**report.machine(), **report.versions()}.items()),
        "",
        "## Ratios",
        "",
        "| Pair | CPU ratio (median) | Wall ratio (median) | Limit | Within it |",
        "| --- | --- | --- | --- | --- |",
        *(f"| {pair} | {cpu:.2f}x | {wall:.2f}x | {limit}x | {'yes' if ok else 'NO'} |"
          for pair, (cpu, wall, limit, ok) in summary(results).items()),
        "",
        "## Rounds: CPU seconds (wall seconds)",
        "",
        "| Configuration | What | " + " | ".join(f"Round {n}" for n in range(1, rounds + 1))
        + " | Outcome as expected |",
        "| --- | --- | " + " | ".join("---" for _ in range(rounds)) + " | --- |",
        *rows,
        "",
        f"The bad build is expected to stop, naming response {bad_record['id']} in one line;",
        "every other build to succeed.",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    command = report.command_line("tools.bench.hostile", argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="spm-bench-hostile-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        configs, bad_record = prepare(args, workdir)
        results = run(configs, args.runs, workdir)
        for pair, (cpu, wall, limit, ok) in summary(results).items():
            print(f"{pair}: {cpu:.2f}x CPU ({wall:.2f}x wall) against a valid build of the "
                  f"same size; limit {limit}x: {'within it' if ok else 'OVER'}")
        args.report.write_text(render(configs, results, bad_record, command), encoding="utf-8")
        print(f"Report: {args.report}")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    expected = all(result.ok for each in results.values() for result in each)
    return 0 if expected and all(ok for *_, ok in summary(results).values()) else 1


if __name__ == "__main__":
    sys.exit(main())
