"""The Textual app: screens, widgets and one stylesheet."""

from __future__ import annotations
