"""The audit's result for people: counts first, then every failure, grouped by check."""

from dataclasses import dataclass, field


@dataclass
class CheckResult:
    name: str
    summary: str = ""  # what was checked, with counts
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth reading, never failing

    @property
    def passed(self):
        return not self.failures


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
        lines = [f"Migration audit of {self.site} against {self.export}", ""]
        width = max(len(check.name) for check in self.checks)
        for check in self.checks:
            verdict = "ok" if check.passed else f"{len(check.failures)} FAILED"
            lines.append(f"  {check.name:<{width}}  {verdict:>10}  {check.summary}")
        for check in self.checks:
            if check.failures:
                lines += ["", f"{check.name}: {len(check.failures)} failed"]
                lines += [f"  - {failure}" for failure in check.failures]
        for check in self.checks:
            if check.notes:
                lines += ["", f"{check.name}, notes (not failures):"]
                lines += [f"  - {note}" for note in check.notes]
        verdict = "PASSED" if self.passed else "FAILED"
        failed = sum(len(check.failures) for check in self.checks)
        lines += ["", f"{verdict}: {failed} failures in {self.seconds:.1f} s"]
        return "\n".join(lines)
