"""What an end-to-end probe's outcome depends on, and the verdicts kept per setup.

A check round runs every few seconds; a probe that uploads an object and waits for the pipeline
must not run on each. Its verdict is kept for the setup it proved: the bucket's Lambda
notifications, each function's code, settings, triggers and role policies. A pass stands until
the setup changes; a failure is tried again after ``RETRY_FAILED`` seconds even if it did not.
"""

from __future__ import annotations

import json
import time
from typing import Any

from courseware.course.checks.base import CheckResult, Cloud
from courseware.course.checks.iam_checks import role_documents, role_name_of
from courseware.course.checks.lambda_checks import get_function

RETRY_FAILED = 30.0
_verdicts: dict[tuple[str, ...], tuple[str, CheckResult, float]] = {}


def fingerprint(cloud: Cloud, functions: list[str], bucket: str | None = None) -> str:
    """The setup a probe through ``functions`` (started by ``bucket``'s events) depends on."""
    parts: list[str] = []
    if bucket is not None:
        found = cloud.s3.get_bucket_notification_configuration(Bucket=bucket)
        parts.append(json.dumps(found.get("LambdaFunctionConfigurations", []), sort_keys=True))
    for function in functions:
        config = get_function(cloud, function)
        if config is None:
            parts.append(f"{function}: none")
            continue
        parts += [str(config.get("CodeSha256")), str(config.get("LastModified"))]
        mappings = cloud.lambda_.list_event_source_mappings(FunctionName=function)
        for m in mappings.get("EventSourceMappings", []):
            parts.append(f"{m.get('UUID')}:{m.get('State')}:{m.get('LastModified')}")
        role = role_name_of(str(config.get("Role", "")))
        try:
            documents: Any = role_documents(cloud, role)
        except Exception:  # the role is gone: that is a setup too
            documents = None
        parts.append(json.dumps(documents, sort_keys=True, default=str))
    return "|".join(parts)


def kept(memo: tuple[str, ...], setup: str) -> CheckResult | None:
    """The verdict proven for this setup, if it still stands."""
    found = _verdicts.get(memo)
    if found is None or found[0] != setup:
        return None
    if not found[1].passed and time.monotonic() - found[2] > RETRY_FAILED:
        return None
    return found[1]


def keep(memo: tuple[str, ...], setup: str, result: CheckResult) -> CheckResult:
    """Remember ``result`` for this setup; return it."""
    _verdicts[memo] = (setup, result, time.monotonic())
    return result
