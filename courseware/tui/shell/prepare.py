"""Prepare the areas in the background, so even a first visit switches within a frame.

A moment after the first screen has painted, the app builds the screen of every learning area,
then of the consoles (the ones the learner used last first), one per timer tick, so keys typed
meanwhile are handled between them. Each becomes its Textual mode's screen stack, exactly as
a first visit would make it (Textual's ``_init_mode``), but stays in the background: the
learner's screen and focus do not change. Their cloud calls run in workers as on any visit.
``bench/switch.py`` waits for :attr:`Preparer.done` and measures first visits after it.
"""

from __future__ import annotations

from typing import Any

from courseware.tui.consoles import CONSOLES
from courseware.tui.shell.navigation import AREAS

DELAY_SECONDS = 1.0  # after the first paint: a quick look or test is not slowed
TICK_SECONDS = 0.02  # between two screens: input is handled in between


class Preparer:
    """Builds the screens of the areas and consoles an app has not opened yet."""

    def __init__(self, app: Any, recent: list[str]) -> None:
        self.app = app
        # not the lab runner: it is built by opening a lab (show_lab), as the learner chooses
        ids = [a.id for a in AREAS if a.id != "lab"] + recent + [c.id for c in CONSOLES]
        self.todo = list(dict.fromkeys(ids))
        self.done = False

    def start(self) -> None:
        """Begin a moment after the next paint."""
        self.app.call_after_refresh(self.app.set_timer, DELAY_SECONDS, self._next)

    async def _next(self) -> None:
        app = self.app
        while self.todo and (self.todo[0] in app._screen_stacks or self.todo[0] not in app._modes):
            self.todo.pop(0)
        if not self.todo or not app.is_running:
            self.done = True
            return
        await app._init_mode(self.todo.pop(0))
        app.set_timer(TICK_SECONDS, self._next)
