"""A progress summary (data only; ``courseware progress`` and the app render it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from courseware.course.errors import ContentError
from courseware.course.progress.models import ExamResult
from courseware.course.progress.store import ProgressStore
from courseware.paths import project_root


@dataclass(frozen=True)
class Row:
    """One line of a summary table: a name and counts."""

    id: str
    title: str
    done: int
    total: int
    helped: int = 0


@dataclass(frozen=True)
class Summary:
    """Chapters read, lab steps passed, quiz accuracy per domain, last exam, reviews due."""

    chapters: list[Row]
    labs: list[Row]
    domains: list[Row]  # done = correct answers, total = answered
    profile: str
    last_exam: ExamResult | None
    exams_taken: int
    due_now: int
    next_due: datetime | None


def summarize(store: ProgressStore, root: Path | None = None, profile_id: str = "") -> Summary:
    """Gather the summary from the store and the course content under ``root``."""
    from courseware.course.labs import load_lab
    from courseware.course.quiz.catalog import load_chapter_info
    from courseware.course.quiz.profiles import default_profile, load_profiles

    root = root or project_root()
    read = store.sections_read()
    chapters = [
        Row(
            c.id,
            c.title,
            len({s for ch, s in read if ch == c.id} & set(c.sections)),
            len(c.sections),
        )
        for c in sorted(load_chapter_info(root).values(), key=lambda c: (c.order, c.id))
    ]
    labs = []
    for path in sorted((root / "labs").glob("*/lab.yaml")):
        try:
            lab = load_lab(path)
        except ContentError:
            continue
        steps = store.lab_steps(lab.id)
        ids = {s.id for s in lab.steps}
        passed = [p for k, p in steps.items() if k in ids and p.status == "passed"]
        helped = sum(p.used_hint or p.used_solution for p in passed)
        labs.append(Row(lab.id, lab.title, len(passed), len(ids), helped))
    profiles = load_profiles(root)
    profile = profiles.get(profile_id) or default_profile(profiles)
    accuracy = store.domain_accuracy(profile.id)
    domains = [Row(d.id, d.name, *accuracy.get(d.id, (0, 0))) for d in profile.domains]
    exams = [e for e in store.exam_results() if e.profile == profile.id]
    return Summary(
        chapters,
        labs,
        domains,
        profile.code,
        exams[-1] if exams else None,
        len(exams),
        len(store.due_items()),
        store.next_due(),
    )
