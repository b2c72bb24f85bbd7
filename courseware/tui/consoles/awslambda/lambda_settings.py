"""Reading a numeric setting typed in a console form (Textual-free)."""

from __future__ import annotations


class SettingsError(Exception):
    """A general setting is out of range; the message says which."""


def read_int(text: str, label: str, low: int, high: int) -> int:
    """An integer setting within [low, high].

    Raises:
        SettingsError: not a whole number or out of range.
    """
    try:
        value = int(text.strip())
    except ValueError:
        raise SettingsError(f"{label}: a whole number from {low} to {high}.") from None
    if not low <= value <= high:
        raise SettingsError(f"{label}: from {low} to {high} (got {value}).")
    return value
