"""The instructor grid's rows and cells, from the class's grades (Textual-free)."""

from __future__ import annotations

from courseware.course.classroom.grades import SYMBOLS, LearnerGrades, StepGrade

HELP_MARK = {"solution": "s", "hint": "h", "": ""}


def cell(step: StepGrade) -> str:
    """○ ✔ ✘, with ``h`` after a hint and ``s`` after the solution."""
    used = "solution" if step.used_solution else "hint" if step.used_hint else ""
    return SYMBOLS[step.status] + HELP_MARK[used]


def columns(rows: list[LearnerGrades]) -> list[tuple[str, str]]:
    """(key, label) of each column: learner, account, every step, help used, quiz, last seen."""
    steps = rows[0].steps if rows else []
    return [
        ("learner", "Learner"),
        ("account", "Account"),
        *((f"{s.lab}/{s.step}", f"{s.lab}/{s.step}") for s in steps),
        ("passed", "Passed"),
        ("help", "Help used"),
        ("quiz", "Quiz"),
        ("seen", "Last activity"),
    ]


def quiz_text(grades: LearnerGrades) -> str:
    """``7/9`` over every answered question, or ``-``."""
    right = sum(c for c, _ in grades.quiz.values())
    total = sum(t for _, t in grades.quiz.values())
    return f"{right}/{total}" if total else "-"


def row(grades: LearnerGrades) -> list[str]:
    """The cells of one learner's row, in :func:`columns` order."""
    hints = sum(s.used_hint for s in grades.steps)
    solutions = sum(s.used_solution for s in grades.steps)
    return [
        grades.name,
        grades.account or "(not joined)",
        *(cell(s) for s in grades.steps),
        f"{grades.passed}/{len(grades.steps)}",
        f"{hints} hints, {solutions} solutions",
        quiz_text(grades),
        grades.last_activity[:19].replace("T", " ") or "-",
    ]
