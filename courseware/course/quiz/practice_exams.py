"""Practice exams 1…N: fixed, disjoint full-length exams drawn by domain weight.

The bank is split once, deterministically (a seed named after the profile), so "Practice exam 3"
is the same 65 questions every time and no question appears in two practice exams. Within a
domain the questions are spread proportionally by task statement before the exams take their
slices, so every exam gets each task's share rather than a run of one chapter.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from courseware.course.quiz.draw import Draw, allocate
from courseware.course.quiz.model import ExamProfile, Question

PRACTICE_EXAMS = 6


def _dealt(pool: list[Question], rng: random.Random) -> list[Question]:
    """The pool shuffled, then spread proportionally by first task statement.

    Each task's questions are placed at evenly spaced positions ((i + 0.5) / n), so any
    contiguous slice of the deal holds about every task's share of the domain.
    """
    by_task: dict[str, list[Question]] = defaultdict(list)
    for q in sorted(pool, key=lambda q: q.id):
        by_task[q.tasks[0] if q.tasks else ""].append(q)
    placed: list[tuple[float, str, Question]] = []
    for task, group in by_task.items():
        rng.shuffle(group)
        placed.extend(((i + 0.5) / len(group), task, q) for i, q in enumerate(group))
    return [q for _, _, q in sorted(placed, key=lambda item: (item[0], item[1]))]


def practice_exams(
    questions: Sequence[Question], profile: ExamProfile, count: int = PRACTICE_EXAMS
) -> list[Draw]:
    """``count`` disjoint exams; exam *k* takes the *k*-th slice of each domain's deal."""
    rng = random.Random(f"{profile.id}-practice-exams")
    wanted = allocate(profile)
    exams: list[list[Question]] = [[] for _ in range(count)]
    shortfalls: list[dict[str, tuple[int, int]]] = [{} for _ in range(count)]
    for domain_id, per_exam in wanted.items():
        pool = [q for q in questions if q.domains.get(profile.id) == domain_id]
        dealt = _dealt(pool, rng)
        for k in range(count):  # contiguous slices of the deal: each gets every task's share
            mine = dealt[k * per_exam : (k + 1) * per_exam]
            exams[k].extend(mine)
            if len(mine) < per_exam:
                shortfalls[k][domain_id] = (per_exam, len(mine))
    draws = []
    for k in range(count):
        order = random.Random(f"{profile.id}-practice-exam-{k + 1}")
        chosen = sorted(exams[k], key=lambda q: q.id)
        order.shuffle(chosen)
        draws.append(Draw(chosen, wanted, shortfalls[k]))
    return draws
