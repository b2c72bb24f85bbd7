"""The learner's progress: a SQLite store with migrations, FSRS review cards and JSON export."""

from __future__ import annotations

from courseware.course.progress.cards import lab_item, quiz_item
from courseware.course.progress.models import AnswerRecord, ExamResult, Location, StepProgress
from courseware.course.progress.schema import SCHEMA_VERSION, SchemaError
from courseware.course.progress.store import ProgressStore, StoreError, default_path
from courseware.course.progress.transfer import ImportFormatError

__all__ = [
    "SCHEMA_VERSION",
    "AnswerRecord",
    "ExamResult",
    "ImportFormatError",
    "Location",
    "ProgressStore",
    "SchemaError",
    "StepProgress",
    "StoreError",
    "default_path",
    "lab_item",
    "quiz_item",
]
