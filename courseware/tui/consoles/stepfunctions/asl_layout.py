"""Layered layout of a directed acyclic graph for text drawing (pure, no Textual).

The classic Sugiyama steps, kept small: longest-path layers, dummy nodes for edges
that skip layers, barycentre ordering (keeping the order with fewest crossings) and
horizontal placement by isotonic regression (each node as close as possible to the
mean of its neighbours, never overlapping).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

GAP = 3  # columns between neighbouring slots


@dataclass(frozen=True)
class Segment:
    """One part of an edge between adjacent layers (``edge`` indexes the original edges)."""

    source: str
    target: str
    edge: int


@dataclass
class Layout:
    """Where every node goes: its layer, its slot (left column, width) and its centre."""

    layers: list[list[str]]
    layer_of: dict[str, int]
    slots: dict[str, tuple[int, int]]
    segments: list[Segment]
    dummies: set[str] = field(default_factory=set)

    def center(self, node: str) -> int:
        """The column where edges meet ``node``."""
        x, width = self.slots[node]
        return x + width // 2

    @property
    def width(self) -> int:
        """Columns used."""
        return max((x + w for x, w in self.slots.values()), default=0)


def assign_layers(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layers: every edge goes down at least one layer (edges must form a DAG)."""
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    succs: dict[str, list[str]] = {n: [] for n in nodes}
    for source, target in edges:
        preds[target].append(source)
        succs[source].append(target)
    rank = {n: i for i, n in enumerate(nodes)}
    waiting = {n: len(preds[n]) for n in nodes}
    ready = sorted((n for n in nodes if not waiting[n]), key=rank.__getitem__)
    layer: dict[str, int] = {}
    while ready:
        node = ready.pop(0)
        layer[node] = max((layer[p] + 1 for p in preds[node]), default=0)
        for succ in succs[node]:
            waiting[succ] -= 1
            if not waiting[succ]:
                ready.append(succ)
                ready.sort(key=rank.__getitem__)
    for node in nodes:  # only reached on a cycle; keep going rather than fail
        layer.setdefault(node, 0)
    return layer


def _crossings(upper: list[str], lower: list[str], segments: list[Segment]) -> int:
    up = {n: i for i, n in enumerate(upper)}
    low = {n: i for i, n in enumerate(lower)}
    pairs = [(up[s.source], low[s.target]) for s in segments if s.source in up and s.target in low]
    return sum(
        1 for i, a in enumerate(pairs) for b in pairs[i + 1 :] if (a[0] - b[0]) * (a[1] - b[1]) < 0
    )


def _total_crossings(layers: list[list[str]], segments: list[Segment]) -> int:
    return sum(_crossings(layers[i], layers[i + 1], segments) for i in range(len(layers) - 1))


def _order(layers: list[list[str]], segments: list[Segment]) -> list[list[str]]:
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for seg in segments:
        preds.setdefault(seg.target, []).append(seg.source)
        succs.setdefault(seg.source, []).append(seg.target)
    best = [list(layer) for layer in layers]
    best_score = _total_crossings(best, segments)
    current = [list(layer) for layer in layers]
    for sweep in range(8):
        down = sweep % 2 == 0
        indices = range(1, len(current)) if down else range(len(current) - 2, -1, -1)
        for i in indices:
            ref = {n: k for k, n in enumerate(current[i - 1 if down else i + 1])}
            neighbours = preds if down else succs
            keys: dict[str, float] = {}
            for k, node in enumerate(current[i]):
                linked = [ref[n] for n in neighbours.get(node, []) if n in ref]
                keys[node] = sum(linked) / len(linked) if linked else float(k)
            current[i].sort(key=lambda n: keys[n])
        score = _total_crossings(current, segments)
        if score < best_score:
            best, best_score = [list(layer) for layer in current], score
    return best


