"""An Amazon States Language definition drawn top to bottom in text (pure, no Textual).

:func:`draw` lays out the graph of :func:`~courseware.tui.consoles.stepfunctions.asl_states.build_graph` with
box-drawing characters: a box per state with its type, Parallel branches side by side
and a Map's iterator nested inside their state's box, Choice rules and Catch errors as
edge labels (Catch edges dashed), Start and End markers. Loops are noted in the box
of the state they leave from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from courseware.tui.consoles.stepfunctions.asl_canvas import Canvas, Rect
from courseware.tui.consoles.stepfunctions.asl_layout import Layout, layout
from courseware.tui.consoles.stepfunctions.asl_states import (
    END,
    NAME_MAX,
    START,
    Edge,
    StateGraph,
    build_graph,
    rule_label,
    shorten,
)

__all__ = ["END", "START", "Drawing", "Edge", "StateGraph", "build_graph", "draw", "rule_label"]

MARKERS = {START: "( Start )", END: "( End )"}


@dataclass
class Drawing:
    """The text lines of a drawn graph and where each state's box is."""

    lines: list[str]
    boxes: dict[str, Rect]
    compound: set[str] = field(default_factory=set)

    @property
    def width(self) -> int:
        """Columns used."""
        return max((len(line) for line in self.lines), default=0)

    @property
    def height(self) -> int:
        """Rows used."""
        return len(self.lines)


def _compound(name: str, kind: str, parts: list[Drawing]) -> tuple[int, int, Drawing]:
    """Branches side by side inside one box: (width, height, inner drawing)."""
    canvas, boxes, compound, col = Canvas(), {}, set(), 0
    height = max((p.height for p in parts), default=1)
    for index, part in enumerate(parts):
        if index:
            for row in range(height):
                canvas.put(row, col + 1, "┆")
            col += 3
        canvas.blit(0, col, part.lines)
        boxes.update({n: r.moved(col, 0) for n, r in part.boxes.items()})
        compound |= part.compound
        col += max(part.width, 1)
    title = f" {shorten(name, NAME_MAX)} · {kind} "
    width = (max(col, len(title) + 2) + 4) | 1
    pad = (width - 4 - col) // 2
    lines = [" " * pad + line for line in canvas.lines()]
    boxes = {n: r.moved(pad, 0) for n, r in boxes.items()}
    return width, height + 2, Drawing(lines, boxes, compound)


def draw(definition: Mapping[str, Any]) -> Drawing:
    """The definition's graph as text, with Start and End markers."""
    return draw_graph(build_graph(definition))


def draw_graph(graph: StateGraph, markers: bool = True) -> Drawing:
    """Draw ``graph`` (from :func:`build_graph`)."""
    if not graph.states:
        return Drawing(["(no states)"], {})
    rows: dict[str, list[str]] = {}
    inner: dict[str, Drawing] = {}
    size: dict[str, tuple[int, int]] = {}
    for name in graph.states:
        if name in graph.branches:
            parts = [draw_graph(b, markers=False) for b in graph.branches[name]]
            w, h, inner[name] = _compound(name, graph.types[name], parts)
            size[name] = (w, h)
            continue
        rows[name] = [shorten(name, NAME_MAX), graph.details[name]]
        rows[name] += [shorten(f"↺ {e.target}", NAME_MAX) for e in graph.loops if e.source == name]
        size[name] = ((max(len(r) for r in rows[name]) + 4) | 1, len(rows[name]) + 2)
    nodes = list(graph.states)
    if markers:
        nodes = [START, *nodes, END]
        size.update({m: (len(text) | 1, 1) for m, text in MARKERS.items()})
        if not any(e.target == END for e in graph.edges):
            nodes.remove(END)
    lay = layout(
        nodes,
        {n: size[n][0] for n in nodes},
        [(e.source, e.target) for e in graph.edges],
        [max((len(x) for x in e.labels), default=0) for e in graph.edges],
    )
    return _render(graph, lay, size, rows, inner)


def _render(
    graph: StateGraph,
    lay: Layout,
    size: dict[str, tuple[int, int]],
    rows: dict[str, list[str]],
    inner: dict[str, Drawing],
) -> Drawing:
    canvas = Canvas()
    top: list[int] = []
    tracks: dict[int, int] = {}  # segment index -> track
    label_rows: list[int] = []
    track_counts: list[int] = []
    y = 0
    for level, layer in enumerate(lay.layers):
        top.append(y)
        y += max((size[n][1] for n in layer if n not in lay.dummies), default=1)
        used: list[list[tuple[int, int, str, str]]] = []
        labelled = 0
        for index, seg in enumerate(lay.segments):
            if lay.layer_of[seg.source] != level:
                continue
            edge = graph.edges[seg.edge]
            if seg.source == edge.source:
                labelled = max(labelled, len(edge.labels))
            x1, x2 = lay.center(seg.source), lay.center(seg.target)
            if x1 == x2:
                continue
            lo, hi = min(x1, x2), max(x1, x2)
            free = (
                t
                for t, taken in enumerate(used)
                if all(
                    hi + 1 < a or b + 1 < lo or s == seg.source or g == seg.target
                    for a, b, s, g in taken
                )
            )
            track = next(free, len(used))
            if track == len(used):
                used.append([])
            used[track].append((lo, hi, seg.source, seg.target))
            tracks[index] = track
        track_counts.append(len(used))
        label_rows.append(labelled)
        y += len(used) + labelled + 1
    boxes: dict[str, Rect] = {}
    for index, seg in enumerate(lay.segments):
        edge = graph.edges[seg.edge]
        dashed = edge.kind == "catch"
        level = lay.layer_of[seg.source]
        x1, x2 = lay.center(seg.source), lay.center(seg.target)
        start = top[level] + (0 if seg.source in lay.dummies else size[seg.source][1] - 1)
        gap_top = top[level + 1] - 1 - track_counts[level] - label_rows[level]
        end = top[level + 1] - (0 if seg.target in lay.dummies else 1)
        if x1 == x2:
            canvas.vline(x1, start, end, dashed)
        else:
            row = gap_top + tracks[index]
            canvas.vline(x1, start, row, dashed)
            canvas.hline(row, x1, x2, dashed)
            canvas.vline(x2, row, end, dashed)
        if seg.target not in lay.dummies:
            canvas.put(end, x2, "▼")
        if seg.source == edge.source:
            for k, label in enumerate(edge.labels):
                canvas.put(gap_top + track_counts[level] + k, x2 - len(label) // 2, label)
    compound: set[str] = set()
    for level, layer in enumerate(lay.layers):
        for node in layer:
            if node in lay.dummies:
                continue
            w, h = size[node]
            x = lay.center(node) - w // 2
            if node in MARKERS:
                canvas.put(top[level], x, MARKERS[node])
                continue
            rect = Rect(x, top[level], w, h)
            boxes[node] = rect
            canvas.box(rect)
            if node in inner:
                compound.add(node)
                title = f" {shorten(node, NAME_MAX)} · {graph.types[node]} "
                canvas.put(rect.y, x + 2, title)
                canvas.blit(rect.y + 1, x + 2, inner[node].lines)
                boxes.update({n: r.moved(x + 2, rect.y + 1) for n, r in inner[node].boxes.items()})
                compound |= inner[node].compound
            else:
                for k, text in enumerate(rows[node]):
                    canvas.put(rect.y + 1 + k, x + (w - len(text)) // 2, text)
    return Drawing(canvas.lines(), boxes, compound)
