"""A plain widget with the app's cloud calls (screens use AreaScreen, panes CloudPane)."""

from __future__ import annotations

from textual.widget import Widget

from courseware.tui.shell.cloud_access import CloudAccess


class CloudWidget(CloudAccess, Widget):
    """A widget that calls the embedded cloud through the app (threaded)."""
