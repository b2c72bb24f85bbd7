"""Outcome checks: invoke the learner's function the way the lab's own events would, and look
at the effect, not at a proxy attribute (a file name, a hash).

A probe invocation carries ``courseware-probe`` in its ClientContext: the embedded cloud
writes none of its log lines, and the items a probe makes are deleted again, so a check
leaves no trace the learner could see (or that a later step could count).
"""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID, REGION
from courseware.course.checks.base import CheckResult, Cloud, Param, check, fail, ok
from courseware.course.checks.lambda_checks import get_function

PROBE_CONTEXT = base64.b64encode(
    json.dumps({"custom": {"courseware-probe": "1"}}).encode("utf-8")
).decode("ascii")


def probe_token() -> str:
    """A unique value no learner's code can have hard-coded."""
    return f"courseware-probe-{uuid.uuid4().hex[:12]}"


def fill(value: Any, token: str) -> Any:
    """``value`` with every ``{probe}`` replaced by ``token`` (in nested lists and mappings)."""
    if isinstance(value, str):
        return value.replace("{probe}", token)
    if isinstance(value, list):
        return [fill(v, token) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, token) for k, v in value.items()}
    return value


def invoke_quietly(cloud: Cloud, function: str, event: Any) -> tuple[str, str | None]:
    """(response payload text, error text or None) of a probe invocation."""
    response = cloud.lambda_.invoke(
        FunctionName=function,
        Payload=json.dumps(event).encode("utf-8"),
        ClientContext=PROBE_CONTEXT,
    )
    text = response["Payload"].read().decode("utf-8", "replace")
    if response.get("FunctionError"):
        try:
            error = json.loads(text)
            detail = f"{error.get('errorType', 'Error')}: {error.get('errorMessage', '')}"
        except (ValueError, AttributeError):
            detail = text[:300]
        return text, detail
    return text, None


def sqs_event(queue_arn: str, message_id: str, body: str) -> dict[str, Any]:
    """An SQS → Lambda event with one record, shaped as Lambda's poller sends it."""
    return {
        "Records": [
            {
                "messageId": message_id,
                "receiptHandle": f"probe-{message_id}",
                "body": body,
                "attributes": {
                    "ApproximateReceiveCount": "1",
                    "SentTimestamp": "0",
                    "SenderId": "courseware",
                    "ApproximateFirstReceiveTimestamp": "0",
                },
                "messageAttributes": {},
                "md5OfBody": "",
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": REGION,
            }
        ]
    }


@check(function=Param(str), event=Param((dict, list, str)), output_contains=Param(str))
def function_output(cloud: Cloud, function: str, event: Any, output_contains: str) -> CheckResult:
    """Invoking the function with ``event`` ({probe}: a unique value) returns the asked-for text."""
    where = f"function {function}"
    if get_function(cloud, function) is None:
        return fail(
            where,
            f"There is no Lambda function named {function!r} yet: create it first.",
            f"a function named {function}",
            "no such function",
        )
    token = probe_token()
    event, wanted = fill(event, token), fill(output_contains, token)
    output, error = invoke_quietly(cloud, function, event)
    if error is not None:
        return fail(
            where,
            f"Invoking {function!r} with {json.dumps(event)} failed: {error}. Fix the code and Deploy.",
            f"a result containing {wanted!r}",
            error,
        )
    if wanted not in output:
        return fail(
            where,
            f"Invoked with {json.dumps(event)}, {function!r} returned {output[:200]}: the lab asks "
            f"for a result containing {wanted!r}. Change the code and Deploy it.",
            f"a result containing {wanted!r}",
            output[:200],
        )
    return ok(where, f"Invoked with {json.dumps(event)}, {function!r} returned {wanted!r}.", wanted)


@check(
    function=Param(str),
    queue=Param(str),
    body=Param(dict),
    table=Param(str),
    key=Param(str),
)
def sqs_consumer_stores(
    cloud: Cloud, function: str, queue: str, body: dict[str, Any], table: str, key: str
) -> CheckResult:
    """Given an SQS record with a unique message id, the function stores it in ``table``
    under ``key`` = the message id. The probe's item is deleted again."""
    where = f"function {function}"
    if get_function(cloud, function) is None:
        return fail(
            where,
            f"There is no Lambda function named {function!r} yet: create it and upload its code.",
            f"a function named {function}",
            "no such function",
        )
    message_id = str(uuid.uuid4())
    arn = f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{queue}"
    event = sqs_event(arn, message_id, json.dumps(body))
    output, error = invoke_quietly(cloud, function, event)
    item_key = {key: {"S": message_id}}
    try:
        found = cloud.dynamodb.get_item(TableName=table, Key=item_key).get("Item")
    except Exception as exc:
        found = None
        error = error or f"could not read table {table}: {exc}"
    if found is not None:
        cloud.dynamodb.delete_item(TableName=table, Key=item_key)
        return ok(
            where,
            f"Given an SQS message, {function!r} stored it in {table} keyed by its MessageId.",
            f"an item in {table} with {key} = the MessageId",
        )
    expected = f"an item in {table} with {key} = the message's MessageId"
    if error is not None:
        return fail(
            where,
            f"Lambda invoked {function!r} with an SQS message and it failed: {error}. "
            "Upload the handler code (and check its handler setting and role).",
            expected,
            error,
        )
    return fail(
        where,
        f"Lambda invoked {function!r} with an SQS message; it returned {output[:120]} but stored "
        f"nothing in {table} under {key} = the MessageId. Upload the lab's handler code "
        "(or your own that stores each record keyed by record['messageId']).",
        expected,
        f"no such item (the function returned {output[:120]})",
    )
