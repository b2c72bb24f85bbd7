"""What the home screen shows: chapters read, lab steps passed, quiz reviews due (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from courseware.course.model import Course
from courseware.tui.shell.last_place import Place, load_place
from courseware.tui.shell.progress_access import open_store


@dataclass(frozen=True)
class Progress:
    """One chapter or lab on the course map: ``done`` of ``total`` sections or steps."""

    id: str
    title: str
    done: int
    total: int
    minutes: int = 0


@dataclass(frozen=True)
class HomeData:
    """The course map with the learner's progress and where they left off."""

    chapters: tuple[Progress, ...]
    labs: tuple[Progress, ...]
    due: int
    place: Place | None


def load_home_data(course: Course, store_path: Path | None = None) -> HomeData:
    """Read the progress store (slow-ish: call it off the UI thread)."""
    with open_store(store_path) as store:
        read = store.sections_read()
        chapters = tuple(
            Progress(
                c.id,
                c.title,
                len({s.id for s in c.sections} & {sid for cid, sid in read if cid == c.id}),
                len(c.sections),
            )
            for c in course.chapters
        )
        labs = []
        for lab in course.labs:
            steps = store.lab_steps(lab.id)
            ids = {s.id for s in lab.steps}
            passed = sum(1 for k, p in steps.items() if k in ids and p.status == "passed")
            labs.append(Progress(lab.id, lab.title, passed, len(ids), lab.minutes))
        due = len(store.due_items("quiz:"))
    return HomeData(chapters, tuple(labs), due, load_place())


def describe_place(course: Course, place: Place | None) -> str | None:
    """``"Chapter title › Section title"`` or ``"Lab: title"`` (None when it no longer exists)."""
    if place is None:
        return None
    if place.kind == "lab":
        lab = course.lab(place.id)
        return f"Lab: {lab.title}" if lab else None
    chapter = course.chapter(place.id)
    if chapter is None:
        return None
    section = chapter.section(place.section) if place.section else None
    return f"{chapter.title} › {section.title}" if section else chapter.title
