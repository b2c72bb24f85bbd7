"""The real quiz banks under content/quizzes validate against the real chapters."""

from __future__ import annotations

import random
from collections import Counter

from courseware.course.quiz import bank_files, draw_exam, load_catalog, validate_quizzes
from courseware.course.quiz.catalog import load_chapter_info


def test_real_banks_validate_against_the_chapters() -> None:
    sections = {cid: set(info.sections) for cid, info in load_chapter_info().items()}
    problems = [str(p) for p in validate_quizzes(None, sections)]
    assert problems == []


def test_real_banks_cover_their_chapters() -> None:
    catalog = load_catalog()
    assert catalog.problems == []
    per_chapter = Counter(q.chapter for q in catalog.questions)
    for path in bank_files():
        assert per_chapter[path.stem] >= 5, f"{path.name}: only {per_chapter[path.stem]} questions"
        assert {q.chapter for q in catalog.questions if q.path == path} == {path.stem}
    if len(catalog.chapters) >= 10 and set(per_chapter) == set(catalog.chapters):
        # The whole course has landed: the bar applies, and a full exam can be drawn.
        assert len(catalog.questions) >= 150
        draw = draw_exam(catalog.questions, catalog.default_profile, random.Random(0))
        assert len(draw.questions) == 65, draw.notice(catalog.default_profile)


def test_tagged_tasks_belong_to_the_question_domain() -> None:
    """A question tagged with DVA-C02 task "2.1" is a Security (domain 2) question."""
    domains = {"1": "development", "2": "security", "3": "deployment", "4": "troubleshooting"}
    catalog = load_catalog()
    wrong = [
        f"{q.id}: {q.domains['dva-c02']} but tasks {list(q.tasks)}"
        for q in catalog.questions
        if q.tasks and q.domains.get("dva-c02") not in {domains[t[0]] for t in q.tasks}
    ]
    assert wrong == []
