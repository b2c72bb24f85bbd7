"""Content problems that name the file, line and field, e.g.

``labs/event-driven/lab.yaml:42 step 'trigger': unknown check 'sqs_trigger'; did you mean
'event_source_mapping'?``
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from courseware.paths import project_root


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with a content file."""

    path: Path
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.resolve().relative_to(project_root())
        except ValueError:
            shown = self.path
        location = f"{shown}:{self.line}" if self.line else str(shown)
        return (
            f"{location} {self.where}: {self.message}"
            if self.where
            else f"{location}: {self.message}"
        )


class ContentError(Exception):
    """One or more content problems; ``str()`` lists them one a line."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""
