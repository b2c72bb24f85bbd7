"""The bucket's Objects tab: list by prefix (folders first), upload a file, download, view, delete."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Static

from courseware.cloud.file_roots import current as file_roots
from courseware.tui.consoles.common.cloud_widget import CloudWidget
from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.common.table_cursor import key_under_cursor
from courseware.tui.consoles.s3.s3_model import (
    MAX_VIEW_BYTES,
    local_path,
    object_rows,
    parent_prefix,
    text_preview,
    upload_key,
)
from courseware.tui.shell.cloudcall import CloudCallError
from courseware.tui.shell.confirm_dialog import ConfirmDialog


class ObjectsPanel(Vertical, CloudWidget):
    """The objects under one prefix of one bucket, and the forms to upload and download."""

    def __init__(self, bucket: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bucket = bucket
        self.keys: dict[str, str] = {}  # row key -> size ("folder" for prefixes)
        self.note = ""  # what the last upload or delete did

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Prefix (folder), e.g. incoming/", id="s3-prefix")
        yield DataTable(id="s3-objects", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="s3-row"):
            yield Input(placeholder="Local file to upload ($LABS/…)", id="s3-upload-path")
            yield Input(placeholder="Key (default: prefix + file name)", id="s3-upload-key")
            yield Button("Upload", id="s3-upload", variant="primary")
        with Horizontal(classes="s3-row"):
            yield Label("Download the highlighted object to")
            yield Input(placeholder="local path", id="s3-download-path")
            yield Button("Download", id="s3-download")
        yield Static("", id="s3-objects-status", markup=False)

    def on_mount(self) -> None:
        """The table's columns."""
        table = self.query_one("#s3-objects", DataTable)
        table.add_column("Name", key="name")
        table.add_column("Size", key="size")
        table.add_column("Last modified", key="modified")

    @property
    def prefix(self) -> str:
        """The folder shown."""
        return self.query_one("#s3-prefix", Input).value

    def status(self, text: str, error: bool = False) -> None:
        """Show an outcome line."""
        static = self.query_one("#s3-objects-status", Static)
        static.update(text)
        static.set_class(error, "-error")

    @work(exclusive=True, group="s3-objects")
    async def reload(self) -> None:
        """List the objects and folders under the prefix; the last change's note stays shown."""
        prefix = self.prefix
        try:
            found = await self.try_call(
                "s3", "list_objects_v2", Bucket=self.bucket, Prefix=prefix, Delimiter="/"
            )
        except CloudCallError as exc:
            self.status(f"Cannot list objects: {exc}", error=True)
            return
        table = self.query_one("#s3-objects", DataTable)
        selected = self.selected()
        table.clear()
        self.keys = {}
        rows = object_rows(found, prefix)
        for key, name, size, modified in rows:
            self.keys[key] = size
            table.add_row(name, size, modified, key=key)
        if selected in self.keys:
            table.move_cursor(row=list(self.keys).index(selected))
        where = prefix or "the bucket's top level"
        count = f"{len(rows)} item(s) in {where}" if rows else f"Nothing in {where} yet."
        self.status(f"{self.note} · {count}" if self.note else count)

    def selected(self) -> str | None:
        """The key (or folder prefix) under the cursor."""
        return key_under_cursor(self.query_one("#s3-objects", DataTable))

    def open_selected(self) -> None:
        """A folder opens; an object is shown."""
        key = self.selected()
        if key is None:
            return
        if self.keys.get(key) == "folder":
            self.query_one("#s3-prefix", Input).value = key
        else:
            self.view(key)

    def up(self) -> None:
        """Show the folder above."""
        self.query_one("#s3-prefix", Input).value = parent_prefix(self.prefix)

    def on_input_changed(self, event: Input.Changed) -> None:
        """The list follows the prefix."""
        if event.input.id == "s3-prefix":
            event.stop()
            self.note = ""
            self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a form field runs its form."""
        event.stop()
        if event.input.id in {"s3-upload-path", "s3-upload-key"}:
            self.upload()
        elif event.input.id == "s3-download-path":
            self.download()
        else:
            self.query_one("#s3-objects", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens the folder or shows the object."""
        event.stop()
        self.open_selected()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Upload and Download."""
        event.stop()
        if event.button.id == "s3-upload":
            self.upload()
        elif event.button.id == "s3-download":
            self.download()

    def _path(self, text: str, write: bool = False) -> Path:
        roots = file_roots()  # a classroom learner: their own folder (and the labs, to read)
        path = local_path(text, roots.own if roots else None)
        if roots is not None:
            roots.check(path, write=write)
        return path

    @work(exclusive=True, group="s3-object-change")
    async def upload(self) -> None:
        """Upload the local file to the key (the folder plus its name by default)."""
        text = self.query_one("#s3-upload-path", Input).value
        try:
            if not text.strip():
                raise FormError("Type the path of the file to upload.")
            path = self._path(text)
            data = await asyncio.to_thread(path.read_bytes)
            key = upload_key(self.prefix, self.query_one("#s3-upload-key", Input).value, path)
            await self.try_call("s3", "put_object", Bucket=self.bucket, Key=key, Body=data)
        except (FormError, OSError, ValueError, CloudCallError) as exc:  # OutsideRootsError too
            self.status(f"Upload failed: {exc}", error=True)
            return
        self.note = f"Uploaded {path.name} as {key} ({len(data)} bytes)."
        self.reload()

    async def _read(self, key: str) -> tuple[bytes, int]:
        found = await self.try_call("s3", "get_object", Bucket=self.bucket, Key=key)
        body = found["Body"]
        data = await asyncio.to_thread(body.read, MAX_VIEW_BYTES + 1)
        return data, int(found.get("ContentLength", len(data)))

    @work(exclusive=True, group="s3-object-read")
    async def view(self, key: str) -> None:
        """Show a small text object."""
        from courseware.tui.consoles.s3.s3_view import S3ViewScreen

        try:
            data, size = await self._read(key)
            text = text_preview(data, size)
        except (FormError, CloudCallError) as exc:
            self.status(str(exc), error=True)
            return
        self.app.push_screen(S3ViewScreen(self.bucket, key, text))

    @work(exclusive=True, group="s3-object-read")
    async def download(self) -> None:
        """Save the highlighted object to the local path."""
        key = self.selected()
        text = self.query_one("#s3-download-path", Input).value
        try:
            if key is None or self.keys.get(key) == "folder":
                raise FormError("Highlight an object (not a folder) to download.")
            if not text.strip():
                raise FormError("Type the local path to save the object to.")
            path = self._path(text, write=True)
            found = await self.try_call("s3", "get_object", Bucket=self.bucket, Key=key)
            data = await asyncio.to_thread(found["Body"].read)
            target = path / key.rsplit("/", 1)[-1] if path.is_dir() else path
            await asyncio.to_thread(target.write_bytes, data)
        except (FormError, OSError, ValueError, CloudCallError) as exc:  # OutsideRootsError too
            self.status(f"Download failed: {exc}", error=True)
            return
        self.status(f"Saved {key} to {target} ({len(data)} bytes).")

    def delete_selected(self) -> None:
        """Ask, then delete the highlighted object."""
        key = self.selected()
        if key is None or self.keys.get(key) == "folder":
            self.status("Highlight an object (not a folder) to delete.", error=True)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(key)

        self.app.push_screen(
            ConfirmDialog(f"Delete {key} from {self.bucket}?", yes="Delete"), answered
        )

    @work(exclusive=True, group="s3-object-change")
    async def _delete(self, key: str) -> None:
        try:
            await self.try_call("s3", "delete_object", Bucket=self.bucket, Key=key)
        except CloudCallError as exc:
            self.status(str(exc), error=True)
            return
        self.note = f"Deleted {key}."
        self.reload()
