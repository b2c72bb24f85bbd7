"""The courseware Textual app (shell: home screen and cloud lifecycle)."""

from __future__ import annotations

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from courseware.cloud.endpoint import DEFAULT_PORT


class CoursewareApp(App[None]):
    """Learn AWS serverless by doing."""

    TITLE = "courseware"
    CSS_PATH = "courseware.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", tooltip="Stop the cloud and quit"),
    ]

    def __init__(
        self, port: int | None = None, start_cloud: bool = True, start_screen: str | None = None
    ) -> None:
        super().__init__()
        self._start_screen = start_screen
        self._port = DEFAULT_PORT if port is None else port
        self._start_cloud = start_cloud
        self.cloud: object | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Welcome to courseware.", id="welcome")
        yield Static("cloud: starting…", id="cloud-status")
        yield Footer()

    def on_mount(self) -> None:
        if self._start_cloud:
            self.start_cloud()
        if self._start_screen == "quiz":
            from courseware.tui.screens.quiz_home import QuizHomeScreen

            self.push_screen(QuizHomeScreen())

    @work(thread=True, exclusive=True, group="cloud")
    def start_cloud(self) -> None:
        """Start the embedded cloud off the UI thread."""
        from courseware.cloud.endpoint import clear_address, write_address
        from courseware.cloud.server import CloudError, EmbeddedCloud, PortInUseError
        from courseware.cloud.state.store import default_state_dir

        state = default_state_dir()
        cloud = EmbeddedCloud(port=self._port, state_dir=state)
        try:
            try:
                endpoint = cloud.start()
            except PortInUseError:
                cloud = EmbeddedCloud(port=0, state_dir=state)
                endpoint = cloud.start()
        except CloudError as exc:
            self.call_from_thread(self._set_status, f"cloud: error — {exc}")
            return
        self.cloud = cloud
        write_address(endpoint)
        self._cleanup = lambda: (clear_address(endpoint), cloud.stop())
        self.call_from_thread(self._set_status, f"cloud: ready at {endpoint.host}:{endpoint.port}")

    def _set_status(self, text: str) -> None:
        self.query_one("#cloud-status", Static).update(text)

    def on_unmount(self) -> None:
        cleanup = getattr(self, "_cleanup", None)
        if cleanup is not None:
            cleanup()


def run(port: int | None = None, start_screen: str | None = None) -> int:
    """Run the app until the learner quits (optionally opening ``start_screen``, e.g. "quiz")."""
    CoursewareApp(port=port, start_screen=start_screen).run()
    return 0
