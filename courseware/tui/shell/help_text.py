"""The help screen's content: areas and keys, a screen's bindings, the palette, the AWS CLI."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding

from courseware.tui.shell.navigation import AREAS

EVERYWHERE = (
    ("F1", "Help", "This help"),
    ("Ctrl+P", "Palette", "Every area and every action of the current screen"),
    ("Esc", "Back", "Close a screen, or go home"),
    ("Ctrl+Q", "Quit", "Stop the cloud and quit"),
)


def bindings_of(*classes: type) -> list[Binding]:
    """The described bindings the app's own classes declare (inherited ones included)."""
    found: list[Binding] = []
    seen: set[str] = set()
    for cls in classes:
        for base in cls.__mro__:
            if not base.__module__.startswith("courseware") or "BINDINGS" not in vars(base):
                continue
            for binding in vars(base)["BINDINGS"]:
                if isinstance(binding, Binding) and binding.description:
                    key = binding.id or f"{binding.key}:{binding.action}"
                    if key not in seen:
                        seen.add(key)
                        found.append(binding)
    return found


def _table(rows: Iterable[tuple[str, str, str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(style="dim", ratio=1)
    for row in rows:
        grid.add_row(*row)
    return grid


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def help_renderable(
    screen_name: str,
    bindings: Iterable[tuple[str, Binding]],
    endpoint_url: str | None,
) -> RenderableType:
    """The help page; ``bindings`` pairs each of the screen's bindings with its key display."""
    areas = _table((a.key.upper(), a.title, a.tooltip) for a in AREAS)
    screen_rows = [(keys, b.description, b.tooltip or "") for keys, b in bindings]
    own: RenderableType = _table(screen_rows) if screen_rows else Text("No keys of its own.")
    where = endpoint_url or "(the embedded cloud is still starting)"
    cli = Text.assemble(
        "The cloud runs at ",
        (where, "bold"),
        ". Press ",
        ("F11", "bold"),
        " for the AWS CLI pane and type e.g. ",
        ("sqs list-queues", "bold"),
        " (the leading aws is optional). From a shell, while the app runs:\n",
        ("  courseware aws sqs list-queues", "bold"),
        "   the aws CLI, pointed at the cloud\n",
        ('  eval "$(courseware env)"', "bold"),
        "         export the endpoint for boto3 and aws v2\n",
        "Fake credentials are set for you; nothing reaches a real AWS account.",
    )
    palette = Text.assemble(
        "Press ",
        ("Ctrl+P", "bold"),
        " and type a few letters of what you want (Go to Lambda, Search, Next…): "
        "every area and every key of the current screen is there.",
    )
    return Group(
        _heading("Areas (a key opens one from anywhere)"),
        areas,
        _heading("Everywhere"),
        _table(EVERYWHERE),
        _heading(f"On this screen: {screen_name}"),
        own,
        _heading("The command palette"),
        palette,
        _heading("The AWS CLI against the embedded cloud"),
        cli,
    )
