"""Checks of a state machine definition before it is sent to the cloud (pure, no Textual).

JSON syntax errors come with their line and column; the Amazon States Language checks
are the ones a learner trips over: StartAt, Next / Default / Choices / Catch targets,
a way to end, known state types.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from courseware.tui.consoles.stepfunctions.asl_states import KNOWN_TYPES

NEEDS_NEXT_OR_END = ("Pass", "Task", "Wait", "Parallel", "Map")


def parse_json(text: str, what: str = "JSON") -> tuple[Any, str | None]:
    """``(value, None)``, or ``(None, "<what> syntax error at line L, column C: …")``."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"{what} syntax error at line {exc.lineno}, column {exc.colno}: {exc.msg}"


def _line_of(text: str, name: str) -> str:
    match = re.search(re.escape(json.dumps(name)) + r"\s*:", text)
    return f" (line {text.count(chr(10), 0, match.start()) + 1})" if match else ""


class _Checker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[str] = []

    def add(self, where: str, message: str, name: str | None = None) -> None:
        self.problems.append(f"{where}{message}{_line_of(self.text, name) if name else ''}")

    def target(self, where: str, field: str, value: Any, names: set[str], state: str) -> None:
        if not isinstance(value, str) or value not in names:
            self.add(where, f"{field} {json.dumps(value)} is not a state", state)

    def scope(self, machine: Any, where: str) -> None:
        if not isinstance(machine, Mapping):
            self.add(where, "must be a JSON object with StartAt and States")
            return
        states = machine.get("States")
        if not isinstance(states, Mapping) or not states:
            self.add(where, "States must be an object with at least one state")
            return
        names = {str(n) for n in states}
        start = machine.get("StartAt")
        if not isinstance(start, str):
            self.add(where, "StartAt is missing (the name of the first state)")
        elif start not in names:
            self.add(where, f"StartAt {json.dumps(start)} is not a state")
        ends = False
        for name, state in states.items():
            ends = self.state(str(name), state, names, where) or ends
        if not ends:
            self.add(where, 'no state ends the execution ("End": true, Succeed or Fail)')

    def state(self, name: str, state: Any, names: set[str], where: str) -> bool:
        """Check one state; whether it can end its scope."""
        at = f"{where}State {json.dumps(name)}: "
        if not isinstance(state, Mapping):
            self.add(at, "must be a JSON object", name)
            return False
        kind = state.get("Type")
        if kind not in KNOWN_TYPES:
            known = ", ".join(sorted(KNOWN_TYPES))
            self.add(at, f"Type {json.dumps(kind)} is not one of {known}", name)
            return False
        if kind == "Choice":
            choices = state.get("Choices")
            if not isinstance(choices, list) or not choices:
                self.add(at, "Choices must be a non-empty list of rules", name)
            else:
                for i, rule in enumerate(choices, 1):
                    nxt = rule.get("Next") if isinstance(rule, Mapping) else None
                    self.target(at, f"Choices[{i}].Next", nxt, names, name)
            if "Default" in state:
                self.target(at, "Default", state["Default"], names, name)
        elif kind in NEEDS_NEXT_OR_END:
            has_next, has_end = "Next" in state, state.get("End") is True
            if has_next == has_end:
                self.add(at, 'needs exactly one of "Next" or "End": true', name)
            if has_next:
                self.target(at, "Next", state["Next"], names, name)
        for i, catcher in enumerate(state.get("Catch") or [], 1):
            nxt = catcher.get("Next") if isinstance(catcher, Mapping) else None
            self.target(at, f"Catch[{i}].Next", nxt, names, name)
        if kind == "Task" and not state.get("Resource"):
            self.add(at, "a Task needs a Resource (e.g. arn:aws:states:::lambda:invoke)", name)
        if kind == "Parallel":
            branches = state.get("Branches")
            if not isinstance(branches, list) or not branches:
                self.add(at, "Branches must be a non-empty list", name)
            else:
                for i, branch in enumerate(branches, 1):
                    self.scope(branch, f"{at}branch {i}: ")
        if kind == "Map":
            iterator = state.get("ItemProcessor", state.get("Iterator"))
            if iterator is None:
                self.add(at, "a Map needs an ItemProcessor (or Iterator)", name)
            else:
                self.scope(iterator, f"{at}ItemProcessor: ")
        return kind in ("Succeed", "Fail") or state.get("End") is True


def check_definition(text: str) -> tuple[dict[str, Any] | None, list[str]]:
    """The parsed definition and what is wrong with it (empty when it can be sent)."""
    value, error = parse_json(text)
    if error:
        return None, [error]
    checker = _Checker(text)
    checker.scope(value, "")
    return (value if isinstance(value, dict) else None), checker.problems


def short_cloud_error(message: str, limit: int = 300) -> str:
    """The cloud's validation error without the parser's long list of expected tokens."""
    message = message.split(" expecting {", 1)[0]
    message = message.replace("An error occurred () when calling the ", "")
    return message if len(message) <= limit else message[: limit - 1] + "…"
