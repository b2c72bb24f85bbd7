"""SNS delivers to a function or a queue only when the target's resource policy allows it.

On AWS a subscription is accepted either way, but "Amazon SNS … needs permission to invoke the
function": the function's resource policy must allow ``sns.amazonaws.com`` to call
lambda:InvokeFunction (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html), and a queue
receives nothing until its access policy allows ``sns.amazonaws.com`` sqs:SendMessage, usually
with an ``aws:SourceArn`` condition naming the topic
(https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html). A refused
delivery is dropped, as AWS drops it after its retries (no error reaches the publisher).

Seam: ``moto.sns.models.Subscription.publish``, checked by signature at install.
"""

from __future__ import annotations

import inspect
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import targets

SNS = "sns.amazonaws.com"
EXPECTED = [
    "self",
    "message",
    "message_id",
    "subject",
    "message_attributes",
    "group_id",
    "deduplication_id",
    "message_structure",
]
_original: dict[str, Any] = {}


class SnsDeliverySeamMoved(RuntimeError):
    """moto moved Subscription.publish; pin moto or update sns_delivery.py."""


def may_deliver(subscription: Any) -> bool:
    """Whether the subscription's endpoint lets the topic deliver to it."""
    topic_arn = str(subscription.topic.arn)
    account = topic_arn.split(":")[4]
    endpoint = str(subscription.endpoint)
    if subscription.protocol == "lambda":
        return targets.function_allows(endpoint, SNS, topic_arn, account)
    if subscription.protocol == "sqs":
        return targets.queue_allows(endpoint, SNS, topic_arn, account)
    return True


def _publish(self: Any, *args: Any, **kwargs: Any) -> Any:
    if not may_deliver(self):
        return None
    return _original["publish"](self, *args, **kwargs)


def install() -> None:
    """Wrap Subscription.publish (idempotent); fail loudly if moto moved it."""
    from moto.sns.models import Subscription

    if _original:
        return
    current = getattr(Subscription, "publish", None)
    if current is None or list(inspect.signature(current).parameters) != EXPECTED:
        raise SnsDeliverySeamMoved("moto's Subscription.publish moved; update sns_delivery.py")
    _original["publish"] = current
    Subscription.publish = _publish


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
