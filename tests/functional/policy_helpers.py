"""Resource policies a learner writes so a service may deliver (what real AWS requires)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.functional.lambda_helpers import grant, make_role, wait_for, zipped


def queue_arn(sqs: Any, url: str) -> str:
    """The ARN of the queue at ``url``."""
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return str(attributes["Attributes"]["QueueArn"])


def service_statement(service: str, action: str, resource: str, source_arn: str) -> dict[str, Any]:
    """An Allow for ``service`` on ``resource``, scoped to ``source_arn`` (ArnEquals)."""
    return {
        "Sid": f"allow-{service.split('.')[0]}",
        "Effect": "Allow",
        "Principal": {"Service": service},
        "Action": action,
        "Resource": resource,
        "Condition": {"ArnEquals": {"aws:SourceArn": source_arn}},
    }


def allow_on_queue(sqs: Any, url: str, service: str, source_arn: str) -> None:
    """Set the queue's access policy so ``service`` may send to it for ``source_arn``."""
    statement = service_statement(service, "sqs:SendMessage", queue_arn(sqs, url), source_arn)
    policy = {"Version": "2012-10-17", "Statement": [statement]}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps(policy)})


def allow_on_topic(sns: Any, topic_arn: str, service: str, source_arn: str) -> None:
    """Set the topic's access policy so ``service`` may publish to it for ``source_arn``."""
    statement = service_statement(service, "sns:Publish", topic_arn, source_arn)
    policy = {"Version": "2012-10-17", "Statement": [statement]}
    sns.set_topic_attributes(
        TopicArn=topic_arn, AttributeName="Policy", AttributeValue=json.dumps(policy)
    )


def let_invoke(lam: Any, function: str, service: str, source_arn: str) -> None:
    """``lambda add-permission``: ``service`` may invoke ``function`` for ``source_arn``."""
    lam.add_permission(
        FunctionName=function,
        StatementId=f"{service.split('.')[0]}-{uuid.uuid4().hex[:6]}",
        Action="lambda:InvokeFunction",
        Principal=service,
        SourceArn=source_arn,
    )


def async_engine_idle() -> None:
    """Wait until the cloud's async engine holds no accepted event (each ran and was routed).

    The cloud runs in the test process: an event leaves ``_live`` only after its last attempt
    and its destination or dead-letter decision, so this orders "was it delivered?" checks.
    """
    from courseware.cloud.events import async_invoke

    wait_for(lambda: not async_invoke._live, timeout=30)


SEND_ACTIONS = {
    "sqs": "sqs:SendMessage",
    "sns": "sns:Publish",
    "lambda": "lambda:InvokeFunction",
    "events": "events:PutEvents",
}


def grant_send(iam: Any, role: str, target_arn: str, name: str = "send") -> None:
    """Let ``role`` send to ``target_arn`` (what a DLQ or a destination needs)."""
    grant(iam, role, [SEND_ACTIONS[target_arn.split(":")[2]]], [target_arn], name)


def make_sending_function(
    lam: Any, iam: Any, name: str, source: str, target_arn: str, **extra: Any
) -> dict[str, Any]:
    """Create ``name`` whose ``<name>-role`` may send to ``target_arn`` before the function exists
    (so a ``DeadLetterConfig`` naming it is accepted)."""
    role = make_role(iam, f"{name}-role")
    grant_send(iam, f"{name}-role", target_arn)
    return dict(
        lam.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="app.handler",
            Code={"ZipFile": zipped({"app.py": source})},
            **extra,
        )
    )
