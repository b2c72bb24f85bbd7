"""FIFO queue checks: per-group order through the learner's function and trigger, and probes
that read what SQS shows about deduplication and message groups.

The order checks use probe groups (``courseware-probe-…``) no learner's code can know, and
delete the items the function wrote for them again.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID, REGION
from courseware.course.checks.base import (
    CheckResult,
    Cloud,
    Param,
    check,
    client_error_code,
    fail,
    ok,
    probe,
    unless_missing,
)
from courseware.course.checks.lambda_checks import get_function
from courseware.course.checks.outcome_checks import invoke_quietly, probe_token, sqs_event
from courseware.course.checks.sqs_checks import queue_attributes, queue_message_count

PROBE_WAIT = 20.0  # seconds the trigger gets to deliver the probe messages
_proven: dict[tuple[str, str, str], str] = {}  # (endpoint, queue, function) -> fingerprint


def _fingerprint(cloud: Cloud, queue: str, function: str) -> str:
    """What the probe's outcome depends on: the function's code and settings and its triggers.

    A re-check of an unchanged setup does not send probe messages again (a check round stays
    fast); any change to the code, the configuration or a trigger proves it anew.
    """
    config = cloud.lambda_.get_function_configuration(FunctionName=function)
    mappings = cloud.lambda_.list_event_source_mappings(FunctionName=function)
    wired = sorted(
        f"{m.get('UUID')}:{m.get('State')}:{m.get('BatchSize')}:{m.get('LastModified')}"
        for m in mappings.get("EventSourceMappings", [])
        if str(m.get("EventSourceArn", "")).endswith(f":{queue}")
    )
    return "|".join([str(config.get("CodeSha256")), str(config.get("LastModified")), *wired])


def recorded(cloud: Cloud, table: str, key: str, attribute: str, group: str) -> list[int] | None:
    """The numbers the function recorded for ``group`` (None when it has no item)."""
    item = cloud.dynamodb.get_item(TableName=table, Key={key: {"S": group}}).get("Item")
    if item is None:
        return None
    values = item.get(attribute, {}).get("L", [])
    return [int(float(v.get("N", v.get("S", "0")))) for v in values]


def first_seen(values: list[int]) -> list[int]:
    """``values`` without repeats, in the order each first appears."""
    return list(dict.fromkeys(values))


def _fifo_event(queue_arn: str, group: str, seqs: list[int]) -> dict[str, Any]:
    records = []
    for index, seq in enumerate(seqs):
        record = sqs_event(queue_arn, str(uuid.uuid4()), json.dumps({"seq": seq}))["Records"][0]
        record["attributes"].update(
            MessageGroupId=group,
            MessageDeduplicationId=f"{group}-{seq}",
            SequenceNumber=str(10**19 + index),
        )
        records.append(record)
    return {"Records": records}


def _no_function(where: str, function: str) -> CheckResult:
    return fail(
        where,
        f"There is no Lambda function named {function!r} yet: create it and upload its code.",
        f"a function named {function}",
        "no such function",
    )


@check(
    function=Param(str), queue=Param(str), table=Param(str), key=Param(str), attribute=Param(str)
)
def fifo_consumer_orders(
    cloud: Cloud, function: str, queue: str, table: str, key: str, attribute: str
) -> CheckResult:
    """Given a FIFO batch of one group (seq 1, 2, 3), the function appends 1, 2, 3 to the
    group's item. The probe's item is deleted again."""
    where = f"function {function}"
    if get_function(cloud, function) is None:
        return _no_function(where, function)
    group = probe_token()
    event = _fifo_event(f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{queue}", group, [1, 2, 3])
    output, error = invoke_quietly(cloud, function, event)
    try:
        found = recorded(cloud, table, key, attribute, group)
    finally:
        unless_missing(lambda: cloud.dynamodb.delete_item(TableName=table, Key={key: {"S": group}}))
    wanted = f"{table} item {key}=<the group> with {attribute} = [1, 2, 3]"
    if found == [1, 2, 3]:
        return ok(
            where, f"Given a batch of one group, {function!r} recorded 1, 2, 3 in order.", wanted
        )
    if error is not None:
        return fail(
            where,
            f"Invoked with a FIFO batch, {function!r} failed: {error}. Check the code, its "
            "handler setting and the role.",
            wanted,
            error,
        )
    return fail(
        where,
        f"Given one group's messages seq 1, 2, 3, {function!r} left {attribute} = {found}: it "
        f"must append each record's seq to the list (list_append), not replace it "
        f"(it returned {output[:100]}).",
        wanted,
        "no item" if found is None else str(found),
    )


def _send_probes(cloud: Cloud, url: str, groups: list[str], count: int) -> None:
    for seq in range(1, count + 1):
        for group in groups:  # interleaved: a1 b1 a2 b2 …
            cloud.sqs.send_message(
                QueueUrl=url,
                MessageBody=json.dumps({"seq": seq}),
                MessageGroupId=group,
                MessageDeduplicationId=f"{group}-{seq}",
            )


def _drain_probes(cloud: Cloud, url: str, prefix: str) -> None:
    """Delete probe messages the trigger left in the queue (best effort)."""
    for _ in range(5):
        messages = cloud.sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["MessageGroupId"]
        ).get("Messages", [])
        if not messages:
            return
        for m in messages:
            ours = str(m.get("Attributes", {}).get("MessageGroupId", "")).startswith(prefix)
            if ours:
                cloud.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            else:
                cloud.sqs.change_message_visibility(
                    QueueUrl=url, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=0
                )


def _learner_groups(
    cloud: Cloud, table: str, key: str, attribute: str, groups: dict[str, list[int]]
) -> CheckResult | None:
    for group, wanted in groups.items():
        found = recorded(cloud, table, key, attribute, group)
        if found is None or first_seen(found) != wanted:
            return fail(
                f"table {table}",
                f"Group {group!r} has {attribute} = {found if found is not None else 'no item'}; "
                f"after your sends it should read {wanted}. Send the lab's messages (with "
                f"--message-group-id {group}) and wait for the trigger.",
                f"{group}: {wanted}",
                f"{group}: {found if found is not None else 'no item'}",
            )
    return None


@check(
    queue=Param(str),
    function=Param(str),
    table=Param(str),
    key=Param(str),
    attribute=Param(str),
    groups=Param(dict),
)
def fifo_order_kept(
    cloud: Cloud,
    queue: str,
    function: str,
    table: str,
    key: str,
    attribute: str,
    groups: dict[str, list[int]],
) -> CheckResult:
    """The learner's groups were recorded in order; then interleaved probe messages for two
    groups sent to the queue come out of the trigger in order per group."""
    where = f"queue {queue} -> {function}"
    if get_function(cloud, function) is None:
        return _no_function(where, function)
    problem = _learner_groups(cloud, table, key, attribute, groups)
    if problem is not None:
        return problem
    url = unless_missing(lambda: str(cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"]))
    if url is None:
        return fail(where, f"There is no queue named {queue!r}.", "the queue", "no such queue")
    wanted = "[1, 2, 3] for each of two interleaved groups"
    memo, fingerprint = (cloud.endpoint.url, queue, function), _fingerprint(cloud, queue, function)
    if _proven.get(memo) == fingerprint:
        return ok(where, f"Messages sent to {queue!r} are recorded in order per group.", wanted)
    prefix = probe_token()
    probes = [f"{prefix}-a", f"{prefix}-b"]
    _send_probes(cloud, url, probes, 3)
    deadline = time.monotonic() + PROBE_WAIT
    found: dict[str, list[int] | None] = {}
    try:
        while True:
            found = {g: recorded(cloud, table, key, attribute, g) for g in probes}
            if all(v is not None and len(v) >= 3 for v in found.values()):
                break
            if time.monotonic() > deadline:
                _drain_probes(cloud, url, prefix)
                break
            time.sleep(0.1)
    finally:
        for g in probes:
            cloud.dynamodb.delete_item(TableName=table, Key={key: {"S": g}})
    shown = "; ".join(f"{g.rsplit('-', 1)[-1]}: {v}" for g, v in found.items())
    if all(v == [1, 2, 3] for v in found.values()):
        _proven[memo] = fingerprint
        return ok(
            where,
            f"Interleaved messages of two groups sent to {queue!r} were recorded in order per group.",
            wanted,
        )
    return fail(
        where,
        f"The check sent seq 1, 2, 3 for two groups, interleaved, to {queue!r}; within "
        f"{PROBE_WAIT:.0f} s {function!r} recorded {shown}. Is the trigger enabled, and does the "
        "function append each seq to its group's item?",
        wanted,
        shown,
    )


@check(
    queue=Param(str),
    table=Param(str),
    key=Param(str),
    attribute=Param(str),
    group=Param(str),
    seq=Param(int),
)
def kept_once(
    cloud: Cloud, queue: str, table: str, key: str, attribute: str, group: str, seq: int
) -> CheckResult:
    """One copy of a message sent twice: the queue holds exactly one message, or (once the
    trigger ran) the group's item records ``seq`` exactly once."""
    held = queue_message_count(cloud, queue, at_least=1, at_most=1)
    if held.passed:
        return held
    found = unless_missing(lambda: recorded(cloud, table, key, attribute, group))
    if found is not None and held.actual == "0" and found.count(seq) == 1:
        return ok(
            f"queue {queue}",
            f"{group}'s seq {seq} went through {queue!r} once, into {table}.",
            "one message kept",
        )
    return held


@probe(
    numeric=True,
    empty="queue {queue} holds no message yet: send one first",
    queue=Param(str),
)
def queue_depth(cloud: Cloud, queue: str) -> list[str]:
    """How many messages the queue holds (visible, in flight and delayed), when any."""
    held = queue_message_count(cloud, queue, at_least=1)
    return [held.actual] if held.passed else []


@probe(
    empty="queue {queue} does not exist, or it accepts a message without a group id",
    queue=Param(str),
)
def send_error_without_group(cloud: Cloud, queue: str) -> list[str]:
    """The error code SQS answers when a message is sent to the queue without MessageGroupId.

    Nothing is sent: a FIFO queue refuses the message (a standard queue would accept it, so
    the probe asks only FIFO queues).
    """
    attrs = queue_attributes(cloud, queue)
    if attrs is None or attrs.get("FifoQueue") != "true":
        return []
    url = str(cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"])
    try:
        cloud.sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"seq": 0}))
    except Exception as exc:
        code = client_error_code(exc)
        if code:
            return [code]
        raise
    return []
