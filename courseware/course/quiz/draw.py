"""Drawing an exam: questions per domain by weight (largest-remainder rounding)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from courseware.course.quiz.model import ExamProfile, Question


def allocate(profile: ExamProfile, total: int | None = None) -> dict[str, int]:
    """How many questions each domain gets out of ``total`` (default: the profile's length).

    Largest-remainder (Hamilton) rounding: every domain gets the floor of its exact share,
    then the seats left go to the largest fractional remainders (ties: larger weight, then
    the profile's order). The counts always add up to ``total``.
    """
    total = profile.questions if total is None else total
    weight_sum = sum(d.weight for d in profile.domains)
    exact = {d.id: total * d.weight / weight_sum for d in profile.domains}
    counts = {k: int(v) for k, v in exact.items()}
    order = {d.id: i for i, d in enumerate(profile.domains)}
    weights = {d.id: d.weight for d in profile.domains}
    left = total - sum(counts.values())
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - counts[k]), -weights[k], order[k]))
    for k in by_remainder[:left]:
        counts[k] += 1
    return counts


@dataclass(frozen=True)
class Draw:
    """The drawn questions, what each domain should have had, and any shortfall."""

    questions: list[Question]
    wanted: dict[str, int]
    shortfalls: dict[str, tuple[int, int]] = field(default_factory=dict)  # domain: (wanted, had)

    def notice(self, profile: ExamProfile) -> str:
        """A sentence about missing questions, or an empty string."""
        if not self.shortfalls:
            return ""
        names = {d.id: d.name for d in profile.domains}
        parts = [
            f"{names.get(d, d)}: {had} of {wanted}" for d, (wanted, had) in self.shortfalls.items()
        ]
        return (
            f"The bank lacks questions for some {profile.code} domains, so this exam has "
            f"{len(self.questions)} questions instead of {sum(self.wanted.values())} ("
            + "; ".join(parts)
            + ")."
        )


def draw_exam(
    questions: list[Question],
    profile: ExamProfile,
    rng: random.Random | None = None,
    total: int | None = None,
) -> Draw:
    """Draw an exam from the questions tagged for ``profile``, shuffled.

    A domain with too few questions contributes all it has; the shortfall is reported
    (the exam is then shorter rather than skewed toward other domains).
    """
    rng = rng or random.Random()
    wanted = allocate(profile, total)
    chosen: list[Question] = []
    shortfalls: dict[str, tuple[int, int]] = {}
    for domain_id, count in wanted.items():
        pool = sorted(
            (q for q in questions if q.domains.get(profile.id) == domain_id), key=lambda q: q.id
        )
        if len(pool) < count:
            shortfalls[domain_id] = (count, len(pool))
        chosen.extend(rng.sample(pool, min(count, len(pool))))
    rng.shuffle(chosen)
    return Draw(chosen, wanted, shortfalls)
