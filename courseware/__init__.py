"""courseware: a terminal app that teaches AWS serverless by doing."""

from __future__ import annotations

__version__ = "0.1.0"
