"""The course: content model and loader, step checks, quiz engine and progress store.

Nothing in this package imports Textual or Rich.
"""

from __future__ import annotations
