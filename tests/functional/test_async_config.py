"""Asynchronous invocation config as on AWS: Put replaces, Update merges, AWS's errors; every
retry runs under the event's one request id; a failed event goes to the OnFailure destination
and the dead-letter queue both."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from courseware.cloud.awscli import run_aws
from courseware.cloud.endpoint import Endpoint
from courseware.cloud.events import async_invoke
from courseware.course.checks.outcome_checks import PROBE_CONTEXT
from tests.functional.lambda_helpers import grant, log_messages, make_function, wait_for

FAILS = "def handler(event, context):\n    print('attempt', event['id'])\n    raise ValueError('bad order')\n"


@pytest.fixture(autouse=True)
def _fast_retries() -> Iterator[None]:
    saved = async_invoke.RETRY_DELAYS
    async_invoke.RETRY_DELAYS = (0.2, 0.4)
    yield
    async_invoke.RETRY_DELAYS = saved


def _queue(sqs: Any, name: str) -> tuple[str, str]:
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]
    return url, attrs["QueueArn"]


def _received(sqs: Any, url: str) -> list[dict[str, Any]]:
    return list(
        sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]
        ).get("Messages", [])
    )


def _aws(cloud: Endpoint, *args: str) -> tuple[int, str]:
    done = run_aws(cloud, ["lambda", *args], capture=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def test_put_replaces_update_merges_and_awss_errors_with_the_cli(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("cfg")
    make_function(lam, iam, name, FAILS)
    code, out = _aws(cloud, "get-function-event-invoke-config", "--function-name", name)
    assert code != 0 and "ResourceNotFoundException" in out
    assert "doesn't have an EventInvokeConfig" in out
    first = ["put-function-event-invoke-config", "--function-name", name]
    assert _aws(cloud, *first, "--maximum-retry-attempts", "0")[0] == 0
    assert _aws(cloud, *first, "--maximum-event-age-in-seconds", "3600")[0] == 0
    code, out = _aws(cloud, "get-function-event-invoke-config", "--function-name", name)
    config = json.loads(out)
    assert config["MaximumEventAgeInSeconds"] == 3600
    assert "MaximumRetryAttempts" not in config, "a Put removes the settings it leaves out"
    update = ["update-function-event-invoke-config", "--function-name", name]
    assert _aws(cloud, *update, "--maximum-retry-attempts", "1")[0] == 0
    config = lam.get_function_event_invoke_config(FunctionName=name)
    assert (config["MaximumRetryAttempts"], config["MaximumEventAgeInSeconds"]) == (1, 3600)
    listed = lam.list_function_event_invoke_configs(FunctionName=name)
    assert [c["MaximumRetryAttempts"] for c in listed["FunctionEventInvokeConfigs"]] == [1]
    code, out = _aws(cloud, *first, "--maximum-retry-attempts", "3")
    assert code != 0 and "ValidationException" in out
    assert "Member must have value less than or equal to 2" in out
    assert _aws(cloud, "delete-function-event-invoke-config", "--function-name", name)[0] == 0
    code, out = _aws(cloud, "delete-function-event-invoke-config", "--function-name", name)
    assert code != 0 and "ResourceNotFoundException" in out
    assert (
        lam.list_function_event_invoke_configs(FunctionName=name)["FunctionEventInvokeConfigs"]
        == []
    )


def test_a_second_put_is_what_the_retries_follow(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("again")
    url, arn = _queue(sqs, name + "-failed")
    make_function(lam, iam, name, FAILS)
    grant(iam, f"{name}-role", ["sqs:SendMessage"], [arn], "destination")
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=2)
    lam.put_function_event_invoke_config(
        FunctionName=name,
        MaximumRetryAttempts=0,
        DestinationConfig={"OnFailure": {"Destination": arn}},
    )
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"id": "a"}))
    record = json.loads(wait_for(lambda: _received(sqs, url), timeout=20)[0]["Body"])
    assert record["requestContext"]["approximateInvokeCount"] == 1
    assert [m for m in log_messages(logs, name) if m.startswith("attempt")] == ["attempt a"]


def test_retries_share_the_request_id_and_failures_reach_destination_and_dlq(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("both")
    dest_url, dest_arn = _queue(sqs, name + "-failures")
    dlq_url, dlq_arn = _queue(sqs, name + "-dlq")
    make_function(lam, iam, name, FAILS)
    grant(iam, f"{name}-role", ["sqs:SendMessage"], [dest_arn, dlq_arn], "send")
    lam.update_function_configuration(FunctionName=name, DeadLetterConfig={"TargetArn": dlq_arn})
    lam.put_function_event_invoke_config(
        FunctionName=name, DestinationConfig={"OnFailure": {"Destination": dest_arn}}
    )
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"id": "b"}))
    record = json.loads(wait_for(lambda: _received(sqs, dest_url), timeout=20)[0]["Body"])
    dead = wait_for(lambda: _received(sqs, dlq_url), timeout=20)[0]
    assert record["requestContext"]["condition"] == "RetriesExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["requestPayload"] == {"id": "b"}
    assert json.loads(dead["Body"]) == {"id": "b"}, "a dead-letter queue gets the event as it came"
    request_id = record["requestContext"]["requestId"]
    assert dead["MessageAttributes"]["RequestID"]["StringValue"] == request_id
    assert dead["MessageAttributes"]["ErrorMessage"]["StringValue"] == "bad order"
    starts = [
        m.group(1)
        for line in log_messages(logs, name)
        if (m := re.match(r"START RequestId: (\S+)", line))
    ]
    assert starts == [request_id] * 3, "three attempts, one request id"


def test_a_checks_event_probe_writes_no_log_lines_but_is_routed(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, lam, iam, logs = (aws_client(s) for s in ("sqs", "lambda", "iam", "logs"))
    name = unique("quiet")
    url, arn = _queue(sqs, name + "-failed")
    make_function(lam, iam, name, FAILS)
    grant(iam, f"{name}-role", ["sqs:SendMessage"], [arn], "destination")
    lam.put_function_event_invoke_config(
        FunctionName=name,
        MaximumRetryAttempts=1,
        DestinationConfig={"OnFailure": {"Destination": arn}},
    )
    lam.invoke(
        FunctionName=name,
        InvocationType="Event",
        Payload=json.dumps({"id": "probe"}),
        ClientContext=PROBE_CONTEXT,
    )
    record = json.loads(wait_for(lambda: _received(sqs, url), timeout=20)[0]["Body"])
    assert record["requestContext"]["approximateInvokeCount"] == 2
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"id": "learner"}))
    wait_for(lambda: _received(sqs, url), timeout=20)
    attempts = [m for m in log_messages(logs, name) if m.startswith("attempt")]
    assert attempts == ["attempt learner"] * 2, "the probe's two attempts wrote nothing"


def _allow_topic(sqs: Any, url: str, queue_arn: str, topic: str) -> None:
    """The queue's access policy lets the topic send to it (what SNS → SQS needs on AWS)."""
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "sns.amazonaws.com"},
        "Action": "sqs:SendMessage",
        "Resource": queue_arn,
        "Condition": {"ArnEquals": {"aws:SourceArn": topic}},
    }
    policy = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": policy})


