"""Whether a function's role lets Lambda write its logs, as AWS decides it.

Lambda writes a function's logs with the function's execution role: it needs
``logs:CreateLogGroup`` (while the group does not exist), ``logs:CreateLogStream`` (for a new
stream) and ``logs:PutLogEvents``. Without them AWS runs the function and silently writes no
logs — the runtime here does the same. Always allowed when enforcement is off.
"""

from __future__ import annotations

from typing import Any

from courseware.cloud.iam import evaluate, mode


def may_write_logs(fn: Any, group: str, stream: str) -> bool:
    """Whether ``fn``'s role allows writing ``stream`` of ``group`` (creating them if missing)."""
    if not mode.enforced():
        return True
    from moto.iam.models import iam_backends

    account, region = str(fn.account_id), str(fn.region)
    backend = iam_backends[account]["global"]
    try:
        policies = evaluate.role_policies(backend, str(fn.role).rsplit("/", 1)[-1])
    except Exception:  # the role is gone: nothing allows anything
        return False
    group_arn = f"arn:aws:logs:{region}:{account}:log-group:{group}"
    stream_arn = f"{group_arn}:log-stream:{stream}"
    existing = fn.logs_backend.groups.get(group)
    needed = [("logs:PutLogEvents", stream_arn)]
    if existing is None or stream not in existing.streams:
        needed.append(("logs:CreateLogStream", stream_arn))
    if existing is None:
        needed.append(("logs:CreateLogGroup", group_arn))
    return all(evaluate.evaluate(policies, action, arn).allowed for action, arn in needed)
