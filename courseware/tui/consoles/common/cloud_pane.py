"""A container widget with typed access to the app and its cloud calls (for console tabs)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.containers import VerticalScroll
from textual.dom import DOMNode

from courseware.tui.shell.cloud_access import CloudAccess


class CloudPane(CloudAccess, VerticalScroll):
    """A scrolling pane (e.g. one tab of a console screen) that calls the cloud."""

    DEFAULT_CSS = """
    CloudPane {
        height: 1fr;
        padding: 0 1;
    }
    CloudPane .pane-error {
        color: $error;
        height: auto;
    }
    CloudPane .pane-ok {
        color: $success;
        height: auto;
    }
    CloudPane .pane-note {
        color: $text-muted;
        height: auto;
    }
    CloudPane .pane-heading {
        text-style: bold;
        height: auto;
        margin-top: 1;
    }
    CloudPane .pane-row {
        height: auto;
    }
    CloudPane .pane-row > Button {
        margin-right: 1;
    }
    """


def start(
    node: DOMNode, work: Callable[[], Awaitable[None]], group: str, exclusive: bool = True
) -> None:
    """Run an async method as a worker of ``node``.

    The coroutine is made only when the worker starts, so one replaced by a newer
    exclusive worker before it ran leaves no stray coroutine behind.
    """
    runner: Any = work
    node.run_worker(runner, exclusive=exclusive, group=group)