def test_an_sns_dead_letter_topic_keeps_the_attributes_and_a_bus_gets_the_failure_type(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    sqs, sns, events, lam, iam = (aws_client(s) for s in ("sqs", "sns", "events", "lambda", "iam"))
    name = unique("topic")
    topic = sns.create_topic(Name=name)["TopicArn"]
    url, queue_arn = _queue(sqs, name + "-dead")
    _allow_topic(sqs, url, queue_arn, topic)
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=queue_arn,
        Attributes={"RawMessageDelivery": "true"},
    )
    bus = events.create_event_bus(Name=name)["EventBusArn"]
    seen_url, seen_arn = _queue(sqs, name + "-bus")
    events.put_rule(Name=name, EventBusName=name, EventPattern=json.dumps({"source": ["lambda"]}))
    events.put_targets(Rule=name, EventBusName=name, Targets=[{"Id": "q", "Arn": seen_arn}])
    make_function(lam, iam, name, FAILS)
    grant(iam, f"{name}-role", ["sns:Publish"], [topic], "dlq")
    grant(iam, f"{name}-role", ["events:PutEvents"], [bus], "bus")
    lam.update_function_configuration(FunctionName=name, DeadLetterConfig={"TargetArn": topic})
    lam.put_function_event_invoke_config(
        FunctionName=name,
        MaximumRetryAttempts=0,
        DestinationConfig={"OnFailure": {"Destination": bus}},
    )
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"id": "c"}))
    dead = wait_for(lambda: _received(sqs, url), timeout=20)[0]
    assert json.loads(dead["Body"]) == {"id": "c"}
    assert dead["MessageAttributes"]["ErrorMessage"]["StringValue"] == "bad order"
    event = json.loads(wait_for(lambda: _received(sqs, seen_url), timeout=20)[0]["Body"])
    assert event["detail-type"] == "Lambda Function Invocation Result - Failure"
    assert event["detail"]["requestContext"]["condition"] == "RetriesExhausted"
