"""What the quiz screens share: the question catalog, the progress store and the clock."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from courseware.course.progress import ProgressStore
from courseware.course.progress.clock import Clock, utc_now
from courseware.course.quiz import QuizCatalog, load_catalog


@dataclass
class QuizContext:
    """Catalog, store, clock and random source (tests inject fixed ones)."""

    catalog: QuizCatalog
    store: ProgressStore
    now: Clock = utc_now
    rng: random.Random = field(default_factory=random.Random)


def load_context(store: ProgressStore | None = None) -> QuizContext:
    """The real catalog (content/) and the given store, or the default one."""
    return QuizContext(load_catalog(), store or ProgressStore())
