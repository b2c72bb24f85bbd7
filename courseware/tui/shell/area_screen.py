"""What every area screen shares: typed access to the app and error-reporting cloud calls."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.screen import Screen

from courseware.tui.shell.cloud_access import CloudAccess
from courseware.tui.shell.confirm_dialog import ConfirmDialog
from courseware.tui.shell.screen_speed import KeepStyles


class AreaScreen(KeepStyles, CloudAccess, Screen[None]):
    """A screen of the app with cloud access.

    Subclasses override :meth:`cloud_ready` to load their data: it runs once the
    embedded cloud is up (at once if it already is).
    """

    def on_mount(self) -> None:
        if self.cw.clients is not None:
            self.call_after_refresh(self.cloud_ready)
        else:
            self.cw.cloud_status_changed.subscribe(self, self._status_changed)

    def _status_changed(self, _status: str) -> None:
        if self.cw.clients is not None:
            self.cw.cloud_status_changed.unsubscribe(self)
            self.cloud_ready()

    def cloud_ready(self) -> None:
        """Called once the cloud can be used; load data here."""

    def action_refresh(self) -> None:
        """Reload what the screen shows."""
        self.cloud_ready()

    def confirm_then(self, question: str, go: Callable[[], Awaitable[object]]) -> None:
        """Ask ``question`` (for something that cannot be undone); run ``go`` if the learner agrees."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(go(), group="confirmed", exit_on_error=False)

        self.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)

    async def delete(self, what: str, service: str, operation: str, **params: Any) -> bool:
        """Make one delete call; on success say so and reload the screen.

        Args:
            what: What goes, for the notification ("Queue orders").
            service: The AWS service.
            operation: The boto3 operation, e.g. ``delete_queue``.
            **params: The operation's parameters.
        """
        if await self.call(service, operation, **params) is None:
            return False
        self.notify(f"{what} deleted.", title=self.title or service)
        self.action_refresh()
        return True
