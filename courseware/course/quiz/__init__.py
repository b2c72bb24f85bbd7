"""Quiz banks, exam profiles, practice / exam / review sessions and scoring (no UI)."""

from __future__ import annotations

from courseware.course.quiz.bank import bank_files, load_questions, quizzes_dir
from courseware.course.quiz.catalog import QuizCatalog, load_catalog
from courseware.course.quiz.draw import Draw, allocate, draw_exam
from courseware.course.quiz.exam import ExamOutcome, ExamSession, Reviewed
from courseware.course.quiz.model import Domain, ExamProfile, Option, Question
from courseware.course.quiz.practice import Feedback, PracticeSession, SessionError, due_questions
from courseware.course.quiz.profiles import default_profile, load_profiles
from courseware.course.quiz.scoring import Score, scale, score_exam
from courseware.course.quiz.validate import validate_bank, validate_quizzes

__all__ = [
    "Domain",
    "Draw",
    "ExamOutcome",
    "ExamProfile",
    "ExamSession",
    "Feedback",
    "Option",
    "PracticeSession",
    "Question",
    "QuizCatalog",
    "Reviewed",
    "Score",
    "SessionError",
    "allocate",
    "bank_files",
    "default_profile",
    "draw_exam",
    "due_questions",
    "load_catalog",
    "load_profiles",
    "load_questions",
    "quizzes_dir",
    "scale",
    "score_exam",
    "validate_bank",
    "validate_quizzes",
]
