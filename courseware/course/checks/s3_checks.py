"""Checks on S3 buckets, their event notifications and the resource policy that lets S3 invoke
a function; and the knowledge probe that says which notifications an object key triggers."""

from __future__ import annotations

import fnmatch
from typing import Any

from courseware.course.checks.base import (
    CheckResult,
    Cloud,
    Param,
    check,
    client_error_code,
    fail,
    ok,
    probe,
)
from courseware.course.checks.lambda_checks import get_function

KINDS = {
    "LambdaFunctionConfigurations": "LambdaFunctionArn",
    "QueueConfigurations": "QueueArn",
    "TopicConfigurations": "TopicArn",
}


def bucket_exists_in(cloud: Cloud, bucket: str) -> bool:
    """Whether ``bucket`` exists (and this account may read it)."""
    try:
        cloud.s3.head_bucket(Bucket=bucket)
    except Exception as exc:
        if client_error_code(exc) in {"404", "NoSuchBucket", "403"}:
            return False
        raise
    return True


@check(bucket=Param(str))
def bucket_exists(cloud: Cloud, bucket: str) -> CheckResult:
    """The S3 bucket exists."""
    if bucket_exists_in(cloud, bucket):
        return ok(f"bucket {bucket}", f"Bucket {bucket!r} exists.", bucket)
    names = [b["Name"] for b in cloud.s3.list_buckets().get("Buckets", [])]
    return fail(
        f"bucket {bucket}",
        f"There is no bucket named {bucket!r} yet (names are exact and lower case).",
        bucket,
        ", ".join(names) or "no buckets",
    )


def filter_rules(config: dict[str, Any]) -> dict[str, str]:
    """A notification configuration's key filter as {"prefix": …, "suffix": …} (names any case)."""
    rules = config.get("Filter", {}).get("Key", {}).get("FilterRules", [])
    return {str(r.get("Name", "")).lower(): str(r.get("Value", "")) for r in rules}


def event_matches(events: list[str], event: str) -> bool:
    """Whether a configuration's ``events`` include ``event`` (``s3:ObjectCreated:*`` covers Put)."""
    family = ":".join(event.split(":")[:2])
    return any(e == event or e == f"{family}:*" for e in events)


def key_matches(config: dict[str, Any], key: str) -> bool:
    """Whether the configuration's prefix and suffix filters both match ``key``."""
    rules = filter_rules(config)
    return key.startswith(rules.get("prefix", "")) and key.endswith(rules.get("suffix", ""))


