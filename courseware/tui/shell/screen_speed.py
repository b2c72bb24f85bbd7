"""Two costs Textual pays on every area switch that an app whose styles are current need not.

- **Restyling on resume.** ``App.switch_mode`` posts ``ScreenResume()``, whose default
  ``refresh_styles=True`` re-applies the whole stylesheet to every node of the screen (the
  reader, with its rendered chapter, took 100–300 ms). The styles of a screen in the
  background stay current by themselves: a class changed on one of its widgets is restyled
  at once, and a new theme bumps the app's CSS count, which ``switch_mode`` checks first
  (``refresh_css``). :class:`KeepStyles` therefore resumes without restyling when the
  screen's count is the app's.
- **Reparsing for a new screen.** A screen starts with count ``-1``, so its first switch ran
  ``refresh_css`` (a reparse of the whole stylesheet, ~100 ms) twice, though it was styled
  from the current stylesheet as it mounted. :class:`KeepStyles` gives it the app's count
  when it is made.

Both read ``_css_update_count`` (App and Screen): ``tests/tui/test_switch_speed.py`` fails
loudly if Textual renames it.
"""

from __future__ import annotations

from typing import Any

from textual import events


class KeepStyles:
    """Mixin for a mode's screen: resume without restyling when its styles are current."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        screen: Any = self
        try:
            app = screen.app
        except RuntimeError:  # made outside a running app: Textual's own check applies
            return
        screen._css_update_count = app._css_update_count  # it is styled as it mounts

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        screen: Any = self
        if screen._css_update_count == screen.app._css_update_count:
            event.refresh_styles = False
        # Screen._on_screen_resume runs next (Textual calls each class's handler in turn)
