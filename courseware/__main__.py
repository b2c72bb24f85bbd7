"""Allow ``python -m courseware``."""

from __future__ import annotations

from courseware.cli import main

raise SystemExit(main())
