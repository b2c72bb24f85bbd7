"""Every topic the course must teach has a chapter section that really covers it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from courseware.course.loader import load_course

TOPICS = yaml.safe_load((Path(__file__).parent / "chapter_topics.yaml").read_text())
COURSE = load_course()


@pytest.mark.parametrize("entry", TOPICS, ids=[t["topic"] for t in TOPICS])
def test_topic_has_a_section(entry: dict[str, object]) -> None:
    chapter = COURSE.chapter(str(entry["chapter"]))
    assert chapter is not None, f"no chapter {entry['chapter']!r}"
    section = chapter.section(str(entry["section"]))
    assert section is not None, f"{chapter.path.name} has no section {entry['section']!r}"
    # Compare words, not Markdown: drop emphasis markers and fold line breaks.
    text = " ".join((section.title + " " + section.text).replace("*", "").split()).lower()
    missing = [k for k in entry["keywords"] if str(k).lower() not in text]  # type: ignore[attr-defined]
    assert not missing, f"{chapter.path.name}#{section.id} does not mention {missing}"


def test_every_chapter_is_a_real_chapter() -> None:
    assert len(COURSE.chapters) >= 10
    for chapter in COURSE.chapters:
        words = len(chapter.body.split())
        assert 800 <= words <= 2500, f"{chapter.path.name}: {words} words"
        assert "> **Key facts**" in chapter.body and "> **Exam tip**" in chapter.body, (
            chapter.path.name
        )
        assert chapter.sources, chapter.path.name
        assert {"learning-objectives", "summary", "practise-it", "sources"} <= {
            s.id for s in chapter.sections
        }
