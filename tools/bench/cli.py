"""Command line of the benchmark: `python -m tools.bench --posts 4000 --responses 20000`."""

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from . import report, runner

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REPORT = REPO_ROOT / "docs" / "benchmarks.md"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--responses", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5, help="alternating rounds")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--workdir", type=Path,
                        help="where to generate and build (default: a temporary folder)")
    parser.add_argument("--repo", type=Path, default=REPO_ROOT,
                        help="checkout whose pelicanconf.py, theme and plugins to measure")
    parser.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    return parser.parse_args(argv)


def raw_results(bench):
    return {
        "posts": bench.posts, "responses": bench.responses, "runs": bench.runs,
        "plugin_active": bench.plugin_active, "checks_passed": bench.checks_passed(),
        "contract_problems": bench.contract_problems,
        "budgets": [vars(budget) for budget in report.budgets(bench)],
        "results": [
            {**{key: value for key, value in vars(result).items() if key != "log"},
             "log": str(result.log)}
            for result in bench.results
        ],
    }


def main(argv=None):
    """Run the benchmark; exit status 1 when any output check failed."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    command = report.command_line("tools.bench", argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="spm-bench-"))
    try:
        bench = runner.prepare(args.posts, args.responses, args.runs, workdir, args.seed,
                               args.repo)
        runner.run(bench)
        print(report.console_summary(bench))
        print(f"Report: {report.write(bench, args.report, command)}")
        if args.json:
            args.json.write_text(json.dumps(raw_results(bench), indent=1, default=str))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0 if bench.checks_passed() else 1
