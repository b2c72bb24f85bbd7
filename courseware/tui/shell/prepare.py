"""Prepare the areas in the background, so even a first visit switches within a frame.

A moment after the first screen has painted, the app builds the screen of every learning area,
then of the consoles (the ones the learner used last first), one per timer tick, so keys typed
meanwhile are handled between them; then it arranges each of them at the app's size, unseen. Each becomes its Textual mode's screen stack, exactly as
a first visit would make it (Textual's ``_init_mode``), but stays in the background: the
learner's screen and focus do not change. Their cloud calls run in workers as on any visit.
``bench/switch.py`` waits for :attr:`Preparer.done` and measures first visits after it.

When every screen is built, the objects alive then (the course, the prepared screens, the SDK's
service models) live as long as the app: they are moved out of the garbage collector's reach
(``gc.freeze``). Left in, each full collection walked them all, a 150–220 ms pause that landed on
a switch now and then (the bench's p95); frozen, no collection has them to walk.
"""

from __future__ import annotations

import gc
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
        self.built: list[str] = []  # to lay out, once their content has come
        self.done = False

    def start(self) -> None:
        """Begin a moment after the next paint."""
        self.app.call_after_refresh(self.app.set_timer, DELAY_SECONDS, self._next)

    async def _next(self) -> None:
        app = self.app
        while self.todo and (self.todo[0] in app._screen_stacks or self.todo[0] not in app._modes):
            self.todo.pop(0)
        if not app.is_running:
            self.done = True
        elif self.todo:
            mode = self.todo.pop(0)
            await app._init_mode(mode)
            self.built.append(mode)
            app.set_timer(TICK_SECONDS, self._next)
        elif self.built:
            self._lay_out(self.built.pop(0))
            app.set_timer(TICK_SECONDS, self._next)
        else:
            gc.collect()  # the start's garbage goes first (once, while the learner reads)
            gc.freeze()  # what is alive now lives as long as the app (see the module's docstring)
            self.done = True

    def _lay_out(self, mode: str) -> None:
        """Arrange a prepared screen at the app's size, unseen, so its first visit only paints.

        A long chapter's first arrangement (every block's wrapped height) is half its first
        visit. A screen that is not the current one is arranged but not painted.
        """
        stack = self.app._screen_stacks.get(mode)
        if stack and stack[-1] is not self.app.screen:
            stack[-1]._refresh_layout(self.app.size)
