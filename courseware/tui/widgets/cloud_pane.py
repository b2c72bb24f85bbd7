"""A container widget with typed access to the app and its cloud calls (for console tabs)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll
from textual.dom import DOMNode

from courseware.tui.cloudcall import CloudCallError

if TYPE_CHECKING:
    from courseware.tui.app import CoursewareApp


class CloudPane(VerticalScroll):
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

    @property
    def cw(self) -> CoursewareApp:
        """The app, typed."""
        from courseware.tui.app import CoursewareApp

        assert isinstance(self.app, CoursewareApp)
        return self.app

    async def call(self, service: str, operation: str, **params: Any) -> dict[str, Any] | None:
        """Call the cloud; on failure notify the learner and return ``None``."""
        try:
            return await self.cw.call(service, operation, **params)
        except CloudCallError as exc:
            self.cw.report(exc, title=f"{service} {operation}")
            return None

    async def try_call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """Call the cloud; failures raise :class:`CloudCallError` for inline display."""
        return await self.cw.call(service, operation, **params)


def start(
    node: DOMNode, work: Callable[[], Awaitable[None]], group: str, exclusive: bool = True
) -> None:
    """Run an async method as a worker of ``node``.

    The coroutine is made only when the worker starts, so one replaced by a newer
    exclusive worker before it ran leaves no stray coroutine behind.
    """
    runner: Any = work
    node.run_worker(runner, exclusive=exclusive, group=group)
