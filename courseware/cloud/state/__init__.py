"""State that survives quitting: the embedded cloud's resources saved to and restored from disk."""

from __future__ import annotations
