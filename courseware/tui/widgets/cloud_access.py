"""Typed access to the app's cloud calls from a widget (screens use AreaScreen instead)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget

if TYPE_CHECKING:
    from courseware.tui.app import CoursewareApp


class CloudWidget(Widget):
    """A widget that calls the embedded cloud through the app (threaded; raises CloudCallError)."""

    @property
    def cw(self) -> CoursewareApp:
        """The app, typed."""
        from courseware.tui.app import CoursewareApp

        assert isinstance(self.app, CoursewareApp)
        return self.app

    async def try_call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """Call the cloud; failures raise CloudCallError for the caller to show inline."""
        return await self.cw.call(service, operation, **params)
