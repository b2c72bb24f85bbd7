"""What every area screen shares: typed access to the app and error-reporting cloud calls."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from courseware.tui.cloudcall import CloudCallError

if TYPE_CHECKING:
    from courseware.tui.app import CoursewareApp


class AreaScreen(Screen[None]):
    """A screen of the app with cloud access.

    Subclasses override :meth:`cloud_ready` to load their data: it runs once the
    embedded cloud is up (at once if it already is).
    """

    @property
    def cw(self) -> CoursewareApp:
        """The app, typed."""
        from courseware.tui.app import CoursewareApp

        assert isinstance(self.app, CoursewareApp)
        return self.app

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

    async def call(self, service: str, operation: str, **params: Any) -> dict[str, Any] | None:
        """Call the cloud; on failure notify the learner and return ``None``."""
        try:
            return await self.cw.call(service, operation, **params)
        except CloudCallError as exc:
            self.cw.report(exc, title=f"{service} {operation}")
            return None

    async def try_call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """Call the cloud; failures raise :class:`CloudCallError` for the caller to show inline."""
        return await self.cw.call(service, operation, **params)
