"""Pure helpers for the lab runner: status icons, labels, and which step comes next."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

ICONS = {"passed": "✔", "failed": "✘", "pending": "○", "checking": "…"}


def icon(status: str) -> str:
    """The icon for a step status (pending ○, passed ✔, failed ✘)."""
    return ICONS.get(status, ICONS["pending"])


def help_note(help_used: str) -> str:
    """`` (hint)`` or `` (solution)`` for how much help a step needed, else empty."""
    return f" ({help_used})" if help_used else ""


def step_label(number: int, title: str, status: str, help_used: str = "") -> str:
    """One line of the step list, e.g. ``✔ 2. (hint) Create the function``."""
    return f"{icon(status)} {number}.{help_note(help_used)} {title}"


def status_word(status: str, help_used: str = "") -> str:
    """The status in words, e.g. ``passed with the solution``."""
    if status == "passed" and help_used:
        return f"passed with {'a hint' if help_used == 'hint' else 'the solution'}"
    return {"passed": "passed", "failed": "not yet passed", "pending": "waiting for you"}.get(
        status, status
    )


def newly_passed(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """Step ids that were known and not passed in ``before`` and are passed in ``after``."""
    return [
        step_id
        for step_id, status in after.items()
        if status == "passed" and step_id in before and before[step_id] != "passed"
    ]


def next_pending(statuses: Sequence[str], after: int = -1) -> int | None:
    """Index of the first step not passed after ``after`` (wrapping round), or ``None``."""
    count = len(statuses)
    for offset in range(1, count + 1):
        index = (after + offset) % count
        if statuses[index] != "passed":
            return index
    return None
