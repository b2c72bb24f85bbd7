"""Loading quiz banks (``content/quizzes/*.yaml``) into :class:`Question` objects.

Each file is a YAML list of questions or a mapping with a ``questions:`` list. Problems in
a single question (missing fields, answers that are not options, "choose N" not matching,
fewer than three options, unknown exam profiles or domains) name the file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from courseware.course.errors import ContentError, ContentProblem, did_you_mean
from courseware.course.quiz.model import LETTERS, ExamProfile, Option, Question
from courseware.course.yamlfile import LineDict, LineList, load_yaml
from courseware.paths import project_root

FIELDS = {
    "id",
    "chapter",
    "section",
    "domains",
    "type",
    "stem",
    "options",
    "answer",
    "answers",
    "choose",
    "difficulty",
    "source",
    "tasks",
}
REQUIRED_TEXT = ("id", "chapter", "section", "stem", "source")
MIN_OPTIONS, MAX_OPTIONS = 3, 6
MIN_MULTIPLE_OPTIONS = 5  # the exam's multiple-response items offer five or more options
TASK_ID = re.compile(r"^[1-4]\.[1-4]$")  # a DVA-C02 task statement, e.g. 2.1
REQUIRED_PROFILE = "dva-c02"

Complaint = Callable[[str, str], None]


def quizzes_dir(root: Path | None = None) -> Path:
    """``content/quizzes`` under the project root."""
    return (root or project_root()) / "content" / "quizzes"


def bank_files(root: Path | None = None) -> list[Path]:
    """Every quiz bank file, sorted."""
    return sorted(quizzes_dir(root).glob("*.yaml"))


def load_file(
    path: Path, profiles: dict[str, ExamProfile], problems: list[ContentProblem]
) -> list[Question]:
    """The valid questions of one bank; problems found are appended to ``problems``."""
    try:
        data = load_yaml(path)
    except ContentError as exc:
        problems.extend(exc.problems)
        return []
    if isinstance(data, LineDict) and "questions" in data:
        data = data["questions"]
    if not isinstance(data, LineList):
        problems.append(
            ContentProblem(path, 1, "", "a quiz bank is a list of questions or has 'questions:'")
        )
        return []
    questions = []
    for index, item in enumerate(data):
        question = parse_question(path, data.item_line(index), item, profiles, problems)
        if question is not None:
            questions.append(question)
    return questions


def load_questions(
    files: Iterable[Path], profiles: dict[str, ExamProfile]
) -> tuple[list[Question], list[ContentProblem]]:
    """(valid questions, problems) over several bank files."""
    problems: list[ContentProblem] = []
    questions: list[Question] = []
    for path in files:
        questions.extend(load_file(path, profiles, problems))
    return questions, problems


def parse_question(
    path: Path, line: int, item: Any, profiles: dict[str, ExamProfile], out: list[ContentProblem]
) -> Question | None:
    """One question, or None after appending its problems to ``out``."""
    if not isinstance(item, LineDict):
        out.append(ContentProblem(path, line, "question", "expected a mapping of fields"))
        return None
    qid = item.get("id")
    label = f"question {qid!r}" if isinstance(qid, str) else f"question at line {line}"
    before = len(out)

    def bad(key: str, message: str) -> None:
        out.append(ContentProblem(path, item.key_line(key), f"{label} field {key!r}", message))

    for key in item:
        if key not in FIELDS:
            bad(str(key), "unknown field" + did_you_mean(str(key), FIELDS))
    for key in REQUIRED_TEXT:
        if not isinstance(item.get(key), str) or not item[key].strip():
            bad(key, "required text" if key not in item else "must be non-empty text")
    qtype = item.get("type")
    if qtype not in ("single", "multiple"):
        bad("type", f"must be 'single' or 'multiple', not {qtype!r}")
    difficulty = item.get("difficulty")
    if difficulty not in (1, 2, 3):
        bad("difficulty", f"must be 1, 2 or 3, not {difficulty!r}")
    options = _options(item, bad)
    answers = _answers(item, qtype, len(options), bad)
    domains = _domains(item, profiles, bad)
    if qtype == "multiple" and len(options) < MIN_MULTIPLE_OPTIONS:
        bad(
            "options",
            f"a multiple-response question needs at least {MIN_MULTIPLE_OPTIONS} options "
            f"(as on the exam), not {len(options)}",
        )
    tasks = _tasks(item, bad)
    if len(out) > before:
        return None
    return Question(
        id=item["id"],
        chapter=item["chapter"],
        section=item["section"],
        domains=domains,
        type=str(qtype),
        stem=item["stem"].strip(),
        options=tuple(options),
        answers=frozenset(answers),
        difficulty=int(item["difficulty"]),
        source=item["source"],
        path=path,
        line=line,
        tasks=tuple(tasks),
    )


def _options(item: LineDict, bad: Complaint) -> list[Option]:
    raw = item.get("options")
    if not isinstance(raw, LineList):
        bad("options", "required list of options (each with text and explanation)")
        return []
    if not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
        bad("options", f"has {len(raw)} options; a question needs {MIN_OPTIONS}-{MAX_OPTIONS}")
    options = []
    for index, option in enumerate(raw):
        letter = LETTERS[index] if index < len(LETTERS) else str(index)
        text = option.get("text") if isinstance(option, dict) else None
        why = option.get("explanation") if isinstance(option, dict) else None
        if not isinstance(text, str) or not text.strip():
            bad("options", f"option {letter} (line {raw.item_line(index)}) needs text")
        elif not isinstance(why, str) or not why.strip():
            bad("options", f"option {letter} (line {raw.item_line(index)}) needs an explanation")
        else:
            options.append(Option(text.strip(), why.strip()))
    return options


def _answers(item: LineDict, qtype: Any, count: int, bad: Complaint) -> list[str]:
    valid = LETTERS[:count]
    if qtype == "single":
        if "answers" in item:
            bad("answers", "a single-answer question uses 'answer: <letter>'")
            return []
        answer = item.get("answer")
        if not isinstance(answer, str):
            bad("answer", "required: one option letter")
            return []
        letters = [answer.strip().upper()]
    elif qtype == "multiple":
        if "answer" in item:
            bad("answer", "a multiple-answer question uses 'answers: [<letter>, ...]'")
            return []
        raw = item.get("answers")
        if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw) or len(raw) < 2:
            bad("answers", "required: a list of two or more option letters")
            return []
        letters = [a.strip().upper() for a in raw]
        if len(set(letters)) != len(letters):
            bad("answers", "lists a letter twice")
        choose = item.get("choose")
        if choose != len(set(letters)):
            bad("choose", f"'choose: {choose}' does not match the {len(set(letters))} answers")
    else:
        return []
    for letter in letters:
        if letter not in valid:
            key = "answer" if qtype == "single" else "answers"
            bad(key, f"{letter!r} does not match an option (options are {', '.join(valid)})")
    return letters


def _domains(item: LineDict, profiles: dict[str, ExamProfile], bad: Complaint) -> dict[str, str]:
    raw = item.get("domains")
    if not isinstance(raw, dict) or not raw:
        bad("domains", "required mapping of exam profile -> domain id, e.g. dva-c02: security")
        return {}
    result: dict[str, str] = {}
    for profile_id, domain_id in raw.items():
        profile = profiles.get(str(profile_id))
        if profile is None:
            bad(
                "domains",
                f"unknown exam profile {profile_id!r}" + did_you_mean(str(profile_id), profiles),
            )
            continue
        known = [d.id for d in profile.domains]
        if domain_id not in known:
            bad(
                "domains",
                f"unknown {profile_id} domain {domain_id!r}" + did_you_mean(str(domain_id), known),
            )
            continue
        result[str(profile_id)] = str(domain_id)
    if REQUIRED_PROFILE in profiles and REQUIRED_PROFILE not in raw:
        bad("domains", f"every question needs a {REQUIRED_PROFILE} domain")
    return result


def _tasks(item: LineDict, bad: Complaint) -> list[str]:
    """The optional DVA-C02 task statement ids (``["2.1", "3.4"]``)."""
    if "tasks" not in item:
        return []
    raw = item["tasks"]
    if not isinstance(raw, list) or not raw or not all(isinstance(t, str) for t in raw):
        bad("tasks", 'must be a list of DVA-C02 task statement ids, e.g. ["2.1"]')
        return []
    wrong = [t for t in raw if not TASK_ID.match(t)]
    if wrong:
        bad("tasks", f"{wrong[0]!r} is not a task statement id like '2.1' (domains 1-4, tasks 1-4)")
        return []
    return list(raw)
