"""The help screen's content: areas, Services and keys, a screen's bindings, the palette, the CLI."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding

from courseware.tui.consoles import CONSOLES
from courseware.tui.shell.navigation import AREAS

EVERYWHERE = (
    ("F1 or ?", "Help", "This help"),
    ("F5, Ctrl+O or 5", "Services", "Open an AWS console: type a few letters, enter"),
    ("Ctrl+P", "Palette", "Every area, every console and every action of the current screen"),
    ("Esc", "Back", "Close a screen, or go back (home, or the quiz question you came from)"),
    ("Tab / Shift+Tab", "Focus", "Next / previous part, out of code editors too"),
    ("Ctrl+] / Ctrl+\\", "Indent", "Indent / dedent the line or selection in a code editor"),
    ("Ctrl+Q", "Quit", "Stop the cloud and quit"),
)


TERMINALS = Text(
    "Terminal took the F-key (GNOME Terminal: F1, F10, F11; macOS: fn)? Press the digit instead "
    "(outside a text field), ? for help, Ctrl+O for Services; Ctrl+P works everywhere.",
    style="dim",
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
    areas = _table((f"{a.key.upper()} or {a.alt}", a.title, a.tooltip) for a in AREAS)
    consoles = _table((c.title, c.tooltip, "") for c in CONSOLES)
    screen_rows = [(keys, b.description, b.tooltip or "") for keys, b in bindings]
    own: RenderableType = _table(screen_rows) if screen_rows else Text("No keys of its own.")
    where = endpoint_url or "(the embedded cloud is still starting)"
    cli = Text.assemble(
        "The cloud runs at ",
        (where, "bold"),
        ". Press ",
        ("F6", "bold"),
        " for the AWS CLI pane and type e.g. ",
        ("sqs list-queues", "bold"),
        " (the leading aws is optional). The labs' commands work as printed: ",
        ("courseware aws …", "bold"),
        ", $( … ), \\ continuations, a pasted block, $LABS (the labs folder). "
        "From a shell, while the app runs:\n",
        ("  courseware aws sqs list-queues", "bold"),
        "   the aws CLI, pointed at the cloud\n",
        ('  eval "$(courseware env)"', "bold"),
        "         export the endpoint for boto3 and aws v2\n",
        "Fake credentials are set for you; nothing reaches a real AWS account.",
    )
    palette = Text.assemble(
        "Press ",
        ("Ctrl+P", "bold"),
        " and type a few letters of what you want (Open SQS console, Search, Next…): "
        "every area, every console and every key of the current screen is there.",
    )
    return Group(
        _heading("Areas (a key opens one from anywhere)"),
        areas,
        TERMINALS,
        _heading("Everywhere"),
        _table(EVERYWHERE),
        _heading("Services: the AWS consoles (F5 or Ctrl+O, then type)"),
        consoles,
        _heading(f"On this screen: {screen_name}"),
        own,
        _heading("The command palette"),
        palette,
        _heading("The AWS CLI against the embedded cloud"),
        cli,
    )
