"""What the lab runner knows about each step of the open lab (pure; no UI, no cloud)."""

from __future__ import annotations

from dataclasses import dataclass, field

from courseware.course.model import Lab
from courseware.course.runner import StepResult
from courseware.tui.lab.lab_status import newly_passed, next_pending


@dataclass
class RunnerState:
    """Latest check results and the learner's help, answers and drafts, by step id."""

    lab: Lab
    results: dict[str, StepResult] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)
    wrong_answers: dict[str, StepResult] = field(default_factory=dict)
    drafts: dict[str, str] = field(default_factory=dict)
    hints: dict[str, int] = field(default_factory=dict)
    solutions: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)

    @property
    def checked(self) -> bool:
        """Whether any check result has arrived."""
        return bool(self.results)

    def shown(self, step_id: str) -> StepResult | None:
        """The result to show: the check's, or a wrong typed answer while the step waits."""
        result = self.results.get(step_id)
        if result is None or result.status == "pending":
            return self.wrong_answers.get(step_id, result)
        return result

    def status(self, step_id: str) -> str:
        """The shown status (``pending`` before the first check)."""
        shown = self.shown(step_id)
        return shown.status if shown is not None else "pending"

    def passed_count(self) -> int:
        """How many steps passed."""
        return sum(1 for step in self.lab.steps if self.status(step.id) == "passed")

    def apply(self, results: list[StepResult], helps: dict[str, str]) -> list[str]:
        """Take new results; return the ids of steps that just turned passed."""
        before = {step_id: r.status for step_id, r in self.results.items()}
        for result in results:
            self.results[result.step_id] = result
            if result.status == "passed":
                self.wrong_answers.pop(result.step_id, None)
        self.help.update(helps)
        return newly_passed(before, {r.step_id: r.status for r in results})

    def mark_help(self, step_id: str, level: str) -> None:
        """Remember a hint or the solution was used (a solution outranks a hint)."""
        if self.help.get(step_id) != "solution":
            self.help[step_id] = level

    def next_step(self, after: str | None = None) -> str | None:
        """The first step not passed after ``after`` (from the start when ``None``)."""
        ids = [step.id for step in self.lab.steps]
        index = next_pending(
            [self.status(i) for i in ids], ids.index(after) if after in ids else -1
        )
        return ids[index] if index is not None else None
