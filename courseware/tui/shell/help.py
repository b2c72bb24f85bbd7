"""Help: the areas and their keys, the keys of the screen below, the palette, the AWS CLI."""

from __future__ import annotations

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header
from courseware.tui.shell.help_text import bindings_of, help_renderable


class HelpScreen(Screen[None]):
    """What every key does; opened with F1 over any screen, closed with Esc."""

    BINDINGS = [
        Binding("escape", "app.back", "Close", id="help.close", tooltip="Close the help"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-scroll"):
            yield Static(id="help-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = "Help"
        self.query_one("#help-text", Static).update(self.content())
        self.query_one("#help-scroll").focus()

    def below(self) -> Screen[object] | None:
        """The screen the help was opened over."""
        stack = list(self.app.screen_stack)
        index = stack.index(self) if self in stack else len(stack)
        return stack[index - 1] if index > 0 else None

    def screen_name(self) -> str:
        """What the screen below is called."""
        below = self.below()
        if below is None:
            return "none"
        return below.title or type(below).__name__.removesuffix("Screen")

    def content(self) -> RenderableType:
        """The help page for the screen below."""
        below = self.below()
        classes: list[type] = []
        if below is not None:
            classes.append(type(below))
            if below.focused is not None:
                classes.append(type(below.focused))
        pairs = []
        for binding in bindings_of(*classes):
            keys = " ".join(self.app.get_key_display(b) for b in Binding.make_bindings([binding]))
            pairs.append((keys, binding))
        endpoint = getattr(self.app, "endpoint", None)
        return help_renderable(self.screen_name(), pairs, endpoint.url if endpoint else None)
