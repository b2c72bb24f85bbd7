"""The states and edges of an Amazon States Language definition (pure, no Textual).

:func:`build_graph` follows the definition from StartAt, depth first: edges for Next,
Choice rules (labelled briefly), Default, Catch (labelled with the errors), and the
Start and End markers; edges that go back up (loops) are kept apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

START, END = "\0start", "\0end"
KNOWN_TYPES = frozenset({"Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"})
LABEL_MAX = 28
NAME_MAX = 30
_OPS = {
    "GreaterThanEquals": ">=",
    "LessThanEquals": "<=",
    "GreaterThan": ">",
    "LessThan": "<",
    "Equals": "==",
    "Matches": "~",
}


@dataclass(frozen=True)
class Edge:
    """An arrow between states (``kind``: start, next, choice, default, catch or end)."""

    source: str
    target: str
    labels: tuple[str, ...] = ()
    kind: str = "next"


@dataclass
class StateGraph:
    """The states of one level of a definition (top level, a branch or an iterator)."""

    states: list[str]
    types: dict[str, str]
    details: dict[str, str]
    edges: list[Edge]
    loops: list[Edge] = field(default_factory=list)
    branches: dict[str, list[StateGraph]] = field(default_factory=dict)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rule_label(rule: Mapping[str, Any]) -> str:
    """A short label for a Choice rule, e.g. ``IsHelloWorldExample == true``."""
    if "Condition" in rule:
        return shorten(str(rule["Condition"]).strip("{}% "), LABEL_MAX)
    for combinator in ("And", "Or"):
        if isinstance(rule.get(combinator), list):
            return f"{combinator}({len(rule[combinator])} rules)"
    if isinstance(rule.get("Not"), Mapping):
        return shorten("not " + rule_label(rule["Not"]), LABEL_MAX)
    variable = str(rule.get("Variable", "$")).removeprefix("$.")
    for key, value in rule.items():
        if key.startswith("Is"):
            test = key[2:].lower()
            return shorten(f"{variable} {test}" if value else f"{variable} not {test}", LABEL_MAX)
        base = key.removesuffix("Path")
        for suffix, op in _OPS.items():
            if base.endswith(suffix) and base != suffix:
                shown = str(value).removeprefix("$.") if key != base else json.dumps(value)
                return shorten(f"{variable} {op} {shown}", LABEL_MAX)
    return "rule"


def type_line(state: Mapping[str, Any]) -> str:
    """The state's type with a short detail (``Wait · 3 s``, ``Task · lambda:invoke``)."""
    kind = str(state.get("Type", "?"))
    detail = ""
    if kind == "Task":
        resource = str(state.get("Resource", ""))
        if resource.startswith("arn:aws:states:::"):
            detail = resource.removeprefix("arn:aws:states:::")
        elif ":function:" in resource:
            detail = "λ " + resource.split(":function:")[1]
    elif kind == "Wait":
        for key in ("Seconds", "SecondsPath", "Timestamp", "TimestampPath"):
            if key in state:
                value = state[key]
                detail = f"{value} s" if key == "Seconds" else f"{key} {value}"
                break
    elif kind == "Fail" and state.get("Error"):
        detail = str(state["Error"])
    elif kind not in KNOWN_TYPES:
        kind = f"? {kind}"
    return shorten(f"{kind} · {detail}" if detail else kind, NAME_MAX)


def _out_edges(name: str, state: Mapping[str, Any], names: set[str], markers: bool) -> list[Edge]:
    raw: list[Edge] = []
    if state.get("Type") == "Choice":
        for rule in state.get("Choices") or []:
            if isinstance(rule, Mapping):
                raw.append(Edge(name, str(rule.get("Next")), (rule_label(rule),), "choice"))
        if "Default" in state:
            raw.append(Edge(name, str(state["Default"]), ("Default",), "default"))
    elif "Next" in state:
        raw.append(Edge(name, str(state["Next"])))
    if markers and (state.get("End") is True or state.get("Type") in ("Succeed", "Fail")):
        raw.append(Edge(name, END, kind="end"))
    for catcher in state.get("Catch") or []:
        if isinstance(catcher, Mapping):
            errors = ",".join(str(e) for e in catcher.get("ErrorEquals") or [])
            label = shorten(f"catch {errors}", LABEL_MAX)
            raw.append(Edge(name, str(catcher.get("Next")), (label,), "catch"))
    merged: dict[str, Edge] = {}
    for edge in raw:
        if edge.target not in names and edge.target != END:
            continue
        old = merged.get(edge.target)
        if old is None:
            merged[edge.target] = edge
        else:
            kind = old.kind if old.kind != "catch" else edge.kind
            merged[edge.target] = Edge(name, edge.target, old.labels + edge.labels, kind)
    return list(merged.values())


def _branch_graphs(state: Mapping[str, Any]) -> list[StateGraph]:
    if state.get("Type") == "Parallel":
        parts = [b for b in state.get("Branches") or [] if isinstance(b, Mapping)]
    else:
        iterator = state.get("ItemProcessor") or state.get("Iterator")
        parts = [iterator] if isinstance(iterator, Mapping) else []
    return [build_graph(part, markers=False) for part in parts]


def build_graph(definition: Mapping[str, Any], markers: bool = True) -> StateGraph:
    """The states (depth-first from StartAt) and edges of a definition; bad targets are left out."""
    raw_states = definition.get("States")
    states = (
        {str(k): v for k, v in (raw_states or {}).items() if isinstance(v, Mapping)}
        if isinstance(raw_states, Mapping)
        else {}
    )
    names = set(states)
    out = {n: _out_edges(n, s, names, markers) for n, s in states.items()}
    order: list[str] = []
    on_path: set[str] = set()
    loops: list[Edge] = []

    def visit(name: str) -> None:
        order.append(name)
        on_path.add(name)
        for edge in out[name]:
            if edge.target in on_path:
                loops.append(edge)
            elif edge.target in names and edge.target not in order:
                visit(edge.target)
        on_path.discard(name)

    start = definition.get("StartAt")
    roots = ([str(start)] if start in names else []) + list(states)
    for root in roots:
        if root not in order:
            visit(root)
    edges = [e for n in order for e in out[n] if e not in loops]
    if markers and order:
        edges.insert(0, Edge(START, roots[0], kind="start"))
    graph = StateGraph(
        states=order,
        types={n: str(states[n].get("Type", "?")) for n in order},
        details={n: type_line(states[n]) for n in order},
        edges=edges,
        loops=loops,
    )
    for name in order:
        if graph.types[name] in ("Parallel", "Map"):
            graph.branches[name] = _branch_graphs(states[name])
    return graph
