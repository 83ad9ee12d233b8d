"""The audit's result for people: counts first, then each distinct problem once, with how
often it occurs and a few examples, grouped by check.

A real export's systematic problem (one old image on every listing page and feed) is
thousands of lines of the same problem; a reader needs to see it once, with its count,
and where to look. ``every=True`` (``--all``) lists every occurrence.
"""

from collections import Counter
from dataclasses import dataclass, field

EXAMPLES = 3


@dataclass(frozen=True)
class Problem:
    kind: str  # the distinct problem, said once ("a media file is loaded from the old site")
    line: str  # one occurrence, naming the file, the item and the value


@dataclass
class CheckResult:
    name: str
    summary: str = ""  # what was checked, with counts
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth reading, never failing

    def fail(self, kind, line):
        self.problems.append(Problem(kind, line))

    @property
    def failures(self):
        """Every occurrence, as one line each."""
        return [problem.line for problem in self.problems]

    @property
    def passed(self):
        return not self.problems

    def grouped(self):
        """{kind: Counter of its lines}, kinds in the order they were first found."""
        kinds = {}
        for problem in self.problems:
            kinds.setdefault(problem.kind, Counter())[problem.line] += 1
        return kinds


def some_files(files):
    """ "/a.html", or "3 files: /a.html, /b.html, /c.html" (a few, in the order found)."""
    unique = list(dict.fromkeys(files))
    if len(unique) == 1:
        return f"/{unique[0]}"
    shown = ", ".join(f"/{relative}" for relative in unique[:EXAMPLES])
    return f"{len(unique)} files: {shown}{', …' if len(unique) > EXAMPLES else ''}"


def _times(count):
    return f" ({count} times)" if count > 1 else ""


@dataclass
class AuditReport:
    export: str
    site: str
    checks: list[CheckResult]
    seconds: float = 0.0

    @property
    def passed(self):
        return all(check.passed for check in self.checks)

    def __str__(self):
        return self.render()

    def render(self, every=False):
        lines = [f"Migration audit of {self.site} against {self.export}", ""]
        width = max(len(check.name) for check in self.checks)
        for check in self.checks:
            verdict = "ok" if check.passed else f"{len(check.problems)} FAILED"
            lines.append(f"  {check.name:<{width}}  {verdict:>10}  {check.summary}")
        left_out = 0
        for check in self.checks:
            if check.passed:
                continue
            kinds = check.grouped()
            lines += ["", f"{check.name}: {len(check.problems)} failed, {len(kinds)} distinct "
                          f"problem{'s' * (len(kinds) != 1)}"]
            for kind, occurrences in kinds.items():
                if len(occurrences) == 1:
                    ((line, count),) = occurrences.items()
                    lines.append(f"  - {line}{_times(count)}")
                    continue
                total = sum(occurrences.values())
                lines.append(f"  - {kind}: {total} times, {len(occurrences)} different")
                shown = list(occurrences.items())
                if not every:
                    left_out += max(len(shown) - EXAMPLES, 0)
                    shown, rest = shown[:EXAMPLES], len(shown) - EXAMPLES
                else:
                    rest = 0
                lines += [f"      {line}{_times(count)}" for line, count in shown]
                if rest > 0:
                    lines.append(f"      … and {rest} more like these")
        for check in self.checks:
            if check.notes:
                lines += ["", f"{check.name}, notes (not failures):"]
                lines += [f"  - {note}" for note in check.notes]
        verdict = "PASSED" if self.passed else "FAILED"
        failed = sum(len(check.problems) for check in self.checks)
        lines += ["", f"{verdict}: {failed} failures in {self.seconds:.1f} s"]
        if left_out:
            lines.append(f"{left_out} more lines left out: --all lists every one")
        return "\n".join(lines)
