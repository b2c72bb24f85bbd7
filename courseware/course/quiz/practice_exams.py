"""Practice exams 1…N: fixed, disjoint full-length exams drawn by domain weight.

The bank is split once, deterministically (a seed named after the profile), so "Practice exam 3"
is the same 65 questions every time and no question appears in two practice exams. Within a
domain the questions are dealt round-robin by task statement, so every exam gets a spread of
tasks rather than a run of one chapter.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence

from courseware.course.quiz.draw import Draw, allocate
from courseware.course.quiz.model import ExamProfile, Question

PRACTICE_EXAMS = 6


def _dealt(pool: list[Question], rng: random.Random) -> list[Question]:
    """The pool shuffled, then interleaved by first task statement."""
    by_task: dict[str, list[Question]] = defaultdict(list)
    for q in sorted(pool, key=lambda q: q.id):
        by_task[q.tasks[0] if q.tasks else ""].append(q)
    for group in by_task.values():
        rng.shuffle(group)
    order = sorted(by_task, key=lambda t: (-len(by_task[t]), t))
    dealt: list[Question] = []
    while any(by_task[t] for t in order):
        for task in order:
            if by_task[task]:
                dealt.append(by_task[task].pop())
    return dealt


def practice_exams(
    questions: Sequence[Question], profile: ExamProfile, count: int = PRACTICE_EXAMS
) -> list[Draw]:
    """``count`` disjoint exams; exam *k* takes every *count*-th question of each domain's deal."""
    rng = random.Random(f"{profile.id}-practice-exams")
    wanted = allocate(profile)
    exams: list[list[Question]] = [[] for _ in range(count)]
    shortfalls: list[dict[str, tuple[int, int]]] = [{} for _ in range(count)]
    for domain_id, per_exam in wanted.items():
        pool = [q for q in questions if q.domains.get(profile.id) == domain_id]
        dealt = _dealt(pool, rng)
        for k in range(count):
            mine = dealt[k::count][:per_exam]
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
