"""A Footer that rebuilds only when the keys it shows change.

Textual's Footer recomposes (unmounts and mounts one widget per key) every time the
screen's bindings are refreshed: on every area switch, focus change and resume, even when
the same keys come back. That rebuild was most of an area switch's cost. This one
remembers what it showed and keeps its widgets when nothing it would show changed.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """The app's footer: the focused part's keys, rebuilt only when they change."""

    _shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Recompose only when the keys, labels or enabled states to show are new."""
        shown = tuple(
            (binding.key, binding.description, enabled, tooltip, binding.key_display)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown and self.children:
            self._bindings_ready = True
            return
        self._shown = shown
        super().bindings_changed(screen)