def notifications(cloud: Cloud, bucket: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (kind, destination ARN, configuration) of the bucket's notification configuration."""
    found = cloud.s3.get_bucket_notification_configuration(Bucket=bucket)
    return [
        (kind, str(config.get(field, "")), config)
        for kind, field in KINDS.items()
        for config in found.get(kind, [])
    ]


def function_configs(cloud: Cloud, bucket: str, function: str) -> list[dict[str, Any]]:
    """The bucket's notification configurations that invoke ``function``."""
    return [
        config
        for kind, arn, config in notifications(cloud, bucket)
        if kind == "LambdaFunctionConfigurations" and arn.split(":")[6:7] == [function]
    ]


@check(bucket=Param(str), function=Param(str), prefix=Param(str), suffix=Param(str))
def bucket_notifies_function(
    cloud: Cloud, bucket: str, function: str, prefix: str, suffix: str
) -> CheckResult:
    """The bucket sends object-created events for keys with ``prefix`` and ``suffix`` to the
    function (its filter says exactly that)."""
    where = f"bucket {bucket} notifications"
    if not bucket_exists_in(cloud, bucket):
        return fail(where, f"There is no bucket named {bucket!r}.", bucket, "no such bucket")
    wanted = f"ObjectCreated events for {prefix}*{suffix} to {function}"
    configs = function_configs(cloud, bucket, function)
    if not configs:
        others = ", ".join(arn for _, arn, _ in notifications(cloud, bucket)) or "none"
        return fail(
            where,
            f"No event notification of {bucket!r} invokes the function {function!r}.",
            wanted,
            f"destinations: {others}",
        )
    created = [
        c for c in configs if event_matches(list(c.get("Events", [])), "s3:ObjectCreated:Put")
    ]
    if not created:
        return fail(
            where,
            f"The notification to {function!r} is not for object-created events (s3:ObjectCreated:*).",
            wanted,
            ", ".join(e for c in configs for e in c.get("Events", [])),
        )
    rules = filter_rules(created[0])
    if rules.get("prefix") != prefix or rules.get("suffix") != suffix:
        shown = ", ".join(f"{k}={v!r}" for k, v in rules.items()) or "no filter"
        return fail(
            where,
            f"The notification's filter is {shown}: the lab asks for prefix {prefix!r} and suffix "
            f"{suffix!r}, so that only uploaded text files under {prefix} start the pipeline.",
            f"prefix={prefix!r}, suffix={suffix!r}",
            shown,
        )
    return ok(where, f"{bucket!r} sends {wanted}.", wanted)


def _s3_statements(cloud: Cloud, function: str) -> list[dict[str, Any]]:
    import json

    try:
        policy = cloud.lambda_.get_policy(FunctionName=function)
    except Exception as exc:
        if client_error_code(exc) == "ResourceNotFoundException":
            return []
        raise
    statements = json.loads(policy["Policy"]).get("Statement") or []
    statements = statements if isinstance(statements, list) else [statements]
    return [s for s in statements if _principal(s) == "s3.amazonaws.com"]


def _principal(statement: dict[str, Any]) -> str:
    principal = statement.get("Principal") or {}
    return str(principal.get("Service") if isinstance(principal, dict) else principal)


def condition_value(statement: dict[str, Any], key: str) -> str | None:
    """The value a statement's condition gives ``key`` (operator and key case ignored)."""
    for values in (statement.get("Condition") or {}).values():
        for name, value in (values or {}).items():
            if str(name).lower() == key.lower():
                return str(value[0] if isinstance(value, list) else value)
    return None


def s3_may_invoke(statement: dict[str, Any], bucket: str, account: str) -> bool:
    """The statement allows S3 to invoke the function for ``bucket`` of ``account`` only."""
    actions = statement.get("Action") or []
    actions = actions if isinstance(actions, list) else [actions]
    if statement.get("Effect") != "Allow":
        return False
    if not any(a in {"lambda:InvokeFunction", "lambda:*"} for a in actions):
        return False
    source = condition_value(statement, "aws:SourceArn")
    owner = condition_value(statement, "aws:SourceAccount")
    return (
        source is not None
        and fnmatch.fnmatchcase(f"arn:aws:s3:::{bucket}", source)
        and owner == account
    )


@check(function=Param(str), bucket=Param(str))
def function_allows_s3(cloud: Cloud, function: str, bucket: str) -> CheckResult:
    """The function's resource policy lets S3 invoke it for this bucket of this account only."""
    where = f"function {function} resource policy"
    if get_function(cloud, function) is None:
        return fail(
            where, f"There is no function named {function!r}.", function, "no such function"
        )
    account = str(cloud.sts.get_caller_identity()["Account"])
    wanted = f"an Allow for s3.amazonaws.com with SourceArn arn:aws:s3:::{bucket} and SourceAccount {account}"
    statements = _s3_statements(cloud, function)
    if any(s3_may_invoke(s, bucket, account) for s in statements):
        return ok(where, f"S3 may invoke {function!r} for bucket {bucket!r} of {account}.", wanted)
    if not statements:
        reason = (
            "No statement lets s3.amazonaws.com invoke the function: run lambda add-permission."
        )
    elif not any(condition_value(s, "aws:SourceArn") for s in statements):
        reason = (
            "A statement lets S3 invoke the function for any bucket of anyone: add "
            f"--source-arn arn:aws:s3:::{bucket}."
        )
    elif not any(condition_value(s, "aws:SourceAccount") == account for s in statements):
        reason = (
            "A bucket ARN names no account, and a deleted bucket's name can be taken by another "
            f"account: add --source-account {account}."
        )
    else:
        reason = f"The statement's SourceArn does not name arn:aws:s3:::{bucket}."
    return fail(where, reason, wanted, f"{len(statements)} statement(s) for s3.amazonaws.com")


@probe(
    numeric=True,
    empty="bucket {bucket} has no event notifications yet",
    bucket=Param(str),
    key=Param(str),
)
def notifications_for_key(cloud: Cloud, bucket: str, key: str) -> list[str]:
    """How many of the bucket's notifications an upload (PutObject) of ``key`` triggers."""
    if not bucket_exists_in(cloud, bucket):
        return []
    configs = notifications(cloud, bucket)
    if not configs:
        return []
    matching = [
        c
        for _, _, c in configs
        if event_matches(list(c.get("Events", [])), "s3:ObjectCreated:Put") and key_matches(c, key)
    ]
    return [str(len(matching))]
