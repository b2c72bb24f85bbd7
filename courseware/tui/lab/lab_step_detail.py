"""The selected step: question, instructions, revealed hints, the solution and its output."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Markdown, Static

from courseware.course.model import Step


class LabStepDetail(VerticalScroll):
    """Everything the learner reads about one step; hints and solution appear on request."""

    DEFAULT_CSS = """
    LabStepDetail {
        height: 1fr;
        padding: 0 1;
        & > .lab-detail-part { height: auto; margin-top: 1; }
        & #lab-question { text-style: bold; }
        & #lab-instructions { margin: 0; padding: 0; }
        & #lab-solution-bar { height: auto; }
        & #lab-solution-bar Button { margin-top: 1; }
        & #lab-output { color: $text-muted; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="lab-question", classes="lab-detail-part")
        yield Markdown(id="lab-instructions")
        yield Static(id="lab-hints", classes="lab-detail-part")
        yield Static(id="lab-solution", classes="lab-detail-part")
        with Horizontal(id="lab-solution-bar", classes="lab-detail-part"):
            yield Button("Run solution", id="lab-run-solution", variant="warning")
        yield Static(id="lab-output", classes="lab-detail-part")

    def show_step(self, step: Step, instructions: str) -> None:
        """Show ``step`` (instructions already expanded), hiding hints, solution and output."""
        question = self.query_one("#lab-question", Static)
        question.update(Text(f"Question: {step.question}") if step.question else "")
        question.display = bool(step.question)
        self.query_one("#lab-instructions", Markdown).update(instructions)
        self.show_hints(step, 0)
        self.show_solution(None)
        self.show_output(None)
        self.scroll_home(animate=False)

    def show_hints(self, step: Step, count: int) -> None:
        """Show the first ``count`` hints of ``step``."""
        hints = self.query_one("#lab-hints", Static)
        shown = step.hints[:count]
        text = Text()
        for number, hint in enumerate(shown, 1):
            text.append(f"Hint {number}/{len(step.hints)}: ", style="bold")
            text.append(hint + ("\n" if number < len(shown) else ""))
        hints.update(text)
        hints.display = bool(shown)
        if shown:
            self._reveal(hints)

    def show_solution(self, solution: str | None) -> None:
        """Show the solution text (``None`` hides it and its Run button)."""
        widget = self.query_one("#lab-solution", Static)
        if solution is not None:
            widget.update(Text.assemble(("Solution:\n", "bold"), solution))
        widget.display = solution is not None
        self.query_one("#lab-solution-bar").display = solution is not None
        if solution is not None:
            self._reveal(widget)

    def show_output(self, output: str | None) -> None:
        """Show what running the solution printed (``None`` hides it)."""
        widget = self.query_one("#lab-output", Static)
        widget.update(Text(output or ""))
        widget.display = output is not None
        if output is not None:
            self._reveal(widget)

    def _reveal(self, widget: Widget) -> None:
        self.call_after_refresh(self.scroll_to_widget, widget, animate=False, top=True)
