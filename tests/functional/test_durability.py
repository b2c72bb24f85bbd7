"""Nothing acknowledged is lost when the cloud is killed with kill -9 (issue 14).

Each test drives a real ``courseware cloud`` process over HTTP, kills it with SIGKILL at
chosen moments (no handler, no flush) and starts it again on the same state folder.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from tests.functional.killable import KillableCloud, drain_bodies, scan_keys, wait_for
from tests.functional.lambda_helpers import SQS_EXECUTION_ROLE, TRUST_LAMBDA, grant, zipped

TOTAL = 1000
PIPELINE = """
import boto3, json
table = boto3.client("dynamodb")
def handler(event, context):
    failures = []
    for record in event["Records"]:
        n = json.loads(record["body"])["n"]
        if n % 10 == 0:  # poison: 10 %
            failures.append({"itemIdentifier": record["messageId"]})
            continue
        table.put_item(TableName="items", Item={"n": {"N": str(n)}})
    return {"batchItemFailures": failures}
"""
ASYNC = """
import boto3, json
table = boto3.client("dynamodb")
def handler(event, context):
    if event["k"] % 7 == 0:
        raise RuntimeError("poison")
    table.put_item(TableName="done", Item={"k": {"N": str(event["k"])}})
"""


@pytest.fixture
def cloud(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("COURSEWARE_ASYNC_RETRY_DELAYS", "0.2,0.4")
    running = KillableCloud(tmp_path).start()
    yield running
    running.stop()


def _table(ddb: Any, name: str, key: str) -> None:
    ddb.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": key, "AttributeType": "N"}],
    )


def _function(cloud: KillableCloud, name: str, source: str, **extra: Any) -> None:
    iam = cloud.client("iam")
    role = iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument=TRUST_LAMBDA)["Role"][
        "Arn"
    ]
    # What AWS requires: poll the queue and log, write the table, send to the dead-letter queue.
    iam.attach_role_policy(RoleName=f"{name}-role", PolicyArn=SQS_EXECUTION_ROLE)
    grant(iam, f"{name}-role", ["dynamodb:PutItem", "sqs:SendMessage"], ["*"])
    cloud.client("lambda").create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": zipped({"app.py": source})},
        **{"Timeout": 30, **extra},
    )


def _queue_arn(sqs: Any, name: str, **attributes: str) -> str:
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    return str(
        sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
    )


@pytest.mark.timeout(1800)
def test_pipeline_loses_nothing_acknowledged_across_five_kill_9s(cloud: KillableCloud) -> None:
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    sqs, ddb = cloud.client("sqs"), cloud.client("dynamodb")
    _table(ddb, "items", "n")
    dlq_arn = _queue_arn(sqs, "dead")
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})
    queue_arn = _queue_arn(sqs, "work", VisibilityTimeout="2", RedrivePolicy=redrive)
    _function(cloud, "pipe", PIPELINE, Timeout=2)  # Lambda refuses one over the 2 s visibility
    cloud.client("lambda").create_event_source_mapping(
        FunctionName="pipe",
        EventSourceArn=queue_arn,
        BatchSize=10,
        FunctionResponseTypes=["ReportBatchItemFailures"],
    )
    # Three kills while sending (at random batches), two while the pollers work.
    kill_after = sorted(rng.sample(range(5, TOTAL // 10 - 1), 3))
    acknowledged: set[int] = set()
    for batch in range(TOTAL // 10):
        entries = [
            {"Id": str(n), "MessageBody": json.dumps({"n": n})}
            for n in range(batch * 10, batch * 10 + 10)
        ]
        url = cloud.client("sqs").get_queue_url(QueueName="work")["QueueUrl"]
        done = cloud.client("sqs").send_message_batch(QueueUrl=url, Entries=entries)
        assert not done.get("Failed"), done
        acknowledged.update(int(e["Id"]) for e in done["Successful"])
        if batch in kill_after:
            stored = {int(n) for n in scan_keys(cloud.client("dynamodb"), "items", "n")}
            cloud.restart_after_kill9()
            after = {int(n) for n in scan_keys(cloud.client("dynamodb"), "items", "n")}
            assert stored <= after, f"items acknowledged before kill -9 lost: {stored - after}"
    for _ in range(2):
        seen = len(scan_keys(cloud.client("dynamodb"), "items", "n"))
        wait_for(
            lambda seen=seen: (
                len(scan_keys(cloud.client("dynamodb"), "items", "n"))
                >= seen + rng.randint(20, 120)
            ),
            "the pipeline to make progress",
        )
        stored = {int(n) for n in scan_keys(cloud.client("dynamodb"), "items", "n")}
        cloud.restart_after_kill9()
        after = {int(n) for n in scan_keys(cloud.client("dynamodb"), "items", "n")}
        assert stored <= after, f"items acknowledged before kill -9 lost: {stored - after}"
    assert cloud.kills == 5 and acknowledged == set(range(TOTAL))

    def drained() -> bool:  # every message deleted after success or moved to the DLQ
        sqs = cloud.client("sqs")
        url = sqs.get_queue_url(QueueName="work")["QueueUrl"]
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        return all(
            attrs[f"ApproximateNumberOfMessages{kind}"] == "0"
            for kind in ("", "NotVisible", "Delayed")
        )

    wait_for(drained, "every message to reach the table or the DLQ", 900)
    items = {int(n) for n in scan_keys(cloud.client("dynamodb"), "items", "n")}
    sqs = cloud.client("sqs")
    dead = {int(b["n"]) for b in drain_bodies(sqs, sqs.get_queue_url(QueueName="dead")["QueueUrl"])}
    assert items | dead == acknowledged, f"lost: {sorted(acknowledged - items - dead)[:20]}"
    assert {n for n in acknowledged if n % 10 == 0} <= dead, "poison ends in the DLQ"


@pytest.mark.timeout(900)
def test_every_accepted_async_invoke_runs_or_is_dead_lettered_across_kill_9(
    cloud: KillableCloud,
) -> None:
    ddb, sqs = cloud.client("dynamodb"), cloud.client("sqs")
    _table(ddb, "done", "k")
    dlq_arn = _queue_arn(sqs, "async-dead")
    _function(cloud, "burst", ASYNC, DeadLetterConfig={"TargetArn": dlq_arn})
    accepted: set[int] = set()
    for k in range(1, 51):
        response = cloud.client("lambda").invoke(
            FunctionName="burst", InvocationType="Event", Payload=json.dumps({"k": k})
        )
        assert response["StatusCode"] == 202
        accepted.add(k)
        if k in (25, 50):  # right after a 202: the event must not be lost
            cloud.restart_after_kill9()
    poison = {k for k in accepted if k % 7 == 0}

    def landed() -> int:
        ran = scan_keys(cloud.client("dynamodb"), "done", "k")
        sqs = cloud.client("sqs")
        url = sqs.get_queue_url(QueueName="async-dead")["QueueUrl"]
        attrs = sqs.get_queue_attributes(
            QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"]
        )["Attributes"]
        return len(ran) + int(attrs["ApproximateNumberOfMessages"])

    wait_for(lambda: landed() >= len(accepted), "every accepted event to run or be dead-lettered")
    ran = {int(k) for k in scan_keys(cloud.client("dynamodb"), "done", "k")}
    sqs = cloud.client("sqs")
    dead_url = sqs.get_queue_url(QueueName="async-dead")["QueueUrl"]
    dead = {int(b["k"]) for b in drain_bodies(sqs, dead_url)}
    assert ran == accepted - poison
    assert dead >= poison and ran | dead == accepted


def test_resources_made_one_request_before_kill_9_are_there(cloud: KillableCloud) -> None:
    _function(cloud, "kept", "def handler(e, c):\n    return 'still here'\n")
    ddb = cloud.client("dynamodb")
    _table(ddb, "kept", "k")
    ddb.put_item(TableName="kept", Item={"k": {"N": "1"}})
    cloud.restart_after_kill9()
    role = cloud.client("iam").get_role(RoleName="kept-role")["Role"]
    assert role["RoleName"] == "kept-role"
    answer = cloud.client("lambda").invoke(FunctionName="kept")["Payload"].read()
    assert json.loads(answer) == "still here", "the function and its code survived"
    assert cloud.client("dynamodb").get_item(TableName="kept", Key={"k": {"N": "1"}})["Item"]
