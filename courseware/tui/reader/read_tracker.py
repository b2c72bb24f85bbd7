"""When a section counts as read: it stayed in view for a while (pure, clock passed in)."""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_DWELL = 2.0


class ReadTracker:
    """Count how long each section has been in view; report those that became read.

    Args:
        dwell: Seconds a section must stay in view (continuously) to count as read.
    """

    def __init__(self, dwell: float = DEFAULT_DWELL) -> None:
        self.dwell = dwell
        self._since: dict[str, float] = {}
        self.read: set[str] = set()

    def reset(self, already_read: Iterable[str] = ()) -> None:
        """Start over (a new chapter), knowing which sections were read before."""
        self._since.clear()
        self.read = set(already_read)

    def update(self, visible: Iterable[str], now: float) -> list[str]:
        """Note the sections in view at ``now``; return the ones that just became read."""
        shown = [s for s in visible if s not in self.read]
        self._since = {s: self._since.get(s, now) for s in shown}
        done = [s for s in shown if now - self._since[s] >= self.dwell]
        for section_id in done:
            self.read.add(section_id)
            del self._since[section_id]
        return done
