"""IAM enforcement: calls that name a queue by QueueName act on that queue's ARN (GetQueueUrl).

AWS authorises sqs:GetQueueUrl against the queue's ARN, so a role allowed it on one queue only
must be able to look that queue up (the s3-pipeline lab's transform does).
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from courseware.cloud.iam.resources import resource_arn


def _request(**body: str) -> SimpleNamespace:
    return SimpleNamespace(body=json.dumps(body), querystring={})


def test_get_queue_url_acts_on_the_named_queue() -> None:
    arn = resource_arn(
        "sqs", _request(QueueName="processed-files"), "us-east-1", "123456789012", "*"
    )
    assert arn == "arn:aws:sqs:us-east-1:123456789012:processed-files"


def test_another_owner_named_in_the_request() -> None:
    request = _request(QueueName="q", QueueOwnerAWSAccountId="111122223333")
    assert resource_arn("sqs", request, "us-east-1", "123456789012", "*") == (
        "arn:aws:sqs:us-east-1:111122223333:q"
    )


def test_a_queue_url_still_wins_and_nothing_named_is_any() -> None:
    request = _request(QueueUrl="http://127.0.0.1:1/123456789012/orders")
    assert resource_arn("sqs", request, "us-east-1", "123456789012", "*").endswith(":orders")
    assert resource_arn("sqs", _request(), "us-east-1", "123456789012", "*") == "*"
