"""The lab runner's left side: the step list and a one-line progress and activity note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from courseware.tui.lab.lab_runner_state import RunnerState
from courseware.tui.lab.lab_steps import LabStepList


class LabSide(Vertical):
    """Steps with live status icons, and e.g. ``2/6 passed · checking…`` below them."""

    DEFAULT_CSS = """
    LabSide {
        width: 32;
        & #lab-state { height: 1; padding: 0 1; color: $text-muted; }
    }
    """

    def compose(self) -> ComposeResult:
        yield LabStepList(id="lab-steps")
        yield Static(id="lab-state")

    @property
    def steps(self) -> LabStepList:
        """The step list."""
        return self.query_one(LabStepList)

    def redraw(self, step_id: str, state: RunnerState) -> None:
        """Redraw one step's line as ``state`` knows it."""
        self.steps.set_status(step_id, state.status(step_id), state.help.get(step_id, ""))

    def show_progress(self, state: RunnerState | None, doing: str) -> None:
        """Show how many steps passed and what the runner is doing."""
        done = f"{state.passed_count()}/{len(state.lab.steps)}" if state else "0/0"
        self.query_one("#lab-state", Static).update(f"{done} passed · {doing}")
