"""Loading the whole course from its manifest, ``content/course.yaml``."""

from __future__ import annotations

from pathlib import Path

from courseware.course.chapters import load_chapters
from courseware.course.errors import ContentError, ContentProblem, did_you_mean
from courseware.course.labs import load_lab
from courseware.course.model import Course, Lab
from courseware.course.yamlfile import LineDict, load_yaml
from courseware.paths import project_root

FORMAT_VERSION = 1


def load_course(root: Path | None = None) -> Course:
    """Load and validate the manifest, every chapter and every lab it lists.

    Raises:
        ContentError: all problems found across the course, each naming file and line.
    """
    root = root or project_root()
    manifest_path = root / "content" / "course.yaml"
    manifest = load_yaml(manifest_path)
    problems: list[ContentProblem] = []
    if not isinstance(manifest, LineDict):
        raise ContentError([ContentProblem(manifest_path, 1, "", "the manifest is a YAML mapping")])
    if manifest.get("format_version") != FORMAT_VERSION:
        problems.append(
            ContentProblem(
                manifest_path,
                manifest.key_line("format_version"),
                "field 'format_version'",
                f"this courseware reads format {FORMAT_VERSION}, not {manifest.get('format_version')!r}",
            )
        )
    labs: list[Lab] = []
    for lab_id in manifest.get("labs", []) or []:
        path = root / "labs" / str(lab_id) / "lab.yaml"
        if not path.is_file():
            problems.append(
                ContentProblem(
                    manifest_path,
                    manifest.key_line("labs"),
                    "field 'labs'",
                    f"lab {lab_id!r} has no {path.relative_to(root)}",
                )
            )
            continue
        try:
            labs.append(load_lab(path))
        except ContentError as exc:
            problems.extend(exc.problems)
    chapter_files = sorted((root / "content" / "chapters").glob("*.md"))
    chapters = []
    try:
        chapters = load_chapters(chapter_files, [lab.id for lab in labs])
    except ContentError as exc:
        problems.extend(exc.problems)
    listed = [str(c) for c in manifest.get("chapters", []) or []]
    found = {c.id for c in chapters}
    for chapter_id in listed:
        if chapter_id not in found and not any(p.path in chapter_files for p in problems):
            problems.append(
                ContentProblem(
                    manifest_path,
                    manifest.key_line("chapters"),
                    "field 'chapters'",
                    f"no chapter file has id {chapter_id!r}" + did_you_mean(chapter_id, found),
                )
            )
    for chapter in chapters:
        if chapter.id not in listed:
            problems.append(
                ContentProblem(
                    chapter.path,
                    2,
                    "field 'id'",
                    f"chapter {chapter.id!r} is not listed in content/course.yaml",
                )
            )
    known = {c.id for c in chapters}
    for lab in labs:
        for chapter_id in lab.chapters:
            if known and chapter_id not in known:
                problems.append(
                    ContentProblem(
                        lab.path / "lab.yaml",
                        None,
                        "field 'chapters'",
                        f"unknown chapter {chapter_id!r}" + did_you_mean(chapter_id, known),
                    )
                )
    quiz_files = []
    for name in manifest.get("quizzes", []) or []:
        path = root / "content" / str(name)
        if not path.is_file():
            problems.append(
                ContentProblem(
                    manifest_path,
                    manifest.key_line("quizzes"),
                    "field 'quizzes'",
                    f"quiz bank {name!r} does not exist",
                )
            )
        quiz_files.append(path)
    if problems:
        raise ContentError(problems)
    order = {chapter_id: i for i, chapter_id in enumerate(listed)}
    return Course(
        format_version=FORMAT_VERSION,
        chapters=tuple(sorted(chapters, key=lambda c: order.get(c.id, 999))),
        labs=tuple(labs),
        quiz_files=tuple(quiz_files),
        root=root,
    )
