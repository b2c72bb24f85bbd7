"""A step's check result: passed, or what the check expected and what it found."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from courseware.course.runner import StepResult
from courseware.tui.lab.lab_status import icon, status_word


def render_result(result: StepResult | None, help_used: str = "", waiting: bool = False) -> Text:
    """The result as text the learner reads (``None``: not checked yet)."""
    if result is None:
        return Text("waiting for the cloud to start…" if waiting else "checking…", style="italic")
    style = {"passed": "bold green", "failed": "bold red"}.get(result.status, "bold")
    head = Text.assemble(
        (f"{icon(result.status)} {status_word(result.status, help_used)}", style),
        ": ",
        result.message,
    )
    if result.status == "passed" or not (result.expected or result.actual):
        return head
    return Text.assemble(
        head,
        ("\nexpected: ", "bold"),
        result.expected,
        ("\nactual:   ", "bold"),
        result.actual,
    )


class CheckResultView(Static):
    """Shows one :class:`StepResult` (expected vs actual when it failed)."""

    DEFAULT_CSS = """
    CheckResultView {
        height: auto;
        max-height: 8;
        padding: 0 1;
        background: $boost;
    }
    """

    def show(self, result: StepResult | None, help_used: str = "", waiting: bool = False) -> None:
        """Show ``result`` (``None``: still checking, or ``waiting`` for the cloud)."""
        self.update(render_result(result, help_used, waiting))
