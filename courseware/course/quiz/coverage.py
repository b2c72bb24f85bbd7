"""The DVA-C02 coverage map: task statements → chapter sections and questions.

``content/exams/coverage/<exam>.yaml`` lists every task statement of the exam guide with the
sections that teach it; questions name their task statements in ``tasks:``. :func:`check_coverage`
finds what is missing (a task with no section or too few questions, a reference to a section
that does not exist, a question with no task or one outside its domain, domain shares off the
exam's weights) and :func:`coverage_summary` prints the figures ``courseware validate`` shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from courseware.course.errors import ContentError, ContentProblem
from courseware.course.quiz.model import ExamProfile, Question
from courseware.course.yamlfile import LineDict, LineList, load_yaml
from courseware.paths import project_root

SHARE_TOLERANCE = 3.0  # percentage points between a domain's share of the bank and its weight


@dataclass(frozen=True)
class TaskStatement:
    """One task statement of an exam guide and the sections that teach it."""

    id: str
    domain: str
    title: str
    skills: tuple[str, ...]
    sections: tuple[tuple[str, str], ...]  # (chapter id, section id)
    line: int


@dataclass(frozen=True)
class Coverage:
    """A coverage map for one exam profile."""

    exam: str
    min_questions: int
    tasks: tuple[TaskStatement, ...]
    path: Path

    def task(self, task_id: str) -> TaskStatement | None:
        """The task statement with this id, if any."""
        return next((t for t in self.tasks if t.id == task_id), None)


def coverage_path(exam: str, root: Path | None = None) -> Path:
    """Where an exam's coverage map lives."""
    return (root or project_root()) / "content" / "exams" / "coverage" / f"{exam}.yaml"


def load_coverage(exam: str = "dva-c02", root: Path | None = None) -> Coverage | None:
    """The coverage map of ``exam``, or None when the course has none."""
    path = coverage_path(exam, root)
    if not path.exists():
        return None
    data = load_yaml(path)
    problems: list[ContentProblem] = []
    tasks: list[TaskStatement] = []
    raw_tasks = data.get("tasks") if isinstance(data, LineDict) else None
    if not isinstance(data, LineDict) or not isinstance(raw_tasks, LineList):
        raise ContentError([ContentProblem(path, 1, "coverage map", "needs a 'tasks:' list")])
    for index, item in enumerate(raw_tasks):
        line = raw_tasks.item_line(index)
        if not isinstance(item, LineDict) or not all(k in item for k in ("id", "domain", "title")):
            problems.append(ContentProblem(path, line, "task", "needs id, domain and title"))
            continue
        sections = []
        for ref in item.get("sections") or []:
            chapter, _, section = str(ref).partition("#")
            sections.append((chapter, section))
        tasks.append(
            TaskStatement(
                id=str(item["id"]),
                domain=str(item["domain"]),
                title=str(item["title"]),
                skills=tuple(str(s) for s in item.get("skills") or []),
                sections=tuple(sections),
                line=line,
            )
        )
    if problems:
        raise ContentError(problems)
    return Coverage(
        str(data.get("exam", exam)), int(data.get("min_questions", 5)), tuple(tasks), path
    )


def check_coverage(
    coverage: Coverage,
    questions: Sequence[Question],
    sections: dict[str, set[str]],
    profile: ExamProfile,
) -> list[ContentProblem]:
    """Everything the map and the banks leave uncovered (empty when the exam is covered)."""
    problems: list[ContentProblem] = []
    path = coverage.path
    counts = task_counts(questions)
    for task in coverage.tasks:
        where = f"task {task.id} ({task.title})"
        if profile.domain(task.domain) is None:
            problems.append(
                ContentProblem(path, task.line, where, f"unknown domain {task.domain!r}")
            )
        if not task.sections:
            problems.append(ContentProblem(path, task.line, where, "no chapter section teaches it"))
        for chapter, section in task.sections:
            if section not in sections.get(chapter, set()):
                problems.append(
                    ContentProblem(path, task.line, where, f"no section {chapter}#{section}")
                )
        if counts[task.id] < coverage.min_questions:
            problems.append(
                ContentProblem(
                    path,
                    task.line,
                    where,
                    f"has {counts[task.id]} questions; at least {coverage.min_questions} needed",
                )
            )
    for q in questions:
        if profile.id not in q.domains:
            continue
        where = f"question {q.id!r} field 'tasks'"
        if not q.tasks:
            problems.append(ContentProblem(q.path, q.line, where, "names no task statement"))
            continue
        known = [coverage.task(t) for t in q.tasks]
        if any(t is None for t in known):
            missing = [t for t in q.tasks if coverage.task(t) is None]
            problems.append(ContentProblem(q.path, q.line, where, f"unknown task {missing}"))
        elif all(t.domain != q.domains[profile.id] for t in known if t is not None):
            problems.append(
                ContentProblem(
                    q.path,
                    q.line,
                    where,
                    f"tasks {list(q.tasks)} are not in its domain {q.domains[profile.id]!r}",
                )
            )
    shares = domain_shares(questions, profile)
    for domain in profile.domains:
        share = shares.get(domain.id, 0.0)
        if abs(share - domain.weight) > SHARE_TOLERANCE:
            problems.append(
                ContentProblem(
                    path,
                    1,
                    f"domain {domain.id}",
                    f"{share:.1f} % of the questions against a weight of {domain.weight} % "
                    f"(allowed ±{SHARE_TOLERANCE:.0f} points)",
                )
            )
    return problems


def task_counts(questions: Sequence[Question]) -> Counter[str]:
    """Questions per task statement."""
    return Counter(t for q in questions for t in q.tasks)


def domain_shares(questions: Sequence[Question], profile: ExamProfile) -> dict[str, float]:
    """Each domain's share of the profile's questions, in percent."""
    tagged = [q.domains[profile.id] for q in questions if profile.id in q.domains]
    counts = Counter(tagged)
    return {d.id: 100.0 * counts[d.id] / len(tagged) if tagged else 0.0 for d in profile.domains}


def coverage_summary(
    coverage: Coverage, questions: Sequence[Question], profile: ExamProfile
) -> list[str]:
    """Lines for ``courseware validate``: totals, domain shares and per-task counts."""
    shares = domain_shares(questions, profile)
    counts = task_counts(questions)
    lines = [
        f"{profile.code}: {sum(1 for q in questions if profile.id in q.domains)} questions; "
        + ", ".join(f"{d.id} {shares[d.id]:.1f} % (weight {d.weight})" for d in profile.domains)
    ]
    lines.append(
        "  per task statement: " + ", ".join(f"{t.id}: {counts[t.id]}" for t in coverage.tasks)
    )
    return lines


@dataclass(frozen=True)
class TaskResult:
    """How an exam went on one task statement."""

    task: TaskStatement
    correct: int
    total: int

    @property
    def percent(self) -> float:
        """Percentage correct on this task's questions."""
        return 100.0 * self.correct / self.total if self.total else 0.0


def task_results(coverage: Coverage, answered: Sequence[tuple[Question, bool]]) -> list[TaskResult]:
    """Per task statement: right answers out of questions asked, weakest first."""
    right: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for question, correct in answered:
        for task_id in question.tasks:
            asked[task_id] += 1
            right[task_id] += correct
    results = [TaskResult(t, right[t.id], asked[t.id]) for t in coverage.tasks if asked[t.id]]
    return sorted(results, key=lambda r: (r.percent, r.task.id))
