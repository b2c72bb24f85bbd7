"""Checks on CloudFormation (SAM) stacks: what the deployed stack does, not how it looks.

``stack_api_answers`` calls the stack's API output through the embedded API Gateway;
``stack_consumes_queue`` proves the stack wired its queue to its function and that the
function takes an SQS batch; ``alias_answers`` invokes an alias; ``stack_rolled_back`` reads
the stack's status and events after a failed update. Invocations the checks make carry the
probe ClientContext (no log lines) wherever Lambda is called directly.
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
import uuid
import zipfile
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
from courseware.course.checks.outcome_checks import (
    PROBE_CONTEXT,
    invoke_quietly,
    probe_token,
    sqs_event,
)

COMPLETE = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"}


def describe_stack(cloud: Cloud, stack: str) -> dict[str, Any] | None:
    """The stack's description, or None when no such stack exists."""
    try:
        return dict(cloud.cloudformation.describe_stacks(StackName=stack)["Stacks"][0])
    except Exception as exc:
        if client_error_code(exc) == "ValidationError":
            return None
        raise


def outputs(described: dict[str, Any]) -> dict[str, str]:
    """The stack's outputs by key."""
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs") or []}


def _stack_or_fail(cloud: Cloud, stack: str) -> tuple[dict[str, Any] | None, CheckResult | None]:
    described = describe_stack(cloud, stack)
    where = f"stack {stack}"
    if described is None:
        return None, fail(
            where,
            f"There is no CloudFormation stack named {stack!r} yet: deploy the template.",
            f"a stack named {stack}",
            "no such stack",
        )
    status = str(described.get("StackStatus"))
    if status not in COMPLETE:
        return None, fail(
            where,
            f"Stack {stack!r} is {status}: read its events (describe-stack-events) to see why.",
            " or ".join(sorted(COMPLETE)),
            status,
        )
    return described, None


@check(bucket=Param(str), contains=Param(list))
def s3_artifact_holds(cloud: Cloud, bucket: str, contains: list[str]) -> CheckResult:
    """The bucket holds a .zip artifact (as `cloudformation package` uploads) with one of the files."""
    where = f"bucket {bucket}"
    try:
        listed = cloud.s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    except Exception as exc:
        if client_error_code(exc) == "NoSuchBucket":
            return fail(where, f"There is no bucket named {bucket!r}.", where, "no such bucket")
        raise
    seen: list[str] = []
    for item in listed:
        body = cloud.s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        if not zipfile.is_zipfile(io.BytesIO(body)):
            seen.append(f"{item['Key']} (not a zip)")
            continue
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        if any(n in names for n in contains):
            return ok(
                where, f"{bucket} holds the packaged code {item['Key']}.", ", ".join(contains)
            )
        seen.append(f"{item['Key']} ({', '.join(names[:5])})")
    return fail(
        where,
        f"{bucket} holds no packaged code: run `aws cloudformation package` with "
        f"--s3-bucket {bucket} (it zips CodeUri and uploads it).",
        f"a .zip holding {' or '.join(contains)}",
        "; ".join(seen) or "an empty bucket",
    )


def call_api(cloud: Cloud, url: str, query: str) -> tuple[int, str]:
    """(status, body) of GET ``url?query`` through the embedded API Gateway's path-style route."""
    host, _, rest = url.split("//", 1)[-1].partition("/")
    api_id = host.split(".", 1)[0]
    stage, _, path = rest.partition("/")
    target = f"{cloud.endpoint.url}/restapis/{api_id}/{stage}/_user_request_/{path}?{query}"
    try:
        with urllib.request.urlopen(target, timeout=60) as response:
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return int(exc.code), exc.read().decode("utf-8", "replace")


@check(stack=Param(str), output=Param(str), contains=Param(str, False, ""))
def stack_api_answers(cloud: Cloud, stack: str, output: str, contains: str = "") -> CheckResult:
    """GET <the stack's output URL>?name=<probe> answers 200 with the probe (and ``contains``)."""
    described, problem = _stack_or_fail(cloud, stack)
    if described is None:
        assert problem is not None
        return problem
    where = f"stack {stack}"
    url = outputs(described).get(output)
    if not url:
        return fail(
            where,
            f"Stack {stack!r} has no output {output!r}: the template's Outputs must declare it.",
            f"an output {output}",
            ", ".join(outputs(described)) or "no outputs",
        )
    token = probe_token()
    status, body = call_api(cloud, url, f"name={token}")
    wanted = [token, *([contains] if contains else [])]
    if status != 200 or not all(w in body for w in wanted):
        return fail(
            where,
            f"GET {url}?name={token} answered {status} {body[:200]}: the function behind the "
            f"API should greet the name{f' and say {contains!r}' if contains else ''}.",
            "200 with " + " and ".join(repr(w) for w in wanted),
            f"{status} {body[:200]}",
        )
    return ok(where, f"GET {url}?name=… answered 200 {body[:120]}.", "200")


