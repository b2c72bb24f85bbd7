"""The Test tab's execution result: status, response, REPORT figures and log tail."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from courseware.tui.consoles.awslambda.lambda_invoke import InvokeResult


def _as_is(text: str) -> str | None:
    return text


class InvokeResultView(Vertical):
    """One invocation's outcome, like the console's "Execution result" panel.

    ``scrub`` filters what changes from run to run (request ids, durations, log lines)
    before display (``None`` drops a line); tests set it to fixed values for stable snapshots.
    """

    DEFAULT_CSS = """
    InvokeResultView { height: auto; border: round $border-blurred; padding: 0 1; }
    InvokeResultView.-succeeded { border: round $success; }
    InvokeResultView.-failed { border: round $error; }
    InvokeResultView > Static { height: auto; }
    InvokeResultView #result-status { text-style: bold; }
    InvokeResultView .result-label { color: $text-muted; margin-top: 1; }
    InvokeResultView #result-payload, InvokeResultView #result-log { color: $text; }
    """

    scrub: ClassVar[Callable[[str], str | None]] = staticmethod(_as_is)

    def compose(self) -> ComposeResult:
        yield Static(
            "No test run yet: choose an event and press Test (ctrl+t).", id="result-status"
        )
        yield Static("Response", classes="result-label")
        yield Static("", id="result-payload")
        yield Static("Summary", classes="result-label")
        yield Static("", id="result-report")
        yield Static("Log output", classes="result-label")
        yield Static("", id="result-log")

    def on_mount(self) -> None:
        self.border_title = "Execution result"
        for label in self.query(".result-label"):
            label.display = False

    def show(self, result: InvokeResult, function_name: str) -> None:
        """Display ``result``."""
        scrub = type(self).scrub
        self.set_class(result.ok, "-succeeded")
        self.set_class(not result.ok, "-failed")
        if result.ok:
            status = Content.from_markup("[b $success]Succeeded[/] — $name", name=function_name)
        else:
            message = f": {result.error_message}" if result.error_message else ""
            status = Content.from_markup(
                "[b $error]Failed[/] — $error", error=f"{result.error_type}{message}"
            )
        self.query_one("#result-status", Static).update(status)
        self.query_one("#result-payload", Static).update(Content(result.payload or "null"))
        rows = [f"Request ID: {result.request_id}"] if result.request_id else []
        rows += [f"{name}: {value}" for name, value in result.report.items()]
        rows = [line for line in map(scrub, rows) if line is not None]
        self.query_one("#result-report", Static).update(Content("\n".join(rows) or "—"))
        lines = map(scrub, result.log.rstrip("\n").splitlines())
        log = "\n".join(line for line in lines if line is not None)
        self.query_one("#result-log", Static).update(Content(log or "(no log output)"))
        for label in self.query(".result-label"):
            label.display = True

    def show_queued(self, function_name: str, status: int) -> None:
        """Display an asynchronous (Event) invoke's answer: queued, not yet run."""
        self.set_class(True, "-succeeded")
        self.set_class(False, "-failed")
        self.query_one("#result-status", Static).update(
            Content.from_markup(
                "[b $success]Queued[/] — $status: Lambda runs $name on its own and retries a "
                "failure; read the attempts in Monitor",
                status=f"{status} Accepted" if status == 202 else str(status),
                name=function_name,
            )
        )
        for widget_id in ("#result-payload", "#result-report", "#result-log"):
            self.query_one(widget_id, Static).update("")
        for label in self.query(".result-label"):
            label.display = False

    def show_error(self, text: str) -> None:
        """Display a problem that kept the test from running."""
        self.set_class(False, "-succeeded")
        self.set_class(True, "-failed")
        self.query_one("#result-status", Static).update(
            Content.from_markup("[b $error]Not run[/] — $text", text=text)
        )
        for widget_id in ("#result-payload", "#result-report", "#result-log"):
            self.query_one(widget_id, Static).update("")
        for label in self.query(".result-label"):
            label.display = False
