"""The IAM mode in the app: shown beside the cloud's address, switched from the palette.

Enforcement is on by default. The ``iam`` setting (``"off"``) turns it off for the cloud the app
runs itself; ``COURSEWARE_IAM`` in the environment wins over the setting. A cloud another
process runs (``courseware cloud``) keeps its own mode, which the app reads from it.
"""

from __future__ import annotations

import os

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import mode
from courseware.tui.shell import settings


def apply_setting() -> None:
    """Before the app starts its own cloud: the saved setting, unless the environment says."""
    if mode.ENV not in os.environ and settings.load().get("iam") == "off":
        mode.set_enforced(False)


def own_label() -> str:
    """The mode of the cloud this process runs."""
    return mode.describe(mode.enforced())


def shared_label(endpoint: Endpoint) -> str:
    """The mode of a cloud another process runs, or ``""`` if it does not say."""
    on = mode.cloud_enforces(endpoint)
    return "" if on is None else mode.describe(on)


def toggle(owns_cloud: bool) -> tuple[str, str, str]:
    """Switch the mode: (old label, new label, message for the learner).

    The setting is saved either way; only the app's own cloud changes at once.
    """
    on = mode.enforced()
    settings.save(iam="on" if not on else "off")
    if not owns_cloud:
        wanted = "on" if not on else "off"
        return (
            "",
            "",
            f"Saved for next time. This cloud runs in another process: restart it with "
            f"`courseware cloud --iam {wanted}`.",
        )
    old = mode.describe(on)
    mode.set_enforced(not on)
    new = mode.describe(not on)
    return (
        old,
        new,
        f"{new}. Handlers' calls are {'checked against their role' if not on else 'no longer checked'}.",
    )
