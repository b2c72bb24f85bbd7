"""Loading ``labs/<id>/lab.yaml`` with errors that name the file, line and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from courseware.course.checks import CHECKS, PROBES, CheckDef
from courseware.course.errors import ContentError, ContentProblem, did_you_mean
from courseware.course.fixtures import parse_fixtures
from courseware.course.model import CheckSpec, Lab, Resource, Solution, Step
from courseware.course.yamlfile import LineDict, LineList, load_yaml

LAB_FIELDS = {
    "id",
    "title",
    "summary",
    "chapters",
    "minutes",
    "steps",
    "resources",
    "runtimes",
    "next",
}
NEXT_FIELDS = {"chapter", "section", "quiz", "lab"}
STEP_FIELDS = {
    "id",
    "title",
    "instructions",
    "checks",
    "hints",
    "solution",
    "kind",
    "question",
    "answer_from",
    "fixtures",
}
RESOURCE_TYPES = {
    "function",
    "role",
    "queue",
    "table",
    "state_machine",
    "log_group",
    "rest_api",
    "usage_plan",
    "api_key",
    "topic",
}


class _Problems:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[ContentProblem] = []

    def add(self, line: int | None, where: str, message: str) -> None:
        self.items.append(ContentProblem(self.path, line, where, message))


def _text(data: LineDict, key: str, problems: _Problems, where: str, required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.add(data.key_line(key), where, f"field {key!r} must be non-empty text")
        return ""
    return value


def _spec(
    raw: Any, line: int, where: str, registry: dict[str, CheckDef], problems: _Problems, kind: str
) -> CheckSpec | None:
    if not isinstance(raw, LineDict) or not isinstance(raw.get("check"), str):
        problems.add(
            line, where, f"each {kind} is a mapping with a 'check:' name and its parameters"
        )
        return None
    name = str(raw["check"])
    line = raw.key_line("check")
    if name not in registry:
        problems.add(line, where, f"unknown {kind} {name!r}" + did_you_mean(name, registry))
        return None
    definition = registry[name]
    params = {k: v for k, v in raw.items() if k != "check"}
    for key, value in params.items():
        if key not in definition.params:
            problems.add(
                raw.key_line(key),
                where,
                f"{kind} {name!r} has no parameter {key!r}" + did_you_mean(key, definition.params),
            )
        elif not isinstance(value, definition.params[key].kind):
            problems.add(
                raw.key_line(key),
                where,
                f"parameter {key!r} of {name!r} must be {_kind_name(definition.params[key].kind)}",
            )
    for key, param in definition.params.items():
        if param.required and key not in params:
            problems.add(line, where, f"{kind} {name!r} needs parameter {key!r}")
    return CheckSpec(name, dict(params), line)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(
        {
            "str": "text",
            "list": "a list",
            "dict": "a mapping",
            "int": "a whole number",
            "bool": "true/false",
        }.get(k.__name__, k.__name__)
        for k in kinds
    )


def _solution(
    raw: Any, step: LineDict, lab_dir: Path, where: str, problems: _Problems
) -> Solution | None:
    if raw is None:
        return None
    line = step.key_line("solution")
    if not isinstance(raw, LineDict):
        problems.add(
            line, where, "solution must be a mapping with 'cli:' lines or a 'python:' file"
        )
        return None
    cli = raw.get("cli", [])
    python = raw.get("python")
    if cli and (not isinstance(cli, list) or not all(isinstance(c, str) for c in cli)):
        problems.add(
            raw.key_line("cli"), where, "solution 'cli' must be a list of AWS CLI command lines"
        )
        cli = []
    if python is not None and not (lab_dir / str(python)).is_file():
        problems.add(
            raw.key_line("python"),
            where,
            f"solution file {python!r} does not exist in {lab_dir.name}/",
        )
    if not cli and python is None:
        problems.add(line, where, "solution needs 'cli:' lines or a 'python:' file")
    return Solution(tuple(cli), str(python) if python is not None else None)


def _step(raw: Any, line: int, lab_dir: Path, problems: _Problems, seen: set[str]) -> Step | None:
    if not isinstance(raw, LineDict):
        problems.add(line, "steps", "each step is a mapping")
        return None
    step_id = raw.get("id") if isinstance(raw.get("id"), str) else "?"
    where = f"step {step_id!r}"
    if step_id == "?":
        problems.add(raw.line, "step", "field 'id' is required")
    elif step_id in seen:
        problems.add(raw.key_line("id"), where, "duplicate step id")
    seen.add(str(step_id))
    for key in sorted(set(raw) - STEP_FIELDS):
        problems.add(
            raw.key_line(key), where, f"unknown field {key!r}" + did_you_mean(key, STEP_FIELDS)
        )
    kind = str(raw.get("kind", "resource"))
    if kind not in {"resource", "knowledge"}:
        problems.add(
            raw.key_line("kind"), where, f"kind must be 'resource' or 'knowledge', not {kind!r}"
        )
    checks_raw = raw.get("checks", [])
    checks: list[CheckSpec] = []
    if kind == "resource":
        if not isinstance(checks_raw, LineList) or not checks_raw:
            problems.add(raw.key_line("checks"), where, "a resource step needs at least one check")
        else:
            for index, item in enumerate(checks_raw):
                spec = _spec(item, checks_raw.item_line(index), where, CHECKS, problems, "check")
                if spec:
                    checks.append(spec)
    answer_from = None
    question = ""
    if kind == "knowledge":
        question = _text(raw, "question", problems, where)
        answer_from = _spec(
            raw.get("answer_from"), raw.key_line("answer_from"), where, PROBES, problems, "probe"
        )
    hints = raw.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
        problems.add(raw.key_line("hints"), where, "hints must be a list of text")
        hints = []
    solution = _solution(raw.get("solution"), raw, lab_dir, where, problems)
    if kind == "knowledge":
        solution = Solution(answer=answer_from)
    elif solution is None:
        problems.add(raw.line, where, "a resource step needs a solution")
    return Step(
        id=str(step_id),
        title=_text(raw, "title", problems, where),
        instructions=_text(raw, "instructions", problems, where),
        checks=tuple(checks),
        hints=tuple(hints),
        solution=solution,
        kind=kind,
        question=question,
        answer_from=answer_from,
        line=raw.line,
        fixtures=parse_fixtures(
            raw.get("fixtures"),
            raw.key_line("fixtures"),
            lab_dir,
            lambda line, message: problems.add(line, where, message),
        ),
    )


def load_lab(path: Path, chapter_ids: set[str] | None = None) -> Lab:
    """Load and validate one lab.yaml.

    Raises:
        ContentError: every problem found, each naming the file, line and field.
    """
    data = load_yaml(path)
    problems = _Problems(path)
    if not isinstance(data, LineDict):
        raise ContentError([ContentProblem(path, 1, "", "a lab file is a YAML mapping")])
    for key in sorted(set(data) - LAB_FIELDS):
        problems.add(
            data.key_line(key), f"field {key!r}", "unknown field" + did_you_mean(key, LAB_FIELDS)
        )
    lab_id = _text(data, "id", problems, "lab")
    if lab_id and lab_id != path.parent.name:
        problems.add(
            data.key_line("id"), "field 'id'", f"must match the folder name {path.parent.name!r}"
        )
    chapters = data.get("chapters", [])
    if not isinstance(chapters, list):
        problems.add(data.key_line("chapters"), "field 'chapters'", "must be a list of chapter ids")
        chapters = []
    for chapter in chapters:
        if chapter_ids is not None and chapter not in chapter_ids:
            problems.add(
                data.key_line("chapters"),
                "field 'chapters'",
                f"unknown chapter {chapter!r}" + did_you_mean(str(chapter), chapter_ids),
            )
    minutes = data.get("minutes", 30)
    if not isinstance(minutes, int):
        problems.add(data.key_line("minutes"), "field 'minutes'", "must be a whole number")
        minutes = 30
    steps_raw = data.get("steps")
    steps: list[Step] = []
    if not isinstance(steps_raw, LineList) or not steps_raw:
        problems.add(data.key_line("steps"), "field 'steps'", "a lab needs a list of steps")
    else:
        seen: set[str] = set()
        for index, raw in enumerate(steps_raw):
            step = _step(raw, steps_raw.item_line(index), path.parent, problems, seen)
            if step:
                steps.append(step)
    resources = []
    for index, raw in enumerate(data.get("resources", []) or []):
        if (
            not isinstance(raw, dict)
            or raw.get("type") not in RESOURCE_TYPES
            or not isinstance(raw.get("name"), str)
        ):
            line = (
                data["resources"].item_line(index)
                if isinstance(data.get("resources"), LineList)
                else data.line
            )
            problems.add(
                line,
                "resources",
                f"each resource needs a type ({', '.join(sorted(RESOURCE_TYPES))}) and a name",
            )
            continue
        resources.append(Resource(str(raw["type"]), str(raw["name"])))
    next_raw = data.get("next", {}) or {}
    if not isinstance(next_raw, dict) or set(next_raw) - NEXT_FIELDS:
        problems.add(
            data.key_line("next"),
            "field 'next'",
            f"must be a mapping with some of: {', '.join(sorted(NEXT_FIELDS))}",
        )
        next_raw = {}
    if chapter_ids is not None and next_raw.get("chapter") not in (None, *chapter_ids):
        problems.add(
            data.key_line("next"), "field 'next'", f"unknown chapter {next_raw['chapter']!r}"
        )
    if problems.items:
        raise ContentError(problems.items)
    return Lab(
        id=lab_id,
        title=_text(data, "title", problems, "lab"),
        summary=_text(data, "summary", problems, "lab"),
        chapters=tuple(str(c) for c in chapters),
        minutes=minutes,
        steps=tuple(steps),
        path=path.parent,
        resources=tuple(resources),
        runtimes=tuple(str(r) for r in data.get("runtimes", ["python", "node"])),
        next={str(k): str(v) for k, v in next_raw.items()},
    )
