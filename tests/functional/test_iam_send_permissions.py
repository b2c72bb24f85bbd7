"""Dead-letter queues and destinations need the execution role's send permission (issue #16).

Lambda refuses a DeadLetterConfig or an OnSuccess/OnFailure destination the role may not send
to, with AWS's texts, and sends as the role at delivery: a permission removed later means the
record is not delivered. Real cloud over HTTP, boto3 and the real ``aws`` CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from courseware.cloud.events import async_invoke
from tests.functional.lambda_helpers import grant, make_function, make_role, wait_for, zipped
from tests.functional.policy_helpers import (
    async_engine_idle,
    grant_send,
    make_sending_function,
    queue_arn,
)

FAILS = "def handler(event, context):\n    raise RuntimeError('always fails')\n"
OK = "def handler(event, context):\n    return {'n': event.get('n')}\n"


@pytest.fixture(autouse=True)
def _fast_retries() -> Iterator[None]:
    saved = async_invoke.RETRY_DELAYS
    async_invoke.RETRY_DELAYS = (0.05, 0.1)
    yield
    async_invoke.RETRY_DELAYS = saved


def _refused(call: Callable[[], Any]) -> dict[str, Any]:
    with pytest.raises(ClientError) as refused:
        call()
    return dict(refused.value.response["Error"])


def _bodies(sqs: Any, url: str) -> list[str]:
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
    return [m["Body"] for m in received.get("Messages", [])]


def test_a_dead_letter_queue_the_role_may_not_send_to_is_refused(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], cw: Callable[..., Any]
) -> None:
    lam, iam, sqs, sns = (aws_client(s) for s in ("lambda", "iam", "sqs", "sns"))
    name = unique("dlq-fn")
    dlq = queue_arn(sqs, sqs.create_queue(QueueName=unique("dlq"))["QueueUrl"])
    role = make_role(iam, f"{name}-role")

    def create() -> Any:
        return lam.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="app.handler",
            Code={"ZipFile": zipped({"app.py": FAILS})},
            DeadLetterConfig={"TargetArn": dlq},
        )

    error = _refused(create)
    assert error["Code"] == "InvalidParameterValueException"
    assert error["Message"] == (
        "The provided execution role does not have permissions to call SendMessage on SQS"
    )
    grant(iam, f"{name}-role", ["sqs:SendMessage"], [dlq], "dlq")
    create()
    topic = sns.create_topic(Name=unique("dlq-topic"))["TopicArn"]
    done = cw(
        "aws",
        "lambda",
        "update-function-configuration",
        "--function-name",
        name,
        "--dead-letter-config",
        f"TargetArn={topic}",
    )
    assert done.returncode != 0
    assert "The provided execution role does not have permissions to call Publish on SNS" in (
        done.stderr
    )
    assert lam.get_function_configuration(FunctionName=name)["DeadLetterConfig"]["TargetArn"] == dlq


def test_a_destination_the_role_may_not_send_to_is_refused(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sqs = aws_client("lambda"), aws_client("iam"), aws_client("sqs")
    name = unique("dest-fn")
    make_function(lam, iam, name, OK)
    target = queue_arn(sqs, sqs.create_queue(QueueName=unique("done"))["QueueUrl"])
    config = {"OnSuccess": {"Destination": target}}
    error = _refused(
        lambda: lam.put_function_event_invoke_config(FunctionName=name, DestinationConfig=config)
    )
    assert error["Code"] == "InvalidParameterValueException"
    assert error["Message"] == f"The destination ARN {target} is invalid."
    other = f"{name}-other"
    make_function(lam, iam, other, OK)
    on_failure = {
        "OnFailure": {
            "Destination": lam.get_function(FunctionName=other)["Configuration"]["FunctionArn"]
        }
    }
    error = _refused(
        lambda: lam.update_function_event_invoke_config(
            FunctionName=name, DestinationConfig=on_failure
        )
    )
    assert error["Code"] == "InvalidParameterValueException"
    grant(iam, f"{name}-role", ["sqs:SendMessage"], [target], "send")
    lam.put_function_event_invoke_config(FunctionName=name, DestinationConfig=config)
    assert (
        lam.get_function_event_invoke_config(FunctionName=name)["DestinationConfig"]["OnSuccess"][
            "Destination"
        ]
        == target
    )


def test_delivery_is_made_as_the_role_so_a_removed_permission_drops_the_record(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sqs = aws_client("lambda"), aws_client("iam"), aws_client("sqs")
    name = unique("late")
    url = sqs.create_queue(QueueName=unique("late-done"))["QueueUrl"]
    target = queue_arn(sqs, url)
    make_function(lam, iam, name, OK)
    grant(iam, f"{name}-role", ["sqs:SendMessage"], [target], "send")
    lam.put_function_event_invoke_config(
        FunctionName=name, DestinationConfig={"OnSuccess": {"Destination": target}}
    )
    iam.delete_role_policy(RoleName=f"{name}-role", PolicyName="send")
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"n": 1}))
    async_engine_idle()
    assert _bodies(sqs, url) == [], "the role may no longer send: the record is not delivered"
    grant(iam, f"{name}-role", ["sqs:SendMessage"], [target], "send")
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"n": 2}))
    records = [json.loads(b) for b in wait_for(lambda: _bodies(sqs, url), timeout=20)]
    assert [r["requestPayload"] for r in records] == [{"n": 2}]


def test_a_dead_letter_queue_is_sent_to_as_the_role(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sqs = aws_client("lambda"), aws_client("iam"), aws_client("sqs")
    name = unique("late-dlq")
    url = sqs.create_queue(QueueName=unique("late-dead"))["QueueUrl"]
    target = queue_arn(sqs, url)
    make_sending_function(lam, iam, name, FAILS, target, DeadLetterConfig={"TargetArn": target})
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0)
    iam.delete_role_policy(RoleName=f"{name}-role", PolicyName="send")
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"n": 1}))
    async_engine_idle()
    assert _bodies(sqs, url) == [], "the role may no longer send: nothing is dead-lettered"
    grant_send(iam, f"{name}-role", target)
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"n": 2}))
    dead = [json.loads(b) for b in wait_for(lambda: _bodies(sqs, url), timeout=20)]
    assert dead == [{"n": 2}]
