"""Typed access to the app and its cloud calls, mixed into screens and widgets alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from courseware.tui.shell.cloudcall import CloudCallError

if TYPE_CHECKING:
    from courseware.tui.shell.app import CoursewareApp


class CloudAccess:
    """Mixin for a Textual node (screen or widget) that calls the embedded cloud through the app."""

    @property
    def cw(self) -> CoursewareApp:
        """The app, typed."""
        from courseware.tui.shell.app import CoursewareApp

        app = getattr(self, "app")  # noqa: B009 - the Textual node's app, seen from a mixin
        assert isinstance(app, CoursewareApp)
        return app

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
