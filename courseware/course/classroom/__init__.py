"""A classroom: the roster and its accounts, sessions, notes and the grade reports."""

from __future__ import annotations

from courseware.course.classroom.roster import INSTRUCTOR, ClassError, ClassRoom, Learner

__all__ = ["INSTRUCTOR", "ClassError", "ClassRoom", "Learner"]
