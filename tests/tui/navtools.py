"""Helpers for the nav tests: screen text and polling."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.tui.pilot_helpers import until  # noqa: F401 - re-exported


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal shows now, as plain text lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
