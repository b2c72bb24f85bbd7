"""Helpers for the nav tests: screen text and polling."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.pilot import Pilot


def screen_text(pilot: Pilot[None]) -> str:
    """What the terminal shows now, as plain text lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def wait_for(
    pilot: Pilot[None], condition: Callable[[], object], timeout: float = 15
) -> None:
    """Pause until ``condition()`` is true (fail after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause()
        await asyncio.sleep(0.05)
