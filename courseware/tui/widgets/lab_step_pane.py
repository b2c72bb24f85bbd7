"""The lab runner's right side: the selected step's title, check result, answer box and detail."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from courseware.course.model import Step
from courseware.tui.lab_runner_state import RunnerState
from courseware.tui.widgets.lab_result import CheckResultView
from courseware.tui.widgets.lab_step_detail import LabStepDetail


class LabStepPane(Vertical):
    """One step: what to do, whether it passed, hints and solution on request."""

    DEFAULT_CSS = """
    LabStepPane {
        width: 1fr;
        & #lab-step-title { height: auto; padding: 0 1; text-style: bold; }
        & #lab-answer { margin: 0 1; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="lab-step-title")
        yield CheckResultView(id="lab-result")
        yield Input(placeholder="Your answer (enter to check)", id="lab-answer")
        yield LabStepDetail(id="lab-detail")

    @property
    def answer(self) -> Input:
        """The answer box (shown for question steps)."""
        return self.query_one("#lab-answer", Input)

    @property
    def detail(self) -> LabStepDetail:
        """Instructions, hints, solution and output."""
        return self.query_one(LabStepDetail)

    def show_step(self, step: Step, number: int, instructions: str, state: RunnerState) -> None:
        """Show ``step`` (``instructions`` already expanded) as ``state`` knows it."""
        total = len(state.lab.steps)
        self.query_one("#lab-step-title", Static).update(f"Step {number}/{total} · {step.title}")
        self.show_result(step.id, state)
        self.answer.display = step.kind == "knowledge"
        with self.answer.prevent(Input.Changed):
            self.answer.value = state.drafts.get(step.id, "")
        self.detail.show_step(step, instructions)
        self.detail.show_hints(step, state.hints.get(step.id, 0))
        self.detail.show_solution(state.solutions.get(step.id))
        self.detail.show_output(state.outputs.get(step.id))

    def show_result(self, step_id: str, state: RunnerState) -> None:
        """Show the step's latest result."""
        self.query_one(CheckResultView).show(state.shown(step_id), state.help.get(step_id, ""))

    def show_checking(self) -> None:
        """Say that the answer is being checked."""
        self.query_one(CheckResultView).show(None)
