"""Exam profiles as data: ``content/exams/<id>.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from courseware.course.errors import ContentError, ContentProblem
from courseware.course.quiz.model import Domain, ExamProfile
from courseware.course.yamlfile import LineDict, LineList, load_yaml
from courseware.paths import project_root

_INTS = ("questions", "minutes", "passing_score")


def exams_dir(root: Path | None = None) -> Path:
    """``content/exams`` under the project root."""
    return (root or project_root()) / "content" / "exams"


def load_profiles(root: Path | None = None) -> dict[str, ExamProfile]:
    """Every exam profile by id, the default first.

    Raises:
        ContentError: a profile file is malformed (names file, line and field).
    """
    problems: list[ContentProblem] = []
    profiles: list[ExamProfile] = []
    for path in sorted(exams_dir(root).glob("*.yaml")):
        try:
            data = load_yaml(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        profile = _parse(path, data, problems)
        if profile is not None:
            profiles.append(profile)
    if not profiles and not problems:
        problems.append(ContentProblem(exams_dir(root), None, "", "no exam profiles (*.yaml)"))
    if sum(p.default for p in profiles) > 1:
        problems.append(
            ContentProblem(exams_dir(root), None, "field 'default'", "more than one default")
        )
    if problems:
        raise ContentError(problems)
    profiles.sort(key=lambda p: (not p.default, p.id))
    return {p.id: p for p in profiles}


def default_profile(profiles: dict[str, ExamProfile]) -> ExamProfile:
    """The profile marked ``default: true`` (else the first)."""
    return next((p for p in profiles.values() if p.default), next(iter(profiles.values())))


def _parse(path: Path, data: Any, problems: list[ContentProblem]) -> ExamProfile | None:
    if not isinstance(data, LineDict):
        problems.append(ContentProblem(path, 1, "", "an exam profile is a YAML mapping"))
        return None
    before = len(problems)

    def bad(key: str, message: str) -> None:
        problems.append(ContentProblem(path, data.key_line(key), f"field {key!r}", message))

    for key in ("id", "code", "name"):
        if not isinstance(data.get(key), str) or not data.get(key):
            bad(key, "required text")
    if data.get("id") != path.stem:
        bad("id", f"must match the file name {path.stem!r}")
    for key in _INTS:
        if not isinstance(data.get(key), int) or data[key] <= 0:
            bad(key, "required positive whole number")
    score_range = data.get("score_range")
    if not (
        isinstance(score_range, list)
        and len(score_range) == 2
        and all(isinstance(v, int) for v in score_range)
        and score_range[0] < score_range[1]
    ):
        bad("score_range", "expected [lowest, highest], e.g. [100, 1000]")
        score_range = [0, 1]
    elif not score_range[0] <= data.get("passing_score", 0) <= score_range[1]:
        bad("passing_score", "must lie within score_range")
    domains = _domains(path, data, problems)
    if len(problems) > before:
        return None
    return ExamProfile(
        id=data["id"],
        code=data["code"],
        name=data["name"],
        default=bool(data.get("default", False)),
        questions=data["questions"],
        minutes=data["minutes"],
        passing_score=data["passing_score"],
        min_score=score_range[0],
        max_score=score_range[1],
        domains=tuple(domains),
    )


def _domains(path: Path, data: LineDict, problems: list[ContentProblem]) -> list[Domain]:
    items = data.get("domains")
    if not isinstance(items, LineList) or not items:
        problems.append(
            ContentProblem(path, data.key_line("domains"), "field 'domains'", "required list")
        )
        return []
    domains: list[Domain] = []
    for index, item in enumerate(items):
        where = f"domains[{index}]"
        if not (
            isinstance(item, dict)
            and isinstance(item.get("id"), str)
            and isinstance(item.get("name"), str)
            and isinstance(item.get("weight"), int)
        ):
            problems.append(
                ContentProblem(path, items.item_line(index), where, "needs id, name and weight")
            )
            continue
        domains.append(Domain(item["id"], item["name"], item["weight"]))
    if domains and len(domains) == len(items) and sum(d.weight for d in domains) != 100:
        problems.append(
            ContentProblem(
                path,
                data.key_line("domains"),
                "field 'domains'",
                f"weights add up to {sum(d.weight for d in domains)}, not 100",
            )
        )
    if len({d.id for d in domains}) != len(domains):
        problems.append(
            ContentProblem(path, data.key_line("domains"), "field 'domains'", "duplicate domain id")
        )
    return domains
