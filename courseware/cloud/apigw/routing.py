"""Matching a request path against API resource paths (``/items/{id}``, ``/{proxy+}``).

A literal segment beats ``{param}``, which beats a greedy ``{name+}``, as API Gateway
chooses: the most specific match wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def match(template: str, path: str) -> tuple[tuple[int, ...], dict[str, str]] | None:
    """(specificity, path parameters) when ``path`` fits ``template``, else None."""
    want, got = _segments(template), _segments(path)
    params: dict[str, str] = {}
    score: list[int] = []
    for index, part in enumerate(want):
        if part.startswith("{") and part.endswith("+}"):
            rest = got[index:]
            if not rest:
                return None
            params[part[1:-2]] = "/".join(rest)
            score.append(0)
            return tuple(score), params
        if index >= len(got):
            return None
        if part.startswith("{") and part.endswith("}"):
            params[part[1:-1]] = got[index]
            score.append(1)
        elif part == got[index]:
            score.append(2)
        else:
            return None
    if len(got) != len(want):
        return None
    return (*score, 3), params


def best(candidates: Iterable[tuple[str, T]], path: str) -> tuple[T, dict[str, str]] | None:
    """The most specific of (template, value) candidates matching ``path``."""
    found: list[tuple[tuple[int, ...], T, dict[str, str]]] = []
    for template, value in candidates:
        hit = match(template, path)
        if hit is not None:
            found.append((hit[0], value, hit[1]))
    if not found:
        return None
    found.sort(key=lambda item: item[0], reverse=True)
    return found[0][1], found[0][2]
