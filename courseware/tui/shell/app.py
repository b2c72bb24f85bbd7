"""The courseware Textual app: areas as modes, the embedded cloud's lifecycle, shared services.

Every area (home, reader, lab runner, CLI, quiz) and every AWS console is a Textual
mode with its own screen stack, so a learner can flip between the lab and a console
and find each where they left it. Areas have F-keys; consoles open from Services. Screens talk to the cloud only through
:meth:`CoursewareApp.call` (boto3 over HTTP), never through moto.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal

from courseware.cloud.endpoint import DEFAULT_PORT, Endpoint
from courseware.course.model import Course
from courseware.tui.consoles import CONSOLES
from courseware.tui.shell import iam_mode, recent, settings
from courseware.tui.shell.cloudcall import CloudCallError, CloudClients, is_mutation
from courseware.tui.shell.messages import OpenSection
from courseware.tui.shell.navigation import AREAS, SERVICES_ALT, SERVICES_KEYS
from courseware.tui.shell.prepare import Preparer
from courseware.tui.shell.service_picker import ServicePicker


class CoursewareApp(App[None]):
    """Learn AWS serverless by doing."""

    TITLE = "courseware"
    CSS_PATH = Path(__file__).parent / "courseware.tcss"  # absolute: subclasses live anywhere
    MODES: ClassVar[dict[str, Any]] = {p.id: p.screen for p in (*AREAS, *CONSOLES)}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", tooltip="Stop the cloud and quit"),
        Binding("f1", "help", "Help", id="app.help", tooltip="Keys and areas of the app"),
        Binding(
            SERVICES_KEYS,
            "services",
            "Services",
            id="app.services",
            tooltip="Open an AWS console: type a few letters, enter",
            priority=True,
        ),
        # second keys, for terminals that take the F-keys; not priority, so text fields get them
        Binding("question_mark", "help", "Help", show=False, id="app.help.alt", tooltip="Help"),
        Binding(
            SERVICES_ALT,
            "services",
            "Services",
            show=False,
            id="app.services.alt",
            tooltip="Open an AWS console",
        ),
        *(
            Binding(
                a.alt, f"go('{a.id}')", a.title, id=f"go.{a.id}.alt", tooltip=a.tooltip, show=False
            )
            for a in AREAS
        ),
        *(
            # priority: the area keys work even while typing in a code editor
            Binding(
                a.key,
                f"go('{a.id}')",
                a.title,
                id=f"go.{a.id}",
                tooltip=a.tooltip,
                show=False,
                priority=True,
            )
            for a in AREAS
        ),
    ]

    def __init__(
        self,
        port: int | None = None,
        start_cloud: bool = True,
        start_screen: str | None = None,
        endpoint: Endpoint | None = None,
    ) -> None:
        """Create the app.

        Args:
            port: Port for the embedded cloud (default 4566; busy → any free port).
            start_cloud: Start an embedded cloud in the background.
            start_screen: Area to open first (e.g. ``"quiz"``), default home.
            endpoint: Use this already-running cloud instead of starting one (tests, classrooms).
        """
        super().__init__()
        self._start_screen = start_screen or "home"
        self._port = DEFAULT_PORT if port is None else port
        self._start_cloud = start_cloud and endpoint is None
        self.endpoint: Endpoint | None = endpoint
        self.clients: CloudClients | None = CloudClients(endpoint) if endpoint else None
        self.cloud_status = (
            f"cloud ready at {endpoint.host}:{endpoint.port}" if endpoint else "cloud starting…"
        )
        self.cloud_status_changed: Signal[str] = Signal(self, "cloud-status")
        self.cloud_changed: Signal[str] = Signal(self, "cloud-changed")
        self._course: Course | None = None
        self._cleanup: Any = None
        self._save_problem: str | None = None  # what the cloud said last about saving
        self._came_from: dict[str, str] = {}  # mode → the mode Back returns to (not home)
        self.preparer = Preparer(self, recent.recent_ids())
        saved_theme = settings.load().get("theme")
        if isinstance(saved_theme, str) and saved_theme in self.available_themes:
            self.theme = saved_theme

    # --- lifecycle -------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.sub_title = self.cloud_status
        self.theme_changed_signal.subscribe(self, lambda theme: settings.save(theme=theme.name))
        self.switch_mode(self._start_screen)
        if not self.is_headless:  # the other areas' screens, built in the background
            self.preparer.start()  # (headless tests and benches start it themselves)
        if self._start_cloud:
            self.start_cloud()

    @work(thread=True, exclusive=True, group="cloud")
    def start_cloud(self) -> None:
        """Start the embedded cloud off the UI thread (the first screen is already painted).

        A cloud that is already running (``courseware cloud`` in another terminal, or
        ``courseware serve``) is shared, so the app, the CLI and every browser tab see
        the same resources.
        """
        from courseware.cloud.endpoint import (
            EndpointError,
            clear_address,
            find_endpoint,
            write_address,
        )
        from courseware.cloud.server import (
            CloudError,
            EmbeddedCloud,
            PortInUseError,
            handler_isolation,
        )
        from courseware.cloud.state.store import default_state_dir

        try:
            running = find_endpoint()
        except EndpointError as exc:
            self.call_from_thread(self._set_cloud, None, f"cloud error: {exc}")
            return
        if (
            running is not None
        ):  # `courseware cloud` or `courseware serve` already runs one: share it
            where = f"cloud ready at {running.host}:{running.port} (shared)"
            label = iam_mode.shared_label(running)
            self.call_from_thread(
                self._set_cloud, running, f"{where} · {label}" if label else where
            )
            return
        iam_mode.apply_setting()
        state = default_state_dir()
        cloud = EmbeddedCloud(port=self._port, state_dir=state)
        try:
            try:
                endpoint = cloud.start()
            except PortInUseError:
                cloud = EmbeddedCloud(port=0, state_dir=state)
                endpoint = cloud.start()
        except CloudError as exc:
            self.call_from_thread(self._set_cloud, None, f"cloud error: {exc}")
            return
        write_address(endpoint)

        def cleanup() -> None:
            clear_address(endpoint)
            cloud.stop()

        self._cleanup = cleanup
        self.call_from_thread(self.set_interval, 2.0, lambda: self._watch_saving(cloud))
        where = f"cloud ready at {endpoint.host}:{endpoint.port}"
        if not handler_isolation().isolated:
            where += " (warning: Lambda handlers are not sandboxed here)"
        if self._port and endpoint.port != self._port:
            where += f" (port {self._port} was busy)"
        where += f" · {iam_mode.own_label()}"
        self.call_from_thread(self._set_cloud, endpoint, where)

    def _watch_saving(self, cloud: Any) -> None:
        """Tell the learner once when the cloud's state cannot be saved, and when it can again."""
        problem = cloud.save_status()
        if problem == self._save_problem:
            return
        if problem is not None and self._save_problem is None:
            self.notify(problem, title="Cloud state not saved", severity="error", timeout=30)
        elif problem is None:
            self.notify("Saving the cloud's state works again.", title="Cloud state saved")
        self._save_problem = problem

    def _set_cloud(self, endpoint: Endpoint | None, status: str) -> None:
        if endpoint is not None:
            self.endpoint = endpoint
            self.clients = CloudClients(endpoint)
        self.cloud_status = status
        self.sub_title = status
        self.cloud_status_changed.publish(status)

    def on_unmount(self) -> None:
        if self._cleanup is not None:
            self._cleanup()

    # --- shared services -------------------------------------------------------------------
    @property
    def course(self) -> Course:
        """The course content (loaded once, on first use)."""
        if self._course is None:
            from courseware.course.loader import load_course

            self._course = load_course()
        return self._course

    async def call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """Call an AWS API on the embedded cloud (in a thread); tell listeners about changes.

        Raises:
            CloudCallError: the cloud is not ready, or the call failed.
        """
        if self.clients is None:
            raise CloudCallError("The embedded cloud is still starting; try again in a moment.")
        result = await self.clients.call(service, operation, **params)
        if is_mutation(operation):
            self.cloud_changed.publish(f"{service}.{operation}")
        return result

    def report(self, exc: Exception, title: str = "AWS error") -> None:
        """Show an error to the learner as a notification (never a traceback)."""
        self.notify(str(exc), title=title, severity="error", timeout=8)

    # --- navigation ------------------------------------------------------------------------
    async def action_go(self, area_id: str) -> None:
        """Open an area or console (its screens stay as the learner left them)."""
        self._came_from.clear()  # chosen by the learner: Back from there is home again
        if isinstance(self.screen, ServicePicker):
            self.screen.dismiss(None)
        if any(c.id == area_id for c in CONSOLES):
            recent.remember(area_id)
        if self.current_mode != area_id:
            await self.switch_mode(area_id)

    def action_services(self) -> None:
        """Open the Services picker; the chosen console opens in its own area."""
        if isinstance(self.screen, ServicePicker):
            return

        def chosen(console_id: str | None) -> None:
            if console_id:
                self.call_later(self.action_go, console_id)

        self.push_screen(ServicePicker(CONSOLES, recent.recent_ids()), chosen)

    async def action_back(self) -> None:
        """Close the current screen; from an area's first screen go back where the learner
        came from (a quiz question's "Read section"), or home."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
        elif self.current_mode in self._came_from:
            await self.switch_mode(self._came_from.pop(self.current_mode))
        elif self.current_mode != "home":
            await self.switch_mode("home")

    def action_help(self) -> None:
        """Show the help screen."""
        from courseware.tui.shell.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def open_lab(self, lab_id: str) -> None:
        """Open the lab runner on ``lab_id``."""
        await self.action_go("lab")
        base: Any = self.screen_stack[0]
        base.show_lab(lab_id)

    async def open_chapter(self, chapter_id: str, section_id: str | None = None) -> None:
        """Open the reader on a chapter (and section)."""
        await self.action_go("reader")
        base: Any = self.screen_stack[0]
        base.show_chapter(chapter_id, section_id)

    async def on_open_section(self, message: OpenSection) -> None:
        """A quiz explanation's section link; Back (Esc) in the reader returns to the question."""
        came_from = self.current_mode
        await self.open_chapter(message.chapter_id, message.section_id)
        if came_from != self.current_mode:
            self._came_from[self.current_mode] = came_from

    def action_toggle_iam(self) -> None:
        """Switch IAM enforcement (at once for the app's own cloud; saved for next time)."""
        old, new, message = iam_mode.toggle(owns_cloud=self._cleanup is not None)
        if old and old in self.cloud_status:
            self._set_cloud(None, self.cloud_status.replace(old, new))
        self.notify(message, title="IAM enforcement")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Palette: the system commands, every area and console, the current screen's actions."""
        yield from super().get_system_commands(screen)
        for a in AREAS:
            yield SystemCommand(
                f"Go to {a.title}", a.tooltip, lambda a=a: self.call_later(self.action_go, a.id)
            )
        yield SystemCommand("Services", "Pick an AWS console", self.action_services)
        yield SystemCommand(
            "IAM enforcement: switch on/off",
            "Whether handlers' AWS calls are checked against their execution role",
            self.action_toggle_iam,
        )
        for c in CONSOLES:
            yield SystemCommand(
                f"Open {c.title} console",
                c.tooltip,
                lambda c=c: self.call_later(self.action_go, c.id),
            )
        palette_commands = getattr(screen, "palette_commands", None)
        for title, help_text, callback in palette_commands() if palette_commands else ():
            yield SystemCommand(title, help_text, callback)
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                help_text = binding.tooltip or binding.description
                yield SystemCommand(
                    f"{screen.__class__.__name__.removesuffix('Screen')}: {binding.description}",
                    help_text,
                    # run_action is a coroutine: schedule it, so it really runs
                    lambda action=binding.action: self.call_later(screen.run_action, action),
                )


def run(port: int | None = None, start_screen: str | None = None, fast_exit: bool = True) -> int:
    """Run the app until the learner quits (optionally opening ``start_screen``, e.g. ``"quiz"``).

    With ``fast_exit`` the process ends as soon as the app has (the cloud stopped and its state
    saved in ``on_unmount``): the interpreter's own teardown of the cloud's many modules took
    seconds while the learner waited for the prompt (``bench/switch.py`` measures quit).
    """
    app = CoursewareApp(port=port, start_screen=start_screen)
    app.run()
    code = app.return_code or 0
    if fast_exit:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
