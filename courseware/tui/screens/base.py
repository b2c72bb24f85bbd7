"""What every area screen shares: typed access to the app and error-reporting cloud calls."""

from __future__ import annotations

from textual.screen import Screen

from courseware.tui.cloud_access import CloudAccess


class AreaScreen(CloudAccess, Screen[None]):
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
