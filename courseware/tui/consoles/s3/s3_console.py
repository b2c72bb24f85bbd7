"""S3 console: the bucket list (name, created); create, delete and open buckets."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.s3.s3_model import bucket_name_problem
from courseware.tui.shell.area_screen import AreaScreen
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header


class S3Screen(AreaScreen):
    """Every bucket; Enter opens one, c focuses the new bucket's name."""

    BINDINGS = [
        Binding("escape", "app.back", "Back", id="s3.back", tooltip="Leave the S3 console"),
        Binding("c", "create", "Create bucket", id="s3.create", tooltip="Type a new bucket's name"),
        Binding("r", "refresh", "Refresh", id="s3.refresh", tooltip="Reload the bucket list"),
        Binding("enter", "open", "Open", id="s3.open", tooltip="Objects and event notifications"),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="s3.delete",
            tooltip="Delete an empty bucket (asks first)",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="New bucket name, then Enter ( c )", id="s3-new-bucket")
        yield Static("Loading buckets…", id="s3-status", markup=False)
        yield DataTable(id="s3-buckets", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = "S3"
        table = self.query_one("#s3-buckets", DataTable)
        table.add_column("Name", key="name")
        table.add_column("Created", key="created")
        table.focus()
        self.cw.cloud_changed.subscribe(self, self._cloud_changed)

    def cloud_ready(self) -> None:
        """Load the buckets."""
        self.load_buckets()

    def _cloud_changed(self, what: str) -> None:
        if what.startswith("s3.") and self.app.screen is self:
            self.load_buckets()

    def on_screen_resume(self) -> None:
        """Buckets may have come or gone while the learner was elsewhere."""
        if self.cw.clients is not None:
            self.load_buckets()

    @work(exclusive=True, group="s3-buckets")
    async def load_buckets(self) -> None:
        """List the buckets."""
        status = self.query_one("#s3-status", Static)
        try:
            found = await self.try_call("s3", "list_buckets")
        except CloudCallError as exc:
            status.update(f"Cannot list buckets: {exc}")
            return
        table = self.query_one("#s3-buckets", DataTable)
        selected = self.selected_name()
        table.clear()
        names = []
        for bucket in sorted(found.get("Buckets", []), key=lambda b: str(b["Name"])):
            created = bucket.get("CreationDate")
            shown = created.strftime("%Y-%m-%d %H:%M:%S") if hasattr(created, "strftime") else ""
            table.add_row(bucket["Name"], shown, key=bucket["Name"])
            names.append(bucket["Name"])
        if selected in names:
            table.move_cursor(row=names.index(selected))
        status.update(
            f"{len(names)} bucket(s) · Enter opens · c creates"
            if names
            else "No buckets yet. Press c and type a name."
        )

    def selected_name(self) -> str | None:
        """The bucket under the cursor."""
        return key_under_cursor(self.query_one("#s3-buckets", DataTable))

    def action_create(self) -> None:
        """Focus the new bucket's name field."""
        self.query_one("#s3-new-bucket", Input).focus()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the name field creates the bucket."""
        event.stop()
        name = event.value.strip()
        problem = bucket_name_problem(name)
        status = self.query_one("#s3-status", Static)
        if problem is not None:
            status.update(problem)
            return
        try:
            await self.try_call("s3", "create_bucket", Bucket=name)
        except CloudCallError as exc:
            status.update(f"Cannot create {name}: {exc}")
            return
        event.input.value = ""
        self.notify(f"Bucket {name} created.", title="S3")
        self.query_one("#s3-buckets", DataTable).focus()
        self.load_buckets()

    def action_delete(self) -> None:
        """Delete the bucket under the cursor (S3 refuses a bucket that holds objects)."""
        name = self.selected_name()
        if name is not None:
            self.confirm_then(
                f"Delete bucket {name}? S3 deletes only empty buckets.",
                lambda: self.delete(f"Bucket {name}", "s3", "delete_bucket", Bucket=name),
            )

    def action_refresh(self) -> None:
        """Reload the list."""
        self.load_buckets()

    def action_open(self) -> None:
        """Open the bucket under the cursor."""
        name = self.selected_name()
        if name is not None:
            self.open_bucket(name)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a bucket opens it."""
        event.stop()
        if event.row_key.value is not None:
            self.open_bucket(str(event.row_key.value))

    def open_bucket(self, name: str) -> None:
        """Open the bucket ``name``."""
        from courseware.tui.consoles.s3.s3_bucket import S3BucketScreen

        self.app.push_screen(S3BucketScreen(name))
