"""Whether the cloud enforces IAM for handlers: on unless ``COURSEWARE_IAM=off``."""

from __future__ import annotations

import os

ENV = "COURSEWARE_IAM"


def enforced() -> bool:
    """True unless enforcement was turned off (``courseware cloud --iam off`` sets the variable)."""
    return os.environ.get(ENV, "on").strip().lower() not in {"off", "0", "false", "no"}
