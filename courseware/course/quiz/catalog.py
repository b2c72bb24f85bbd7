"""Everything the quiz screens and commands need: profiles, valid questions, chapter names.

Loading is forgiving (the app must open even when one question is broken): invalid
questions are left out and their problems kept in ``problems``; ``courseware validate``
is where they fail loudly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from courseware.course.errors import ContentError, ContentProblem
from courseware.course.quiz.bank import bank_files, load_questions
from courseware.course.quiz.coverage import Coverage, load_coverage
from courseware.course.quiz.model import ExamProfile, Question
from courseware.course.quiz.profiles import default_profile, load_profiles
from courseware.paths import project_root


@dataclass(frozen=True)
class ChapterInfo:
    """A chapter's title and its sections' titles, for links and menus."""

    id: str
    title: str
    order: int
    sections: dict[str, str]


@dataclass
class QuizCatalog:
    """Profiles, questions and chapter names."""

    profiles: dict[str, ExamProfile]
    questions: list[Question]
    chapters: dict[str, ChapterInfo] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)
    coverage: Coverage | None = (
        None  # the default exam's task statements, when the course maps them
    )

    @property
    def default_profile(self) -> ExamProfile:
        """The default exam profile (DVA-C02)."""
        return default_profile(self.profiles)

    def by_id(self) -> dict[str, Question]:
        """Questions by id."""
        return {q.id: q for q in self.questions}

    def for_chapter(self, chapter_id: str) -> list[Question]:
        """A chapter's questions in bank order."""
        return [q for q in self.questions if q.chapter == chapter_id]

    def for_domain(self, profile_id: str, domain_id: str) -> list[Question]:
        """Questions in one domain of a profile."""
        return [q for q in self.questions if q.domains.get(profile_id) == domain_id]

    def chapter_counts(self) -> dict[str, int]:
        """Questions per chapter id, in chapter order (chapters without a title last)."""
        counts = Counter(q.chapter for q in self.questions)
        return dict(sorted(counts.items(), key=lambda kv: (self._order(kv[0]), kv[0])))

    def domain_counts(self, profile: ExamProfile) -> dict[str, int]:
        """Questions per domain of ``profile`` (every domain listed, in profile order)."""
        counts = Counter(q.domains.get(profile.id) for q in self.questions)
        return {d.id: counts.get(d.id, 0) for d in profile.domains}

    def chapter_title(self, chapter_id: str) -> str:
        """A chapter's title (its id when chapters are not loaded)."""
        info = self.chapters.get(chapter_id)
        return info.title if info else chapter_id

    def section_title(self, chapter_id: str, section_id: str) -> str:
        """A section's title (its id when unknown)."""
        info = self.chapters.get(chapter_id)
        return info.sections.get(section_id, section_id) if info else section_id

    def _order(self, chapter_id: str) -> int:
        info = self.chapters.get(chapter_id)
        return info.order if info else 10_000


def load_chapter_info(root: Path | None = None) -> dict[str, ChapterInfo]:
    """Chapter titles and section titles from ``content/chapters`` (each file on its own)."""
    from courseware.course.chapters import load_chapter

    result: dict[str, ChapterInfo] = {}
    for path in sorted(((root or project_root()) / "content" / "chapters").glob("*.md")):
        try:
            chapter = load_chapter(path)
        except ContentError:
            continue
        result[chapter.id] = ChapterInfo(
            chapter.id, chapter.title, chapter.order, {s.id: s.title for s in chapter.sections}
        )
    return result


def load_catalog(root: Path | None = None, *, with_chapters: bool = True) -> QuizCatalog:
    """Load profiles, questions (skipping invalid ones) and chapter names.

    Raises:
        ContentError: the exam profiles themselves are broken (nothing can run).
    """
    profiles = load_profiles(root)
    questions, problems = load_questions(bank_files(root), profiles)
    chapters = load_chapter_info(root) if with_chapters else {}
    try:
        coverage = load_coverage(default_profile(profiles).id, root)
    except ContentError as exc:
        problems.extend(exc.problems)
        coverage = None
    return QuizCatalog(profiles, questions, chapters, problems, coverage)
