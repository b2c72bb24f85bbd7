"""S3 console: one bucket — its objects and its event notifications, in two tabs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import TabbedContent, TabPane

from courseware.tui.consoles.s3.s3_events import NotificationsPanel
from courseware.tui.consoles.s3.s3_objects import ObjectsPanel
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header

OBJECT_ACTIONS = frozenset({"upload", "download", "view", "up", "delete_object"})
NOTIFY_ACTIONS = frozenset({"add", "allow", "remove"})


class S3BucketScreen(AreaScreen):
    """A bucket's page, like the AWS console's Objects and Properties → Event notifications."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="s3.bucket.back", tooltip="Back to the buckets"),
        Binding("r", "refresh", "Refresh", id="s3.bucket.refresh", tooltip="Reload this tab"),
        Binding("u", "upload", "Upload", id="s3.bucket.upload", tooltip="Upload a local file"),
        Binding(
            "d", "download", "Download", id="s3.bucket.download", tooltip="Save the object locally"
        ),
        Binding("v", "view", "View", id="s3.bucket.view", tooltip="Show a small text object"),
        Binding(
            "backspace", "up", "Up a folder", id="s3.bucket.up", tooltip="Show the folder above"
        ),
        Binding(
            "delete", "delete_object", "Delete", id="s3.bucket.delete", tooltip="Delete the object"
        ),
        Binding("a", "add", "Add", id="s3.bucket.add", tooltip="Add an event notification"),
        Binding(
            "p",
            "allow",
            "Allow S3 to invoke",
            id="s3.bucket.allow",
            tooltip="Let S3 invoke the chosen function for this bucket (its resource policy)",
        ),
        Binding("x", "remove", "Remove", id="s3.bucket.remove", tooltip="Remove the notification"),
    ]

    def __init__(self, bucket: str) -> None:
        super().__init__()
        self.bucket = bucket

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="s3-bucket-tabs"):
            with TabPane("Objects", id="s3-tab-objects"):
                yield ObjectsPanel(self.bucket, id="s3-objects-panel")
            with TabPane("Event notifications", id="s3-tab-events"):
                yield NotificationsPanel(self.bucket, id="s3-events-panel")
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = f"S3 · {self.bucket}"
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    @property
    def objects(self) -> ObjectsPanel:
        """The Objects tab."""
        return self.query_one("#s3-objects-panel", ObjectsPanel)

    @property
    def events(self) -> NotificationsPanel:
        """The Event notifications tab."""
        return self.query_one("#s3-events-panel", NotificationsPanel)

    def _tab(self) -> str:
        return str(self.query_one("#s3-bucket-tabs", TabbedContent).active)

    def cloud_ready(self) -> None:
        """Load the open tab."""
        self.action_refresh()

    def action_refresh(self) -> None:
        """Reload the open tab."""
        if self._tab() == "s3-tab-events":
            self.events.reload()
        else:
            self.objects.reload()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith(("s3.", "lambda.")) and self.app.screen is self:
            self.action_refresh()

    def on_screen_resume(self) -> None:
        """Objects may have arrived while the learner was elsewhere."""
        if self.cw.clients is not None:
            self.action_refresh()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Fresh data when a tab opens; the footer shows that tab's keys."""
        self.refresh_bindings()
        self.action_refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Object keys on the Objects tab, notification keys on the other; letters type in inputs."""
        if not self.is_mounted or not self.query("#s3-bucket-tabs"):
            return True
        from textual.widgets import Input

        if action in OBJECT_ACTIONS | NOTIFY_ACTIONS and isinstance(self.focused, Input):
            return False
        if action in OBJECT_ACTIONS:
            return self._tab() == "s3-tab-objects"
        if action in NOTIFY_ACTIONS:
            return self._tab() == "s3-tab-events"
        return True

    def action_upload(self) -> None:
        """Focus the upload path."""
        self.query_one("#s3-upload-path").focus()

    def action_download(self) -> None:
        """Focus the download path (the highlighted object is saved)."""
        self.query_one("#s3-download-path").focus()

    def action_view(self) -> None:
        """Show the highlighted object (or open the folder)."""
        self.objects.open_selected()

    def action_up(self) -> None:
        """Show the folder above."""
        self.objects.up()

    def action_delete_object(self) -> None:
        """Delete the highlighted object (asks first)."""
        self.objects.delete_selected()

    def action_add(self) -> None:
        """Focus the notification form."""
        self.query_one("#s3-notify-kind").focus()

    def action_allow(self) -> None:
        """Let S3 invoke the chosen function."""
        self.events.allow()

    def action_remove(self) -> None:
        """Remove the highlighted notification (asks first)."""
        self.events.remove_selected()
