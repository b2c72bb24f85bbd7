"""The app's entry point: ``courseware`` runs :func:`run`; the app itself is in shell/app.py."""

from __future__ import annotations

from courseware.tui.shell.app import CoursewareApp, run

__all__ = ["CoursewareApp", "run"]
