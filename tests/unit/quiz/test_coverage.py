"""The DVA-C02 coverage map and the six practice exams, on the real course and on made-up banks."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from courseware.course.quiz import load_catalog
from courseware.course.quiz.coverage import check_coverage, load_coverage, task_results
from courseware.course.quiz.draw import allocate
from courseware.course.quiz.practice_exams import practice_exams


def test_the_real_course_covers_every_task_statement() -> None:
    catalog = load_catalog()
    sections = {cid: set(info.sections) for cid, info in catalog.chapters.items()}
    coverage = catalog.coverage
    assert coverage is not None
    assert [t.id for t in coverage.tasks] == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3",
    ]  # fmt: skip
    problems = check_coverage(coverage, catalog.questions, sections, catalog.default_profile)
    assert [str(p) for p in problems] == []
    assert len(catalog.questions) >= 450


def test_gaps_are_named() -> None:
    catalog = load_catalog()
    sections = {cid: set(info.sections) for cid, info in catalog.chapters.items()}
    coverage = catalog.coverage
    assert coverage is not None
    profile = catalog.default_profile
    untagged = replace(catalog.questions[0], tasks=())
    wrong_domain = replace(catalog.questions[1], tasks=("4.2",))
    if catalog.questions[1].domains[profile.id] == "troubleshooting":
        wrong_domain = replace(catalog.questions[1], tasks=("1.1",))
    only_security = [q for q in catalog.questions if q.domains[profile.id] == "security"]
    problems = [
        str(p)
        for p in check_coverage(coverage, [untagged, wrong_domain, *only_security], {}, profile)
    ]
    assert any(
        f"question {untagged.id!r} field 'tasks': names no task statement" in p for p in problems
    )
    assert any(
        f"question {wrong_domain.id!r} field 'tasks'" in p and "not in its domain" in p
        for p in problems
    )
    assert any("task 1.1 " in p and "no section serverless-basics#" in p for p in problems)
    assert any("task 4.2 " in p and "questions; at least 5 needed" in p for p in problems)
    assert any("domain development:" in p and "weight of 32 %" in p for p in problems)
    assert sections  # the real chapters do have these sections; the empty map above removed them


def test_a_map_without_sections_or_with_unknown_fields_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "exams" / "coverage"
    folder.mkdir(parents=True)
    (folder / "dva-c02.yaml").write_text(
        "exam: dva-c02\nmin_questions: 5\ntasks:\n  - id: '1.1'\n    domain: development\n"
        "    title: Develop code\n",
        encoding="utf-8",
    )
    coverage = load_coverage("dva-c02", tmp_path)
    assert coverage is not None
    catalog = load_catalog()
    problems = [str(p) for p in check_coverage(coverage, [], {}, catalog.default_profile)]
    assert any("task 1.1 (Develop code): no chapter section teaches it" in p for p in problems)


def test_six_practice_exams_are_full_disjoint_weighted_and_stable() -> None:
    catalog = load_catalog()
    profile = catalog.default_profile
    exams = practice_exams(catalog.questions, profile)
    again = practice_exams(list(reversed(catalog.questions)), profile)
    assert len(exams) == 6
    seen: set[str] = set()
    for exam, same in zip(exams, again, strict=True):
        ids = [q.id for q in exam.questions]
        assert len(ids) == 65 and not exam.shortfalls
        assert not seen & set(ids), "a question repeats across practice exams"
        seen |= set(ids)
        assert ids == [q.id for q in same.questions]
        counts = Counter(q.domains[profile.id] for q in exam.questions)
        assert dict(counts) == allocate(profile)
        assert len({q.tasks[0] for q in exam.questions}) >= 10  # a spread of task statements


def test_task_results_put_the_weakest_first() -> None:
    catalog = load_catalog()
    coverage = catalog.coverage
    assert coverage is not None
    first = next(q for q in catalog.questions if q.tasks == ("1.2",))
    second = next(q for q in catalog.questions if q.tasks == ("4.1",))
    results = task_results(coverage, [(first, True), (second, False), (second, True)])
    assert [(r.task.id, r.correct, r.total) for r in results] == [("4.1", 1, 2), ("1.2", 1, 1)]
