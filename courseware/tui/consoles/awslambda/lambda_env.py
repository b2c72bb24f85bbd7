"""An editable list of environment variables (key/value rows)."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input

_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class EnvError(Exception):
    """A variable is invalid; the message names it."""


class EnvRow(Horizontal):
    """One KEY = value row with a Remove button."""

    DEFAULT_CSS = """
    EnvRow { height: auto; }
    EnvRow Input.env-key { width: 1fr; }
    EnvRow Input.env-value { width: 2fr; }
    """

    def __init__(self, key: str = "", value: str = "") -> None:
        super().__init__()
        self.key, self.value = key, value

    def compose(self) -> ComposeResult:
        yield Input(self.key, placeholder="Key", classes="env-key")
        yield Input(self.value, placeholder="Value", classes="env-value")
        yield Button("Remove", classes="env-remove")

    def pair(self) -> tuple[str, str]:
        """The row's (key, value)."""
        return (
            self.query_one(".env-key", Input).value.strip(),
            self.query_one(".env-value", Input).value,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("env-remove"):
            event.stop()
            self.remove()


class EnvEditor(Vertical):
    """Environment variables as rows; ``variables()`` validates and returns them."""

    DEFAULT_CSS = """
    EnvEditor { height: auto; }
    EnvEditor #env-rows { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Vertical(id="env-rows")
        yield Button("Add environment variable", id="env-add")

    def set_variables(self, variables: dict[str, str]) -> None:
        """Show these variables (replacing the rows)."""
        rows = self.query_one("#env-rows", Vertical)
        rows.remove_children()
        rows.mount_all([EnvRow(k, v) for k, v in sorted(variables.items())])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "env-add":
            event.stop()
            row = EnvRow()
            self.query_one("#env-rows", Vertical).mount(row)
            self.call_after_refresh(lambda: row.query_one(".env-key", Input).focus())

    def variables(self) -> dict[str, str]:
        """The variables typed (empty rows ignored).

        Raises:
            EnvError: a key is malformed or repeated.
        """
        found: dict[str, str] = {}
        for row in self.query(EnvRow):
            key, value = row.pair()
            if not key and not value:
                continue
            if not _KEY.match(key):
                raise EnvError(
                    f"Environment variable {key or '(no key)'!s}: keys start with a letter and "
                    "hold only letters, digits and underscores."
                )
            if key in found:
                raise EnvError(f"Environment variable {key} appears twice.")
            found[key] = value
        return found
