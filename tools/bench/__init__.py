"""Benchmark of the blog's build at society-archive scale (4,000 posts, 20,000 responses).

`python -m tools.bench` (or `invoke bench`) generates a synthetic archive, builds it in several
configurations in alternating rounds, checks every build's output and writes docs/benchmarks.md
with the budgets. `python -m tools.bench.profile` profiles our build with cProfile, and
`python -m tools.bench.experiments` measures settings we might change.
"""