def _isotonic(values: list[float]) -> list[float]:
    """The non-decreasing sequence closest (least squares) to ``values`` (pool adjacent)."""
    blocks: list[list[float]] = []  # [mean, count]
    for value in values:
        blocks.append([value, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            prev = blocks[-1]
            prev[0] = (prev[0] * prev[1] + mean * count) / (prev[1] + count)
            prev[1] += count
    out: list[float] = []
    for mean, count in blocks:
        out.extend([mean] * int(count))
    return out


def _pack(layer: list[str], widths: dict[str, int], desired: dict[str, float]) -> dict[str, int]:
    """Left columns for ``layer`` in order, centres near ``desired``, at least GAP apart."""
    offsets, total = [], 0
    for node in layer:
        offsets.append(total)
        total += widths[node] + GAP
    wanted = [desired[n] - widths[n] / 2 - off for n, off in zip(layer, offsets, strict=True)]
    fitted = _isotonic(wanted)
    return {n: math.floor(y + 0.5) + off for n, y, off in zip(layer, fitted, offsets, strict=True)}


def _place(
    layers: list[list[str]], widths: dict[str, int], segments: list[Segment]
) -> dict[str, int]:
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for seg in segments:
        preds.setdefault(seg.target, []).append(seg.source)
        succs.setdefault(seg.source, []).append(seg.target)
    x: dict[str, int] = {}
    for layer in layers:
        x.update(_pack(layer, widths, {n: 0.0 for n in layer}))

    def centre(node: str) -> float:
        return x[node] + widths[node] / 2

    for sweep in range(7):
        down = sweep % 2 == 0
        order = layers[1:] if down else layers[-2::-1]
        neighbours = preds if down else succs
        for layer in order:
            desired = {}
            for node in layer:
                linked = [centre(n) for n in neighbours.get(node, [])]
                desired[node] = sum(linked) / len(linked) if linked else centre(node)
            x.update(_pack(layer, widths, desired))
    shift = min(x.values(), default=0)
    return {n: v - shift for n, v in x.items()}


def layout(
    nodes: Sequence[str],
    widths: dict[str, int],
    edges: Sequence[tuple[str, str]],
    label_widths: Sequence[int] = (),
) -> Layout:
    """Lay out ``nodes`` (in preferred order) joined by acyclic ``edges``.

    Args:
        nodes: Node ids; their order breaks ties (first in order goes left).
        widths: Columns each node needs.
        edges: (source, target) pairs forming a DAG.
        label_widths: Per edge, columns its label needs above the next node down.
    """
    layer_of = assign_layers(nodes, edges)
    slot = {n: w | 1 for n, w in widths.items()}  # odd widths: centres line up exactly
    rank: dict[str, float] = {n: i for i, n in enumerate(nodes)}
    segments: list[Segment] = []
    dummies: set[str] = set()
    for index, (source, target) in enumerate(edges):
        if layer_of[target] <= layer_of[source]:
            continue  # a cycle slipped through: leave the edge out rather than fail
        label = label_widths[index] if index < len(label_widths) else 0
        previous = source
        for level in range(layer_of[source] + 1, layer_of[target]):
            dummy = f"\0{index}:{level}"
            dummies.add(dummy)
            layer_of[dummy] = level
            slot[dummy] = 1
            rank[dummy] = rank[source] + 0.5 + index / 1000
            segments.append(Segment(previous, dummy, index))
            previous = dummy
        segments.append(Segment(previous, target, index))
        first = segments[-(layer_of[target] - layer_of[source])].target
        slot[first] = max(slot[first], label | 1)
    depth = max(layer_of.values(), default=-1) + 1
    layers: list[list[str]] = [[] for _ in range(depth)]
    for node in sorted(layer_of, key=rank.__getitem__):
        layers[layer_of[node]].append(node)
    layers = _order(layers, segments)
    lefts = _place(layers, slot, segments)
    slots = {n: (lefts[n], slot[n]) for n in layer_of}
    return Layout(layers, layer_of, slots, segments, dummies)