@check(stack=Param(str), function_output=Param(str), queue_output=Param(str))
def stack_consumes_queue(
    cloud: Cloud, stack: str, function_output: str, queue_output: str
) -> CheckResult:
    """The stack's queue triggers the stack's function (enabled), and the function takes a batch."""
    described, problem = _stack_or_fail(cloud, stack)
    if described is None:
        assert problem is not None
        return problem
    where = f"stack {stack}"
    found = outputs(described)
    function, queue_url = found.get(function_output), found.get(queue_output)
    if not function or not queue_url:
        return fail(
            where,
            f"Stack {stack!r} needs the outputs {function_output} and {queue_output}.",
            f"{function_output}, {queue_output}",
            ", ".join(found) or "no outputs",
        )
    arn = cloud.sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    mappings = cloud.lambda_.list_event_source_mappings(FunctionName=function)
    wired = [
        m
        for m in mappings.get("EventSourceMappings", [])
        if m.get("EventSourceArn") == arn and m.get("State") in {"Enabled", "Enabling"}
    ]
    if not wired:
        return fail(
            where,
            f"The stack's queue does not trigger {function!r}: give the function an SQS event "
            "(Events: … Type: SQS) and deploy again.",
            f"an enabled event source mapping {arn} → {function}",
            "none",
        )
    _, error = invoke_quietly(cloud, function, sqs_event(arn, str(uuid.uuid4()), probe_token()))
    if error is not None:
        return fail(where, f"{function!r} fails on an SQS batch: {error}.", "no error", error)
    return ok(where, f"The stack's queue triggers {function!r}, which takes SQS batches.", arn)


def _invoke_alias(cloud: Cloud, function: str, alias: str, event: Any) -> str:
    response = cloud.lambda_.invoke(
        FunctionName=function,
        Qualifier=alias,
        Payload=json.dumps(event).encode("utf-8"),
        ClientContext=PROBE_CONTEXT,
    )
    return str(response["Payload"].read().decode("utf-8", "replace"))


@check(function=Param(str), alias=Param(str), contains=Param(str))
def alias_answers(cloud: Cloud, function: str, alias: str, contains: str) -> CheckResult:
    """The alias points at a published version whose code answers with ``contains``."""
    where = f"alias {function}:{alias}"
    try:
        found = cloud.lambda_.get_alias(FunctionName=function, Name=alias)
    except Exception as exc:
        if client_error_code(exc) == "ResourceNotFoundException":
            return fail(where, f"{function!r} has no alias {alias!r} yet.", where, "no such alias")
        raise
    version = str(found.get("FunctionVersion"))
    if not version.isdigit():
        return fail(
            where,
            f"Alias {alias!r} points at {version}: an alias should name a published version "
            "(publish-version gives a number).",
            "a version number",
            version,
        )
    output = _invoke_alias(cloud, function, alias, {"queryStringParameters": {"name": "alias"}})
    if contains not in output:
        return fail(
            where,
            f"Version {version} (behind {alias!r}) answers {output[:160]}: publish the version "
            f"after deploying the update, then point {alias!r} at it.",
            f"an answer containing {contains!r}",
            output[:160],
        )
    return ok(where, f"{alias!r} → version {version}, which answers {contains!r}.", contains)


@check(stack=Param(str))
def stack_rolled_back(cloud: Cloud, stack: str) -> CheckResult:
    """The stack's last update failed and was rolled back (UPDATE_ROLLBACK_COMPLETE)."""
    described = describe_stack(cloud, stack)
    where = f"stack {stack}"
    status = str((described or {}).get("StackStatus", "no such stack"))
    if status != "UPDATE_ROLLBACK_COMPLETE":
        return fail(
            where,
            f"Stack {stack!r} is {status}: deploy the broken template so the update fails "
            "and CloudFormation rolls it back.",
            "UPDATE_ROLLBACK_COMPLETE",
            status,
        )
    failed = stack_failed_resources(cloud, stack)
    if not failed:
        return fail(
            where,
            f"Stack {stack!r} rolled back but no resource failed: deploy the broken template "
            "so one of its resources fails.",
            "a resource's *_FAILED event",
            "none",
        )
    return ok(
        where,
        f"Stack {stack!r}'s failed update was rolled back ({', '.join(failed)} failed).",
        status,
    )


@probe(empty="no failed resource in {stack}'s events yet", stack=Param(str))
def stack_failed_resources(cloud: Cloud, stack: str) -> list[str]:
    """The logical ids of the stack's resources with a *_FAILED event."""
    events = cloud.cloudformation.describe_stack_events(StackName=stack)["StackEvents"]
    return sorted(
        {
            str(e["LogicalResourceId"])
            for e in events
            if str(e.get("ResourceStatus", "")).endswith("_FAILED")
            and e.get("LogicalResourceId") != stack
        }
    )
