"""The AWS CLI pane: run ``aws …`` against the embedded cloud, output in a log."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, RichLog, Static

from courseware.cloud.awscli import AwsCliMissingError, aws_argv
from courseware.cloud.endpoint import sandbox_env
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.aws_command import CommandError, parse_command
from courseware.tui.shell.aws_suggester import AwsSuggester
from courseware.tui.shell.history_input import HistoryInput

TIMEOUT_SECONDS = 300
HINT = (
    "Type an aws command (the leading `aws` is optional); it runs against the embedded cloud. "
    "↑/↓ history · → accepts a completion · file:// paths are relative to {cwd}"
)


class CliScreen(AreaScreen):
    """A terminal-like pane for the AWS CLI, pointed at the embedded cloud."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="cli.back", tooltip="Leave the AWS CLI pane"),
        Binding("ctrl+l", "clear", "Clear", id="cli.clear", tooltip="Clear the output"),
        Binding(
            "ctrl+c",
            "stop",
            "Stop",
            id="cli.stop",
            tooltip="Stop the running command (like ctrl+c in a terminal)",
            priority=True,  # before the input's copy; skipped when nothing runs
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.running: str | None = None
        self.process: asyncio.subprocess.Process | None = None
        self.stopped = False
        self.cwd = Path.cwd()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(HINT.format(cwd=self.cwd), id="cli-hint", markup=False)
        yield RichLog(id="cli-log", wrap=True, markup=False, highlight=False)
        yield Static("", id="cli-status")
        yield HistoryInput("aws sqs list-queues", suggester=AwsSuggester(), id="cli-input")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "AWS CLI"
        self._status("ready")
        self.query_one("#cli-input", HistoryInput).focus()

    @property
    def log_widget(self) -> RichLog:
        """The output log."""
        return self.query_one("#cli-log", RichLog)

    def _status(self, text: str) -> None:
        self.query_one("#cli-status", Static).update(Text(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Stop is offered only while a command runs."""
        return self.process is not None if action == "stop" else True

    def action_stop(self) -> None:
        """Stop the running command; with none running, ctrl+c does what it would elsewhere."""
        if self.process is None:
            raise SkipAction()
        self.stopped = True
        self.process.terminate()

    def action_clear(self) -> None:
        """Clear the output."""
        self.log_widget.clear()

    @on(Input.Submitted, "#cli-input")
    def submitted(self, event: Input.Submitted) -> None:
        """Run the submitted line (one command at a time)."""
        line = event.value.strip()
        if not line:
            return
        if self.running is not None:
            self.notify(f"Still running: aws {self.running}", severity="warning")
            return
        box = self.query_one("#cli-input", HistoryInput)
        box.remember(line)
        box.value = ""
        self.run_line(line)

    def run_line(self, line: str) -> None:
        """Echo ``line`` and run it in a worker thread (errors are written to the log)."""
        log = self.log_widget
        log.write(Text(f"$ {line}", style="bold"))
        try:
            args = parse_command(line, self.cwd)
        except CommandError as exc:
            log.write(Text(str(exc), style="red"))
            return
        if not args:
            log.write(Text("type a service and a command, e.g. sqs list-queues", style="red"))
            return
        if self.cw.endpoint is None:
            log.write(Text("the embedded cloud is still starting; try again in a moment", "red"))
            return
        self.running = " ".join(args)
        self._status(f"running: aws {self.running} …")
        self._run(args)

    @work(group="cli-run")
    async def _run(self, args: list[str]) -> None:
        """Run the CLI as a child process the learner can stop (ctrl+c) or that times out."""
        endpoint = self.cw.endpoint
        assert endpoint is not None
        self.stopped = False
        try:
            argv = await asyncio.to_thread(aws_argv, endpoint, args)
            self.process = await asyncio.create_subprocess_exec(
                *argv,
                env=sandbox_env(endpoint),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except AwsCliMissingError as exc:
            self._finished("", str(exc), None)
            return
        except OSError as exc:
            self._finished("", f"cannot run aws: {exc}", None)
            return
        self.refresh_bindings()
        process = self.process
        try:
            out, err = await asyncio.wait_for(process.communicate(), TIMEOUT_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()
            self._finished("", f"stopped after {TIMEOUT_SECONDS} s without an answer", None)
            return
        except asyncio.CancelledError:  # the app is closing: leave no aws process behind
            process.kill()
            raise
        finally:
            self.process = None
            self.refresh_bindings()
        if self.stopped:
            self._finished("", "stopped (ctrl+c)", None)
            return
        self._finished(
            out.decode(errors="replace"), err.decode(errors="replace"), process.returncode
        )

    def _finished(self, stdout: str, stderr: str, code: int | None) -> None:
        log = self.log_widget
        if stdout.strip():
            log.write(Text(stdout.rstrip("\n")))
        if stderr.strip():
            log.write(Text(stderr.rstrip("\n"), style="red"))
        if code is None:
            log.write(Text("the command did not run", style="bold red"))
        else:
            log.write(Text(f"exit code {code}", style="green" if code == 0 else "bold red"))
        self.running = None
        self._status("ready" if code == 0 else "ready (the last command failed)")
        if code == 0:
            self.cw.cloud_changed.publish("cli")
