"""Fixtures: known states of the cloud a step's check must fail on (wrong) or pass on (right).

Declared per step in lab.yaml::

    fixtures:
      wrong:
        - name: the console's default code
          cli: [lambda update-function-code --function-name f --zip-file fileb://{zip:fixtures/x}]
      right:
        - name: the boto3 path
          python: fixtures/boto3_edit.py

Each fixture starts from a fresh cloud, runs the solutions of the steps before this one
(``before: earlier``, the default; ``none``: nothing; or a list of step ids), then its own
``cli:`` lines (via ``courseware aws``), ``bash:`` lines (run from the repository root),
its ``python:`` file, and this step's solution when ``solution: true``. A knowledge step's
fixture gives the answer as ``answer:`` text, or its script prints ``ANSWER: <value>``.
Every lab also gets implicit ones: the start state and "all earlier steps done" (wrong,
resource steps) and the step's own solution (right).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURE_FIELDS = {"name", "before", "cli", "bash", "python", "solution", "answer"}
KINDS = ("wrong", "right")


@dataclass(frozen=True)
class Fixture:
    """One known state: how to build it, and whether the step must pass on it."""

    name: str
    kind: str  # "wrong" or "right"
    before: str | tuple[str, ...] = "earlier"
    cli: tuple[str, ...] = ()
    bash: tuple[str, ...] = ()
    python: str | None = None
    solution: bool = False
    answer: str | None = None
    line: int = 0


def _lines(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def parse_one(
    raw: Any, kind: str, line: int, lab_dir: Path, add: Callable[[int, str], None]
) -> Fixture | None:
    """One fixture mapping, or None (after reporting what is wrong with it)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        add(line, f"each {kind} fixture is a mapping with a 'name:'")
        return None
    for key in sorted(set(raw) - FIXTURE_FIELDS):
        add(line, f"fixture {raw['name']!r} has unknown field {key!r}")
    before = raw.get("before", "earlier")
    if isinstance(before, list):
        before = tuple(str(b) for b in before)
    elif before not in {"earlier", "none"}:
        add(line, f"fixture {raw['name']!r}: 'before' is earlier, none or a list of step ids")
        before = "earlier"
    cli, bash = _lines(raw.get("cli")), _lines(raw.get("bash"))
    if cli is None or bash is None:
        add(line, f"fixture {raw['name']!r}: 'cli' and 'bash' are lists of command lines")
        cli, bash = cli or (), bash or ()
    python = raw.get("python")
    if python is not None and not (lab_dir / str(python)).is_file():
        add(line, f"fixture {raw['name']!r}: file {python!r} does not exist in {lab_dir.name}/")
    answer = raw.get("answer")
    return Fixture(
        name=str(raw["name"]),
        kind=kind,
        before=before,
        cli=cli,
        bash=bash,
        python=str(python) if python is not None else None,
        solution=bool(raw.get("solution", False)),
        answer=str(answer) if answer is not None else None,
        line=line,
    )


def parse_fixtures(
    raw: Any, line: int, lab_dir: Path, add: Callable[[int, str], None]
) -> tuple[Fixture, ...]:
    """A step's ``fixtures:`` mapping (``wrong:`` and ``right:`` lists)."""
    if raw is None:
        return ()
    if not isinstance(raw, dict) or set(raw) - set(KINDS):
        add(line, "fixtures is a mapping with 'wrong:' and/or 'right:' lists")
        return ()
    found: list[Fixture] = []
    for kind in KINDS:
        items = raw.get(kind) or []
        if not isinstance(items, list):
            add(line, f"fixtures {kind!r} must be a list")
            continue
        lines = getattr(items, "item_line", None)
        for index, item in enumerate(items):
            fixture = parse_one(item, kind, lines(index) if lines else line, lab_dir, add)
            if fixture is not None:
                found.append(fixture)
    return tuple(found)
