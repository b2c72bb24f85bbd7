"""Reading console form fields: whole numbers in a range, with errors fit for the learner (pure)."""

from __future__ import annotations


class FormError(ValueError):
    """A form value is wrong; the message says which and why."""


def parse_int(label: str, text: str, low: int, high: int, unit: str = "seconds") -> int:
    """An integer in ``[low, high]`` from a form field.

    Raises:
        FormError: not a whole number, or out of range.
    """
    suffix = f" {unit}" if unit else ""
    try:
        value = int(text.strip())
    except ValueError:
        raise FormError(f"{label} must be a whole number ({low}–{high}{suffix}).") from None
    if not low <= value <= high:
        raise FormError(f"{label} must be between {low} and {high}{suffix}.")
    return value
