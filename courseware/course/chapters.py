"""Loading chapters: Markdown with YAML front matter; sections keyed by GitHub heading slugs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from courseware.course.errors import ContentError, ContentProblem, did_you_mean
from courseware.course.model import Chapter, Section
from courseware.course.yamlfile import LineDict, load_yaml

REQUIRED_SECTIONS = ("learning-objectives", "summary")
_FIELDS = {"id", "title", "order", "summary", "labs", "sources"}
_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^(```|~~~)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def split_front_matter(path: Path, text: str) -> tuple[LineDict, str, int]:
    """(front matter, body, line where the body starts).

    Raises:
        ContentError: no front matter, or it is not a YAML mapping.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            [ContentProblem(path, 1, "front matter", "missing: start the file with ---")]
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            front = load_yaml(path, "".join(lines[:index]).replace("---", "", 1) or "{}")
            if not isinstance(front, LineDict):
                raise ContentError([ContentProblem(path, 1, "front matter", "must be a mapping")])
            return front, "".join(lines[index + 1 :]), index + 2
    raise ContentError([ContentProblem(path, 1, "front matter", "not closed with ---")])


def _sections(
    path: Path, body: str, first_line: int, problems: list[ContentProblem]
) -> list[Section]:
    found: list[tuple[str, str, int, int, list[str]]] = []
    in_fence = False
    parent: str | None = None
    for offset, line in enumerate(body.splitlines()):
        if _FENCE.match(line.strip()):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            level, title = len(match.group(1)), match.group(2)
            found.append((slug(title), title, level, first_line + offset, []))
        elif found:
            found[-1][4].append(line)
    sections: list[Section] = []
    seen: set[str] = set()
    for section_id, title, level, line_no, text in found:
        if section_id in seen:
            problems.append(
                ContentProblem(path, line_no, f"section {section_id!r}", "duplicate section id")
            )
        seen.add(section_id)
        if level == 2:
            parent = section_id
        sections.append(
            Section(
                section_id,
                title,
                level,
                line_no,
                "\n".join(text).strip(),
                None if level == 2 else parent,
            )
        )
    return sections


def load_chapter(path: Path, lab_ids: Iterable[str] | None = None) -> Chapter:
    """Load and validate one chapter file.

    Raises:
        ContentError: every problem found, each naming file, line and field.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContentError(
            [ContentProblem(path, None, "", f"cannot read: {exc.strerror}")]
        ) from None
    front, body, body_line = split_front_matter(path, text)
    problems: list[ContentProblem] = []
    for key in sorted(set(front) - _FIELDS):
        problems.append(
            ContentProblem(
                path,
                front.key_line(key),
                f"field {key!r}",
                "unknown field" + did_you_mean(key, _FIELDS),
            )
        )
    for key in ("id", "title", "summary"):
        if not isinstance(front.get(key), str) or not front.get(key):
            problems.append(
                ContentProblem(
                    path, front.key_line(key), f"field {key!r}", "required text is missing"
                )
            )
    if not isinstance(front.get("order"), int):
        problems.append(
            ContentProblem(path, front.key_line("order"), "field 'order'", "must be a whole number")
        )
    labs = _string_list(path, front, "labs", problems)
    sources = _string_list(path, front, "sources", problems)
    known = set(lab_ids) if lab_ids is not None else None
    if known is not None:
        for lab in labs:
            if lab not in known:
                problems.append(
                    ContentProblem(
                        path,
                        front.key_line("labs"),
                        "field 'labs'",
                        f"unknown lab {lab!r}" + did_you_mean(lab, known),
                    )
                )
    sections = _sections(path, body, body_line, problems)
    ids = {s.id for s in sections}
    for required in REQUIRED_SECTIONS:
        if required not in ids:
            problems.append(
                ContentProblem(path, None, f"section {required!r}", "required section is missing")
            )
    if problems:
        raise ContentError(problems)
    return Chapter(
        id=str(front["id"]),
        title=str(front["title"]),
        order=int(front["order"]),
        summary=str(front["summary"]),
        labs=tuple(labs),
        sources=tuple(sources),
        body=body,
        sections=tuple(sections),
        path=path,
    )


def _string_list(
    path: Path, front: LineDict, key: str, problems: list[ContentProblem]
) -> list[str]:
    value: Any = front.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            ContentProblem(path, front.key_line(key), f"field {key!r}", "must be a list of text")
        )
        return []
    return [str(v) for v in value]


def load_chapters(paths: Iterable[Path], lab_ids: Iterable[str] | None = None) -> list[Chapter]:
    """Load several chapters, collecting every problem (and duplicate ids) before raising."""
    chapters: list[Chapter] = []
    problems: list[ContentProblem] = []
    labs = list(lab_ids) if lab_ids is not None else None
    for path in paths:
        try:
            chapter = load_chapter(path, labs)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        clash = next((c for c in chapters if c.id == chapter.id), None)
        if clash is not None:
            problems.append(
                ContentProblem(
                    path,
                    2,
                    "field 'id'",
                    f"duplicate chapter id {chapter.id!r} (also in {clash.path.name})",
                )
            )
        chapters.append(chapter)
    if problems:
        raise ContentError(problems)
    return sorted(chapters, key=lambda c: (c.order, c.id))
