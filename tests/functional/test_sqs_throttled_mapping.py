"""A mapping whose function is throttled retries each batch while it is in flight.

Lambda's pollers take no account of a function's reserved concurrency: they receive batches
the function cannot run yet and retry them within the queue's visibility timeout (AWS's
advice: six times the function timeout). The old poller gave a throttled batch back after a
second, so with ``maxReceiveCount`` 1 its next receive dead-lettered good messages.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.functional.gate import HOLD, Gate
from tests.functional.lambda_helpers import TRUST_LAMBDA, logged, wait_for, zipped

HANDLER = (
    HOLD
    + """
import json
def handler(event, context):
    for record in event["Records"]:
        body = json.loads(record["body"])
        if body.get("gate"):
            hold(body["gate"])
        print("GOT", json.dumps({"n": body["n"], "count": record["attributes"]["ApproximateReceiveCount"]}))
    return {}
"""
)
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                "Resource": "*",
            },
            {
                "Effect": "Allow",
                "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                "Resource": "*",
            },
        ],
    }
)


def _depth(sqs: Any, url: str) -> int:
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return sum(int(attrs[n]) for n in names)


def _queue(sqs: Any, name: str, **attributes: str) -> tuple[str, str]:
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    return url, str(arn["QueueArn"])


def test_throttled_batches_are_retried_in_flight_not_dead_lettered(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], tmp_path: Path
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("throttled")
    dlq, dlq_arn = _queue(sqs, name + "-dlq")
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1})
    url, arn = _queue(sqs, name, VisibilityTimeout="180", RedrivePolicy=redrive)
    role = iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST_LAMBDA)["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="poll", PolicyDocument=POLICY)
    lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": zipped({"app.py": HANDLER})},
        Timeout=30,  # the queue's 180 s visibility timeout is six times this
    )
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=1)
    gate = Gate(tmp_path / "gate")
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps({"n": 0, "gate": gate.path}))
    lam.create_event_source_mapping(FunctionName=name, EventSourceArn=arn, BatchSize=1)
    gate.wait_started()  # the one instance the function may run is now busy
    sqs.send_message_batch(
        QueueUrl=url,
        Entries=[{"Id": str(n), "MessageBody": json.dumps({"n": n})} for n in range(1, 7)],
    )
    # Every further batch is throttled while the gate is shut. The old poller gave each back
    # within a second and its next receive dead-lettered it; give that the time to show.
    wait_for(lambda: _depth(sqs, url) == 7)
    with contextlib.suppress(AssertionError):  # nothing dead-lettered, as it should be
        wait_for(lambda: _depth(sqs, dlq), timeout=4)
    gate.open()
    wait_for(lambda: _depth(sqs, url) == 0, timeout=60)
    got = logged(logs, name)
    assert (_depth(sqs, dlq), sorted(g["n"] for g in got)) == (0, list(range(7)))
    assert {g["count"] for g in got} == {"1"}, "each message received once"
