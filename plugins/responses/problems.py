"""How the plugin reports bad data: every problem at once, each naming file, line, id and field."""

from dataclasses import dataclass

# Enough to fix a batch by hand; a broken export usually repeats one mistake.
MAX_LISTED = 100


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None = None
    response_id: str | None = None
    field: str | None = None
    message: str = ""
    column: int | None = None

    def __str__(self):
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.response_id is not None:
            parts.append(f"response {self.response_id}")
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f" {self.message}"


class ResponsesError(Exception):
    """Bad comments data or settings; raised from a signal so Pelican exits with status 1."""

    def __init__(self, problems, subject="the comments data"):
        self.problems = list(problems)
        listed = [f"  {line}" for line in self.problem_lines()]
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"responses: {count} {noun} in {subject}:\n" + "\n".join(listed))

    def problem_lines(self):
        """One line per problem (the first MAX_LISTED), as `invoke build` and the preview
        print them."""
        lines = [str(problem) for problem in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"... and {len(self.problems) - MAX_LISTED} more")
        return lines
