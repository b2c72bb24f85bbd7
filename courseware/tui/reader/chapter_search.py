"""Full-text search over the chapters' sections (pure; the reader's search screen shows it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from courseware.course.model import Course

SNIPPET_WIDTH = 70


@dataclass(frozen=True)
class Hit:
    """A section that matches a query, with a snippet around the first match."""

    chapter_id: str
    chapter_title: str
    section_id: str
    section_title: str
    snippet: str
    score: int


_MARKDOWN = MarkdownIt("commonmark").enable("table")
_KEPT = {"text", "code_inline"}


def _plain(markdown: str) -> str:
    """Markdown as the reader shows it, flattened to one line: no list markers, no ``**``,
    links keep their text, code keeps its ``<placeholders>``."""
    parts: list[str] = []
    for token in _MARKDOWN.parse(markdown):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in _KEPT:
                    parts.append(child.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    parts.append(" ")
                elif child.type == "image":
                    parts.append(child.content)
            parts.append(" ")
        elif token.type in {"fence", "code_block"}:
            parts.append(f" {token.content} ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def snippet(text: str, terms: list[str], width: int = SNIPPET_WIDTH) -> str:
    """About ``width`` characters of ``text`` around the first term found."""
    lower = text.lower()
    positions = [p for p in (lower.find(t) for t in terms) if p >= 0]
    if not positions:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, min(positions) - width // 5)
    end = min(len(text), start + width)
    start = max(0, end - width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def search(course: Course, query: str, limit: int = 50) -> list[Hit]:
    """Sections whose title or text contain every word of ``query`` (best first).

    A title match counts more than a text match; ties keep the course order.
    """
    terms = [t for t in query.lower().split() if t]
    if not terms:
        return []
    hits: list[tuple[int, int, Hit]] = []
    order = 0
    for chapter in course.chapters:
        for section in chapter.sections:
            order += 1
            title = section.title.lower()
            text = _plain(section.text)
            lower = text.lower()
            if not all(t in title or t in lower for t in terms):
                continue
            score = sum(10 * (t in title) + min(lower.count(t), 5) for t in terms)
            hit = Hit(
                chapter.id,
                chapter.title,
                section.id,
                section.title,
                snippet(text, terms),
                score,
            )
            hits.append((-score, order, hit))
    hits.sort(key=lambda item: (item[0], item[1]))
    return [hit for _, _, hit in hits[:limit]]
