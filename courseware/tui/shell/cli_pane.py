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
from textual.widgets import Input, RichLog, Static

from courseware.cloud.awscli import AwsCliMissingError, aws_argv
from courseware.cloud.endpoint import sandbox_env
from courseware.cloud.file_roots import OutsideRootsError, check_aws_args
from courseware.cloud.file_roots import current as file_roots
from courseware.cloud.lambda_rt.sandbox import wrap_tool
from courseware.paths import project_root
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.aws_command import absolute_files
from courseware.tui.shell.aws_suggester import AwsSuggester
from courseware.tui.shell.cli_script import ScriptError, expand, logical_lines, needs_more
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header
from courseware.tui.shell.history_input import HistoryInput

TIMEOUT_SECONDS = 300
LABS_DIR = project_root() / "labs"
HINT = (
    "Type or paste the labs' commands (`courseware aws …`, `aws …`, $( … ), \\ continuations); "
    "they run against the embedded cloud. $LABS is {labs} · ↑/↓ history · → completes · "
    "file:// paths are relative to {cwd}"
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
        self.roots = file_roots()  # a classroom learner's folders, else None (not confined)
        self.cwd = self.roots.own if self.roots else Path.cwd()
        self.pending = ""  # lines ending in \\ waiting for the rest of the command

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(HINT.format(cwd=self.cwd, labs=LABS_DIR), id="cli-hint", markup=False)
        yield RichLog(id="cli-log", wrap=True, markup=False, highlight=False)
        yield Static("", id="cli-status")
        yield HistoryInput("aws sqs list-queues", suggester=AwsSuggester(), id="cli-input")
        yield KeysFooter()

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
        """Run the submitted line (one command at a time); a trailing ``\\`` waits for more."""
        line = event.value
        if not line.strip() and not self.pending:
            return
        if self.running is not None:
            self.notify(f"Still running: aws {self.running}", severity="warning")
            return
        box = self.query_one("#cli-input", HistoryInput)
        box.remember(line.strip())
        box.value = ""
        if needs_more(line):
            self.pending += line.rstrip() + "\n"
            self._status("continued (\\): type the rest of the command")
            return
        text, self.pending = self.pending + line, ""
        self.run_line(text)

    @on(HistoryInput.MultiLinePaste)
    def pasted(self, event: HistoryInput.MultiLinePaste) -> None:
        """A pasted block runs command by command, as a terminal would."""
        if self.running is not None:
            self.notify(f"Still running: aws {self.running}", severity="warning")
            return
        self.run_line(self.pending + event.text)
        self.pending = ""

    def run_line(self, text: str) -> None:
        """Run every command in ``text`` in a worker (errors are written to the log)."""
        commands = logical_lines(text)
        if not commands:
            return
        if self.cw.endpoint is None:
            self.log_widget.write(Text(f"$ {commands[0]}", style="bold"))
            self.log_widget.write(
                Text("the embedded cloud is still starting; try again in a moment", "red")
            )
            return
        self.running = commands[0]
        self._run_all(commands)

    @work(group="cli-run")
    async def _run_all(self, commands: list[str]) -> None:
        """Run ``commands`` in order; the first that fails stops the rest."""
        log = self.log_widget
        done = 0
        for command in commands:
            log.write(Text(f"$ {command}", style="bold"))
            done += 1
            try:
                args = await expand(command, str(LABS_DIR), self._capture)
            except ScriptError as exc:
                self._finished("", str(exc), None)
                break
            if not args:
                self._finished("", "type a service and a command, e.g. sqs list-queues", None)
                break
            self.running = " ".join(args)
            self._status(f"running: aws {self.running} …")
            out, err, code = await self._exec(args)
            self._finished(out, err, code)
            if code != 0:
                break
        if done < len(commands):
            rest = len(commands) - done
            log.write(Text(f"{rest} more command(s) not run after the failure", style="red"))
        self.running = None

    async def _capture(self, args: list[str]) -> str:
        """Run a ``$( … )`` command; its output, or an error that stops the line."""
        if not args:
            raise ScriptError("an empty $( ) substitution")
        self._status(f"running: aws {' '.join(args)} …")
        out, err, code = await self._exec(args)
        if code != 0:
            detail = err.strip() or "it did not run"
            raise ScriptError(f"$(aws {' '.join(args)}) failed: {detail}")
        return out

    async def _exec(self, args: list[str]) -> tuple[str, str, int | None]:
        """Run the CLI as a child process the learner can stop (ctrl+c) or that times out."""
        endpoint = self.cw.endpoint
        assert endpoint is not None
        args = absolute_files(args, self.cwd, project_root())
        env = sandbox_env(endpoint)
        self.stopped = False
        try:
            argv = await asyncio.to_thread(aws_argv, endpoint, args)
            if self.roots is not None:  # a classroom: only the learner's folder and the labs
                check_aws_args(args, self.roots, self.cwd)
                rw, ro = (self.roots.own,), self.roots.shared
                argv, extra = wrap_tool(argv, rw=rw, ro=ro, chdir=self.cwd)
                env.update(extra)
            self.process = await asyncio.create_subprocess_exec(
                *argv,
                env=env,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except (AwsCliMissingError, OutsideRootsError) as exc:
            return "", str(exc), None
        except OSError as exc:
            return "", f"cannot run aws: {exc}", None
        self.refresh_bindings()
        process = self.process
        try:
            out, err = await asyncio.wait_for(process.communicate(), TIMEOUT_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()
            return "", f"stopped after {TIMEOUT_SECONDS} s without an answer", None
        except asyncio.CancelledError:  # the app is closing: leave no aws process behind
            process.kill()
            raise
        finally:
            self.process = None
            self.refresh_bindings()
        if self.stopped:
            return "", "stopped (ctrl+c)", None
        return out.decode(errors="replace"), err.decode(errors="replace"), process.returncode

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
        self._status("ready" if code == 0 else "ready (the last command failed)")
        if code == 0:
            self.cw.cloud_changed.publish("cli")
