"""The lab runner's right side: the selected step's title, check result, answer box and detail."""

from __future__ import annotations

import asyncio

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from courseware.cloud.endpoint import Endpoint
from courseware.course.model import Step
from courseware.course.runner import StepResult
from courseware.tui.lab import lab_work
from courseware.tui.lab.lab_result import CheckResultView
from courseware.tui.lab.lab_runner_state import RunnerState
from courseware.tui.lab.lab_step_detail import LabStepDetail


class LabStepPane(Vertical):
    """One step: what to do, whether it passed, hints and solution on request.

    The help methods update the :class:`RunnerState` they are given (and what is on
    screen, if that step is still shown); the caller redraws the step list.
    """

    step: Step | None = None
    state: RunnerState | None = None
    endpoint: Endpoint | None = None

    class Answered(Message):
        """A typed answer was checked (a wrong one is already kept in the state)."""

        def __init__(self, state: RunnerState, result: StepResult) -> None:
            super().__init__()
            self.state = state
            self.result = result

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

    def show_step(
        self,
        step: Step,
        number: int,
        instructions: str,
        state: RunnerState,
        endpoint: Endpoint | None,
    ) -> None:
        """Show ``step`` (``instructions`` already expanded) as ``state`` knows it."""
        self.step, self.state, self.endpoint = step, state, endpoint
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

    def show_empty(self) -> None:
        """Say that no lab is open."""
        self.query_one("#lab-step-title", Static).update("No lab open: press l to choose one.")
        self.answer.display = False

    def show_result(self, step_id: str, state: RunnerState) -> None:
        """Show the step's latest result."""
        self.query_one(CheckResultView).show(
            state.shown(step_id), state.help.get(step_id, ""), waiting=self.endpoint is None
        )

    def show_checking(self) -> None:
        """Say that the answer is being checked."""
        self.query_one(CheckResultView).show(None)

    def next_hint(self, state: RunnerState, step: Step) -> bool:
        """Reveal the next hint and record that it was needed; ``False`` if none is left."""
        shown = state.hints.get(step.id, 0)
        if shown >= len(step.hints):
            self.notify("No more hints for this step." if shown else "This step has no hints.")
            return False
        state.hints[step.id] = shown + 1
        state.mark_help(step.id, "hint")
        if self.step is step:
            self.detail.show_hints(step, shown + 1)
        self.run_worker(
            asyncio.to_thread(lab_work.record_hint, state.lab, step, shown + 1), group="lab-save"
        )
        return True

    async def reveal_solution(
        self, state: RunnerState, step: Step, endpoint: Endpoint | None
    ) -> None:
        """Show the step's solution (recorded as help)."""
        text = await asyncio.to_thread(lab_work.reveal_solution, state.lab, step, endpoint)
        state.solutions[step.id] = text
        state.mark_help(step.id, "solution")
        if self.step is step:
            self.detail.show_solution(text)

    async def run_solution(self, state: RunnerState, step: Step, endpoint: Endpoint) -> None:
        """Show the solution, run it against the cloud, show what it printed."""
        state.outputs[step.id] = "Running the solution…"
        if self.step is step:
            self.detail.show_output(state.outputs[step.id])
        await self.reveal_solution(state, step, endpoint)
        result = await asyncio.to_thread(lab_work.solve, state.lab, step, endpoint)
        head = "✔ The solution ran." if result.ok else "✘ The solution failed."
        state.outputs[step.id] = f"{head}\n{result.output.strip()}".strip()
        if self.step is step:
            self.detail.show_output(state.outputs[step.id])

    @on(Input.Changed, "#lab-answer")
    def _keep_draft(self, event: Input.Changed) -> None:
        if self.state is not None and self.step is not None:
            self.state.drafts[self.step.id] = event.value

    @on(Input.Submitted, "#lab-answer")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if self.state is None or self.step is None or not event.value.strip():
            return
        if self.endpoint is None:
            self.notify("The cloud is still starting; try again in a moment.", severity="warning")
            return
        self._check_answer(self.state, self.step, self.endpoint, event.value.strip())

    @work(group="lab-answer")
    async def _check_answer(
        self, state: RunnerState, step: Step, endpoint: Endpoint, answer: str
    ) -> None:
        self.show_checking()
        result = await asyncio.to_thread(lab_work.check_answer, state.lab, step, endpoint, answer)
        if result.status != "passed":
            state.wrong_answers[step.id] = result
        self.post_message(self.Answered(state, result))
