"""Outcome checks of the S3 pipeline: upload a probe object (or hand the function the event S3
would send) and look at what came out — the output object, the queue's message, the item.

Probe keys carry a ``courseware-probe-…`` token no learner's code can know; every object,
message and item a probe makes is deleted again. An end-to-end probe runs once per setup: a
re-check of an unchanged setup reuses the verdict (``pipeline_memo``), any change proves it anew.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID, REGION
from courseware.cloud.events.s3_notifications import event_key
from courseware.course.checks.base import CheckResult, Cloud, Param, check, fail, ok, unless_missing
from courseware.course.checks.lambda_checks import get_function
from courseware.course.checks.outcome_checks import invoke_quietly, probe_token, sqs_event
from courseware.course.checks.pipeline_memo import fingerprint, keep, kept
from courseware.course.checks.s3_checks import bucket_exists_in, function_configs

PROBE_WAIT = 20.0  # seconds the pipeline gets to process an uploaded probe
PROBE_TEXT = "hello from {token}"  # three words


def s3_event(bucket: str, key: str, size: int) -> dict[str, Any]:
    """An S3 ObjectCreated:Put event with one record, shaped as S3 sends it to Lambda."""
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": REGION,
                "eventTime": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
                "eventName": "ObjectCreated:Put",
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "courseware-probe",
                    "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
                    "object": {"key": event_key(key), "size": size},
                },
            }
        ]
    }


def _read(cloud: Cloud, bucket: str, key: str) -> str | None:
    try:
        body = cloud.s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except Exception:
        return None
    return str(body.decode("utf-8", "replace"))


def _remove(cloud: Cloud, buckets: list[str], key: str) -> None:
    for bucket in buckets:
        try:
            cloud.s3.delete_object(Bucket=bucket, Key=key)
        except Exception:  # best effort: the bucket may be gone
            continue


def take_message(cloud: Cloud, queue: str, key: str, wait: float = 0.0) -> dict[str, Any] | None:
    """The body of the queue's message about ``key`` (deleted), leaving the others visible."""
    url = unless_missing(lambda: str(cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"]))
    if url is None:
        return None
    deadline = time.monotonic() + wait
    while True:
        for message in cloud.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get(
            "Messages", []
        ):
            try:
                body = json.loads(message["Body"])
            except ValueError:
                body = None
            handle = message["ReceiptHandle"]
            if isinstance(body, dict) and body.get("key") == key:
                cloud.sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
                return body
            cloud.sqs.change_message_visibility(
                QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0
            )
        if time.monotonic() > deadline:
            return None
        time.sleep(0.1)


def _judge_output(output: str | None, text: str, output_bucket: str, key: str) -> str | None:
    if output is None:
        return f"nothing was written to {output_bucket} under {key!r}"
    if output != text.upper():
        return f"{output_bucket}/{key} holds {output[:80]!r}, not the upper-case text"
    return None


def _judge_message(message: dict[str, Any] | None, queue: str, words: int) -> str | None:
    if message is None:
        return f"no message about the object reached {queue}"
    if message.get("words") != words:
        return f"the message says words={message.get('words')!r}, not {words}"
    return None


@check(function=Param(str), source_bucket=Param(str), output_bucket=Param(str), queue=Param(str))
def s3_transform_writes(
    cloud: Cloud, function: str, source_bucket: str, output_bucket: str, queue: str
) -> CheckResult:
    """Given the S3 event of a probe object (a key with a space), the function writes the
    upper-cased text to the output bucket under the same key and sends the queue a message
    {"key", "bucket", "words"}."""
    where = f"function {function}"
    config = get_function(cloud, function)
    if config is None:
        return fail(
            where, f"There is no function named {function!r} yet.", function, "no such function"
        )
    for bucket in (source_bucket, output_bucket):
        if not bucket_exists_in(cloud, bucket):
            return fail(where, f"There is no bucket named {bucket!r}.", bucket, "no such bucket")
    memo, setup = (cloud.endpoint.url, "transform", function), fingerprint(cloud, [function])
    verdict = kept(memo, setup)
    return verdict or keep(
        memo, setup, _transform_probe(cloud, function, source_bucket, output_bucket, queue)
    )


def _transform_probe(
    cloud: Cloud, function: str, source_bucket: str, output_bucket: str, queue: str
) -> CheckResult:
    where = f"function {function}"
    token = probe_token()
    key, text = f"probes/{token} notes.txt", PROBE_TEXT.format(token=token)
    cloud.s3.put_object(Bucket=source_bucket, Key=key, Body=text.encode("utf-8"))
    try:
        _, error = invoke_quietly(cloud, function, s3_event(source_bucket, key, len(text)))
        output = _read(cloud, output_bucket, key)
        message = take_message(cloud, queue, key, wait=2.0 if error is None else 0.0)
    finally:
        _remove(cloud, [source_bucket, output_bucket], key)
    expected = f"{output_bucket}/{key} in upper case, and a message about it in {queue}"
    problem = (
        error
        or _judge_output(output, text, output_bucket, key)
        or _judge_message(message, queue, 3)
    )
    if problem is None:
        return ok(
            where,
            f"For an upload of {key!r}, {function!r} wrote the result and told {queue!r}.",
            expected,
        )
    hint = " (the event's key is URL-encoded: decode it)" if error and "NoSuchKey" in error else ""
    return fail(
        where,
        f"The check uploaded {key!r} to {source_bucket} and invoked {function!r} with S3's event: "
        f"{problem}{hint}. Fix the code and Deploy.",
        expected,
        problem,
    )


def _item(cloud: Cloud, table: str, attribute: str, key: str) -> dict[str, Any] | None:
    try:
        found = cloud.dynamodb.get_item(TableName=table, Key={attribute: {"S": key}}).get("Item")
    except Exception:
        return None
    return dict(found) if found else None


def _wait_for_pipeline(
    cloud: Cloud, output_bucket: str, key: str, table: str, attribute: str
) -> tuple[str | None, dict[str, Any] | None]:
    deadline = time.monotonic() + PROBE_WAIT
    output, item = None, None
    while time.monotonic() < deadline:
        output = output or _read(cloud, output_bucket, key)
        item = _item(cloud, table, attribute, key) if table else None
        if output is not None and (item is not None or not table):
            break
        time.sleep(0.1)
    return output, item


@check(
    bucket=Param(str),
    prefix=Param(str),
    suffix=Param(str),
    output_bucket=Param(str),
    queue=Param(str),
    functions=Param(list),
    table=Param(str, False, ""),
    key=Param(str, False, ""),
)
def s3_upload_processed(
    cloud: Cloud,
    bucket: str,
    prefix: str,
    suffix: str,
    output_bucket: str,
    queue: str,
    functions: list[str],
    table: str = "",
    key: str = "",
) -> CheckResult:
    """Uploading a probe object ``prefix…suffix`` to the bucket produces the output object
    (and, with ``table``, the item keyed ``key`` = the object key) within PROBE_WAIT s."""
    where = f"upload to {bucket}"
    missing = _missing(cloud, bucket, output_bucket, functions, queue, table)
    if missing is not None:
        return fail(where, missing, "the pipeline in place", missing)
    memo = (cloud.endpoint.url, bucket, output_bucket, table)
    setup = fingerprint(cloud, functions, bucket)
    verdict = kept(memo, setup)
    if verdict is not None:
        return verdict
    result = _upload_probe(cloud, bucket, prefix, suffix, output_bucket, queue, table, key)
    return keep(memo, setup, result)


def _missing(
    cloud: Cloud, bucket: str, output_bucket: str, functions: list[str], queue: str, table: str
) -> str | None:
    """Why the pipeline cannot work yet (checked before a probe waits for it), or None."""
    for name in (bucket, output_bucket):
        if not bucket_exists_in(cloud, name):
            return f"There is no bucket named {name!r}."
    for function in functions:
        if get_function(cloud, function) is None:
            return f"There is no function named {function!r} yet."
    if not function_configs(cloud, bucket, functions[0]):
        return f"No event notification of {bucket!r} invokes {functions[0]!r} yet."
    if table:
        mappings = cloud.lambda_.list_event_source_mappings(FunctionName=functions[-1])
        wired = [
            m
            for m in mappings.get("EventSourceMappings", [])
            if str(m.get("EventSourceArn", "")).endswith(f":{queue}")
            and m.get("State") in {"Enabled", "Enabling", "Updating", "Creating"}
        ]
        if not wired:
            return f"No enabled trigger from {queue!r} to {functions[-1]!r} yet."
    return None


def _upload_probe(
    cloud: Cloud,
    bucket: str,
    prefix: str,
    suffix: str,
    output_bucket: str,
    queue: str,
    table: str,
    key: str,
) -> CheckResult:
    where = f"upload to {bucket}"
    wanted = f"an object in {output_bucket}" + (f" and an item in {table}" if table else "")
    object_key = f"{prefix}{probe_token()} {uuid.uuid4().hex[:4]}{suffix}"  # a space: encoded
    text = PROBE_TEXT.format(token=object_key.replace(" ", "-"))  # still three words
    cloud.s3.put_object(Bucket=bucket, Key=object_key, Body=text.encode("utf-8"))
    try:
        output, item = _wait_for_pipeline(cloud, output_bucket, object_key, table, key)
        if not table and output is not None:  # no trigger yet: the message waits in the queue
            take_message(cloud, queue, object_key, wait=2.0)
    finally:
        _remove(cloud, [bucket, output_bucket], object_key)
        if table:
            cloud.dynamodb.delete_item(TableName=table, Key={key: {"S": object_key}})
    problem = _judge_output(output, text, output_bucket, object_key)
    if problem is None and table and item is None:
        problem = f"no item with {key} = {object_key!r} reached {table}"
    if problem is None and item is not None and item.get("Words") != {"N": "3"}:
        problem = f"the item's Words is {item.get('Words')}, not 3"
    if problem is None:
        return ok(where, f"The check uploaded {object_key!r}: it came out as {wanted}.", wanted)
    return fail(
        where,
        f"The check uploaded {object_key!r} to {bucket}; within {PROBE_WAIT:.0f} s {problem}. "
        "Is the notification (and the trigger) in place, and do the functions' logs show errors?",
        wanted,
        problem,
    )


@check(function=Param(str), queue=Param(str), table=Param(str), key=Param(str))
def sqs_result_recorded(
    cloud: Cloud, function: str, queue: str, table: str, key: str
) -> CheckResult:
    """Given an SQS message {"key", "bucket", "words"}, the function stores an item keyed
    ``key`` = the object key with Words. The probe's item is deleted again."""
    where = f"function {function}"
    if get_function(cloud, function) is None:
        return fail(
            where, f"There is no function named {function!r} yet.", function, "no such function"
        )
    object_key = f"probes/{probe_token()}.txt"
    body = {"key": object_key, "bucket": "pipeline-results", "words": 7}
    arn = f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{queue}"
    _, error = invoke_quietly(cloud, function, sqs_event(arn, str(uuid.uuid4()), json.dumps(body)))
    item = _item(cloud, table, key, object_key)
    if item is not None:
        cloud.dynamodb.delete_item(TableName=table, Key={key: {"S": object_key}})
    expected = f"an item in {table} with {key} = the object key and Words = 7"
    if item is not None and item.get("Words") == {"N": "7"}:
        return ok(
            where, f"Given the transform's message, {function!r} stored it in {table}.", expected
        )
    problem = error or (f"the item has Words = {item.get('Words')}" if item else "no such item")
    return fail(
        where,
        f"The check invoked {function!r} with an SQS message {json.dumps(body)}: {problem}. "
        "Check the handler setting, the code and the role's dynamodb:PutItem.",
        expected,
        problem,
    )
