"""Checks on CloudWatch Logs."""

from __future__ import annotations

from courseware.course.checks.base import CheckResult, Cloud, Param, check, fail, ok
from courseware.course.checks.lambda_checks import invocation_logs


@check(function=Param(str))
def log_group_has_invocation(cloud: Cloud, function: str) -> CheckResult:
    """The function's log group /aws/lambda/<name> exists and records an invocation."""
    group = f"/aws/lambda/{function}"
    groups = [
        g["logGroupName"]
        for g in cloud.logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    ]
    if group not in groups:
        return fail(
            f"log group {group}",
            f"Log group {group} does not exist yet: Lambda creates it on the first invocation.",
            group,
            "no such log group",
        )
    count = len(invocation_logs(cloud, function))
    if count == 0:
        return fail(
            f"log group {group}",
            f"Log group {group} has no invocation recorded (no REPORT line).",
            "a REPORT line",
            "no REPORT line: invoke the function",
        )
    return ok(
        f"log group {group}", f"Log group {group} records {count} invocation(s).", "a REPORT line"
    )
