"""SQS dead-letter redrive (message move tasks) and the trigger's visibility check, as AWS does them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from courseware.cloud.awscli import aws_argv
from courseware.cloud.endpoint import Endpoint, sandbox_env
from tests.functional.killable import KillableCloud
from tests.functional.lambda_helpers import allow_sqs_trigger, make_function, wait_for


def _queue(sqs: Any, name: str, **attributes: str) -> tuple[str, str]:
    url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    return url, str(arn["QueueArn"])


def _dead_lettered(sqs: Any, name: str, bodies: list[str]) -> tuple[str, str, str, str]:
    """A queue with a DLQ (maxReceiveCount 1) whose messages were all dead-lettered."""
    dlq_url, dlq_arn = _queue(sqs, name + "-dlq")
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1})
    url, arn = _queue(sqs, name, RedrivePolicy=redrive, VisibilityTimeout="0")
    _SENT[url] = {sqs.send_message(QueueUrl=url, MessageBody=b)["MessageId"] for b in bodies}
    while sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        pass  # received once; the next receive moves each past maxReceiveCount to the DLQ
    assert _depth(sqs, dlq_url) == len(bodies)
    return url, arn, dlq_url, dlq_arn


_SENT: dict[str, set[str]] = {}


def _depth(sqs: Any, url: str) -> int:
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
    return int(attrs["Attributes"]["ApproximateNumberOfMessages"])


def _aws(cloud: Endpoint, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        aws_argv(cloud, [*args, "--output", "json"]),
        capture_output=True,
        text=True,
        env=sandbox_env(cloud),
        timeout=120,
        check=False,
    )


def test_redrive_with_the_aws_cli_moves_messages_back_to_their_source(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    url, _, dlq_url, dlq_arn = _dead_lettered(sqs, unique("redrive"), ["a", "b", "c"])
    started = _aws(cloud, "sqs", "start-message-move-task", "--source-arn", dlq_arn)
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout)["TaskHandle"]

    def done() -> dict[str, Any] | None:
        listed = _aws(cloud, "sqs", "list-message-move-tasks", "--source-arn", dlq_arn)
        assert listed.returncode == 0, listed.stderr
        task: dict[str, Any] = json.loads(listed.stdout)["Results"][0]
        return task if task["Status"] == "COMPLETED" else None

    task = wait_for(done, timeout=30)
    assert task["ApproximateNumberOfMessagesMoved"] == 3
    assert task["ApproximateNumberOfMessagesToMove"] == 3
    assert "TaskHandle" not in task and "DestinationArn" not in task
    assert _depth(sqs, dlq_url) == 0
    got = sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["ApproximateReceiveCount"]
    )["Messages"]
    assert sorted(m["Body"] for m in got) == ["a", "b", "c"]
    # A redriven message starts afresh: its first receive is counted 1, not past maxReceiveCount.
    assert {m["Attributes"]["ApproximateReceiveCount"] for m in got} == {"1"}
    # AWS treats redriven messages as new ones: new MessageIds.
    assert not {m["MessageId"] for m in got} & _SENT[url]


def test_redrive_to_a_destination_at_a_rate_and_cancel(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    name = unique("dest")
    _, _, dlq_url, dlq_arn = _dead_lettered(sqs, name, [str(i) for i in range(30)])
    other_url, other_arn = _queue(sqs, name + "-other")
    handle = sqs.start_message_move_task(
        SourceArn=dlq_arn, DestinationArn=other_arn, MaxNumberOfMessagesPerSecond=1
    )["TaskHandle"]
    running = sqs.list_message_move_tasks(SourceArn=dlq_arn, MaxResults=10)["Results"]
    assert [t["Status"] for t in running] == ["RUNNING"]
    assert running[0]["TaskHandle"] == handle and running[0]["DestinationArn"] == other_arn
    assert running[0]["MaxNumberOfMessagesPerSecond"] == 1
    with pytest.raises(ClientError) as again:
        sqs.start_message_move_task(SourceArn=dlq_arn)
    assert again.value.response["Error"]["Message"].startswith("There is already a task running")
    moved = sqs.cancel_message_move_task(TaskHandle=handle)["ApproximateNumberOfMessagesMoved"]
    final = wait_for(
        lambda: (
            (t := sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"][0])["Status"]
            == "CANCELLED"
            and t
        ),
        timeout=30,
    )
    count = final["ApproximateNumberOfMessagesMoved"]
    assert moved <= count < 30, "one a second: cancelled long before 30 moved"
    assert _depth(sqs, other_url) == count and _depth(sqs, dlq_url) == 30 - count


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        (
            {"SourceArn": "arn:aws:sqs:us-east-1:123456789012:nope-never"},
            "ResourceNotFoundException",
            "The resource that you specified for the SourceArn parameter doesn't exist.",
        ),
        ({"SourceArn": "nope"}, "InvalidParameterValue", "You must use this format to specify"),
    ],
)
def test_start_refusals_name_the_parameter(
    aws_client: Callable[[str], Any], params: dict[str, Any], code: str, message: str
) -> None:
    with pytest.raises(ClientError) as refused:
        aws_client("sqs").start_message_move_task(**params)
    assert refused.value.response["Error"]["Code"] == code
    assert refused.value.response["Error"]["Message"].startswith(message)


def test_a_queue_that_is_no_dead_letter_queue_is_refused(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    _, arn = _queue(sqs, unique("plain"))
    refused = _aws(cloud, "sqs", "start-message-move-task", "--source-arn", arn)
    assert refused.returncode != 0
    assert "Source queue must be configured as a Dead Letter Queue." in refused.stderr
    _, _, _, dlq_arn = _dead_lettered(sqs, unique("rate"), ["x"])
    with pytest.raises(ClientError) as rate:
        sqs.start_message_move_task(SourceArn=dlq_arn, MaxNumberOfMessagesPerSecond=501)
    assert "MaxNumberOfMessagesPerSecond" in rate.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as missing:
        sqs.start_message_move_task(SourceArn=dlq_arn, DestinationArn=arn + "-gone")
    assert missing.value.response["Error"]["Message"] == (
        "The resource that you specified for the DestinationArn parameter doesn't exist."
    )
    with pytest.raises(ClientError) as unknown:
        sqs.cancel_message_move_task(TaskHandle="bm90LWEtdGFzaw==")
    assert unknown.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_trigger_refused_when_the_function_outlives_the_visibility_timeout(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam = aws_client("sqs"), aws_client("lambda"), aws_client("iam")
    name = unique("slow")
    url, arn = _queue(sqs, name, VisibilityTimeout="30")
    make_function(lam, iam, name, "def handler(e, c):\n    return {}\n", Timeout=60)
    allow_sqs_trigger(iam, name)
    refused = _aws(
        cloud, "lambda", "create-event-source-mapping", "--function-name", name,
        "--event-source-arn", arn,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "InvalidParameterValueException" in refused.stderr
    assert "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds" in (
        refused.stderr
    )
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "360"})
    uuid = lam.create_event_source_mapping(FunctionName=name, EventSourceArn=arn)["UUID"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "10"})
    with pytest.raises(ClientError) as update:
        lam.update_event_source_mapping(UUID=uuid, BatchSize=5)
    assert update.value.response["Error"]["Code"] == "InvalidParameterValueException"


def test_a_redrive_and_its_task_survive_kill_9(tmp_path: Path) -> None:
    cloud = KillableCloud(tmp_path).start()
    try:
        sqs = cloud.client("sqs")
        url, _, dlq_url, dlq_arn = _dead_lettered(sqs, "durable", ["one", "two"])
        sqs.start_message_move_task(SourceArn=dlq_arn)
        wait_for(
            lambda: (
                sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"][0]["Status"]
                == "COMPLETED"
            ),
            timeout=30,
        )
        cloud.restart_after_kill9()
        sqs = cloud.client("sqs")
        task = sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"][0]
        assert (task["Status"], task["ApproximateNumberOfMessagesMoved"]) == ("COMPLETED", 2)
        assert _depth(sqs, dlq_url) == 0, "moved messages came back to the DLQ on replay"
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        assert sorted(m["Body"] for m in got) == ["one", "two"]
    finally:
        cloud.stop()


def test_the_cloud_counts_short_and_long_polls_and_the_empty_ones(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    from courseware.course.checks.base import Cloud
    from courseware.course.checks.delay_checks import receive_counts

    sqs = aws_client("sqs")
    name = unique("polls")
    url, _ = _queue(sqs, name)
    for _ in range(2):
        done = _aws(cloud, "sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "0")
        assert done.returncode == 0, done.stderr
    sqs.send_message(QueueUrl=url, MessageBody="tick")
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"ReceiveMessageWaitTimeSeconds": "20"})
    assert sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"] == "tick"  # at once: 20 s wait
    assert receive_counts(Cloud(cloud), name) == {
        "short": 2,
        "short_empty": 2,
        "long": 1,
        "long_empty": 0,
    }
    assert receive_counts(Cloud(cloud), name + "-none") is None


def test_a_fifo_dlq_redrives_its_messages_within_the_deduplication_window(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs = aws_client("sqs")
    name = unique("fifo")
    fifo = {"FifoQueue": "true"}
    dlq_url, dlq_arn = _queue(sqs, name + "-dlq.fifo", **fifo)
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1})
    url, _ = _queue(sqs, name + ".fifo", **fifo, RedrivePolicy=redrive, VisibilityTimeout="0")
    sqs.send_message(
        QueueUrl=url, MessageBody="one", MessageGroupId="g", MessageDeduplicationId="d1"
    )
    while sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages"):
        pass
    assert _depth(sqs, dlq_url) == 1
    sqs.start_message_move_task(SourceArn=dlq_arn)
    wait_for(
        lambda: (
            sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"][0]["Status"] == "COMPLETED"
        ),
        timeout=30,
    )
    # Back within 5 minutes of the first send with that deduplication id: still delivered.
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    assert [m["Body"] for m in got] == ["one"]
