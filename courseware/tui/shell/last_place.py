"""Where the learner left off (a chapter section or a lab), kept in the app settings.

The format, shared with the lab runner, is ``settings["last"] = {"kind": "chapter" | "lab",
"id": ..., "section": ...}``; the short form ``{"lab": id}`` is read too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from courseware.tui.shell import settings


@dataclass(frozen=True)
class Place:
    """A place in the course: ``kind`` is ``"chapter"`` or ``"lab"``."""

    kind: str
    id: str
    section: str | None = None


def parse(value: Any) -> Place | None:
    """The place a settings value describes, or None when it describes none."""
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("lab"), str) and "kind" not in value:
        return Place("lab", value["lab"])
    kind, place_id, section = value.get("kind"), value.get("id"), value.get("section")
    if kind not in ("chapter", "lab") or not isinstance(place_id, str) or not place_id:
        return None
    return Place(kind, place_id, section if isinstance(section, str) and section else None)


def load_place() -> Place | None:
    """Where the learner left off, if anywhere."""
    return parse(settings.load().get("last"))


def save_place(place: Place) -> None:
    """Remember ``place`` as where the learner left off."""
    settings.save(last={"kind": place.kind, "id": place.id, "section": place.section})


def save_chapter(chapter_id: str, section_id: str | None) -> None:
    """Remember a chapter section as where the learner left off."""
    save_place(Place("chapter", chapter_id, section_id))


def save_lab(lab_id: str) -> None:
    """Remember a lab as where the learner left off."""
    save_place(Place("lab", lab_id))
