"""The benchmark at toy scale, through the same code path as `invoke bench` (no timing asserts).

It must generate valid content, build every configuration, run the output checks and write a
report with every section and real numbers. Budgets are not asserted: at 12 posts the ratios
mean nothing, and timing belongs to the benchmark, not to CI.
"""

import json
import re

import jsonschema
import pytest

from sitebuild import REPO_ROOT
from tools.bench import cli, generate, measure

SCHEMA = REPO_ROOT / "plugins" / "responses" / "comments.schema.json"
POSTS, RESPONSES = 12, 40
SECTIONS = ["## Machine", "## Versions", "## Parameters", "## Results", "## Budgets",
            "## Output checks", "## Configurations", "## What we tried and what it bought"]
BUDGETS = ["Full build vs plain Pelican", "Responses: CPU per 1,000 responses (ours - ours-empty)",
           "Warm rebuild (one post edited) vs cold", "Peak memory of our build"]


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench")
    report, raw = root / "benchmarks.md", root / "results.json"
    status = cli.main(["--posts", str(POSTS), "--responses", str(RESPONSES), "--runs", "1",
                       "--report", str(report), "--json", str(raw),
                       "--workdir", str(root / "work"), "--keep"])
    return {"status": status, "report": report.read_text(encoding="utf-8"),
            "raw": json.loads(raw.read_text(encoding="utf-8")), "work": root / "work"}


def test_generated_posts_are_markdown_with_our_metadata(bench_run):
    posts = sorted((bench_run["work"] / "site" / "content" / "posts").rglob("*.md"))
    assert len(posts) == POSTS
    for post in posts:
        header = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
        for field in ("Title:", "Date:", "Author:", "Category:", "Tags:", "Slug:"):
            assert field in header, (post, field)
    assert any("," in line for post in posts for line in post.read_text().splitlines()
               if line.startswith("Category:")), "some posts need several categories"


def test_generated_responses_keep_the_contract(bench_run):
    content = bench_run["work"] / "site" / "content"
    data = json.loads((content / "comments.json").read_text(encoding="utf-8"))
    slugs = [line.removeprefix("Slug: ") for post in content.joinpath("posts").rglob("*.md")
             for line in post.read_text(encoding="utf-8").splitlines()
             if line.startswith("Slug: ")]
    assert len(data["responses"]) == RESPONSES
    assert generate.contract_problems(data, slugs) == []
    ids = {response["id"] for response in data["responses"]}
    assert all(response["parent"] in ids for response in data["responses"] if "parent" in response)
    assert any("parent" in response for response in data["responses"]), "threads, not a list"
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_contract_check_finds_broken_responses():
    good = {"id": "1", "post": "a", "author": "A", "date": "2011-07-21T09:14:00-04:00",
            "content": "Hi"}
    broken = [
        {**good, "id": "2", "parent": "404"},  # parent missing
        {**good, "id": "3", "post": "nope"},  # not an article
        {**good, "id": "4", "colour": "red"},  # not in the contract
        {**good, "id": "5", "date": "yesterday"},
        {key: value for key, value in good.items() if key != "author"} | {"id": "6"},
        {**good, "id": "7", "parent": "8"}, {**good, "id": "8", "parent": "7"},  # a cycle
    ]
    problems = generate.contract_problems({"version": 1, "responses": [good, *broken]}, ["a"])
    # The build's own messages: one per broken record, and one for the cycle 7 → 8 → 7.
    named = {re.search(r"response (\S+):", problem).group(1) for problem in problems}
    assert named == {"2", "3", "4", "5", "6", "7"}, problems
    assert generate.contract_problems({"version": 1, "responses": [good]}, ["a"]) == []


def test_every_configuration_built_and_passed_its_output_checks(bench_run):
    raw = bench_run["raw"]
    assert raw["contract_problems"] == []
    configs = {result["config"] for result in raw["results"]}
    assert configs >= {"warm-prime", "baseline", "baseline-matched", "ours", "ours-empty",
                       "warm", "search-index"}
    for result in raw["results"]:
        checks = {name: (ok, detail) for name, ok, detail in result["checks"]}
        assert all(ok is not False for ok, _ in checks.values()), result
        if result["config"] != "search-index":
            assert checks["article pages = posts"] == (
                True, f"{POSTS} of {POSTS} posts have exactly one page")
    ours = next(result for result in raw["results"] if result["config"] == "ours")
    responses_ok, detail = {name: (ok, d) for name, ok, d in ours["checks"]}["responses rendered"]
    if raw["plugin_active"]:
        assert responses_ok is True and detail.startswith(f"{RESPONSES} of {RESPONSES}")
    else:  # reported loudly as not checked, never as a pass
        assert responses_ok is None and "NOT CHECKED" in detail
        assert "NOT MEASURED" in bench_run["report"]
    assert raw["checks_passed"] is True
    assert bench_run["status"] == 0


def test_report_has_every_section_and_real_numbers(bench_run):
    report = bench_run["report"]
    positions = [report.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    results = report.split("## Results", 1)[1].split("##", 1)[0]
    # Six rows (five configurations and the search index), each with at least four timings.
    assert len(re.findall(r"(?<=\|) \d+\.\d\d (?=\|)", results)) >= 6 * 4
    for budget in BUDGETS:
        row = next(line for line in report.splitlines() if line.startswith(f"| {budget} |"))
        assert re.search(r"\*\*(PASS|FAIL|NOT MEASURED)", row), row
        assert re.search(r"\d", row.split("|")[2]), row
    assert f"Posts: {POSTS}; responses: {RESPONSES}" in report
    assert "pelican: 4." in report and "pagefind: " in report


def test_responses_plugin_detection_reads_plugins_setting():
    assert measure.responses_plugin_active({"PLUGINS": ["categories", "responses"]})
    assert measure.responses_plugin_active({"PLUGINS": ["plugins.responses"]})
    assert not measure.responses_plugin_active({"PLUGINS": ["categories"]})
    assert not measure.responses_plugin_active({"PLUGINS": None})


def test_the_hostile_mode_runs_both_pairs_and_reports_them(tmp_path):
    # `invoke bench --hostile` at toy scale: the bad build stops naming its record, the
    # others build, and the report gives both ratios (not asserted: toy scale means nothing).
    from tools.bench import hostile

    report = tmp_path / "hostile.md"
    status = hostile.main(["--posts", "6", "--responses", "30", "--small-posts", "2",
                           "--runs", "1", "--report", str(report),
                           "--workdir", str(tmp_path / "work"), "--keep"])
    text = report.read_text(encoding="utf-8")
    assert status in (0, 1), text  # 1 only for a ratio over its limit, or a wrong outcome
    for pair, limit in (("error report", "1.5"), ("pathological text", "2.0")):
        assert re.search(rf"\| {pair} \| \d+\.\d\dx \| \d+\.\d\dx \| {limit}x \| (yes|NO) \|",
                         text), pair
    outcomes = re.findall(r"^\| (valid archive|one bad record|plain text|pathological) \|.*"
                          r"\| (yes|NO) \|$", text, re.MULTILINE)
    assert [outcome for _, outcome in outcomes] == ["yes"] * 4
    [log] = (tmp_path / "work" / "logs").glob("one bad record-1.log")
    assert re.fullmatch(r"ERROR \S+comments\.json:\d+: response \d+: field 'date' "
                        r"\"2011-02-30\" is not a real date\n", log.read_text())
