"""SNS → Lambda deliveries carry the real message: moto's event is a fixed sample.

moto 5.2's ``Subscription.publish`` calls ``LambdaBackend.send_sns_message(function_name,
message, subject, qualifier)``, which invokes the function with a hard-coded record: the
MessageId, TopicArn, EventSubscriptionArn, Timestamp and MessageAttributes of AWS's sample
event, whatever was published. Here ``Subscription.publish`` notes the delivery (topic,
subscription, message id, attributes) on the thread, and ``send_sns_message`` builds the
record AWS sends from it (*Invoking Lambda functions with Amazon SNS notifications*,
https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html). The record is not signed
(``Signature`` is a placeholder). Installed before ``async_invoke``, whose wrapper (the
invocation is asynchronous) then wraps this one.
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam.sns_delivery import EXPECTED

PUBLISH_PARAMETERS = EXPECTED  # moto's Subscription.publish, as sns_delivery pins it
_local = threading.local()
_original: dict[str, Any] = {}


@dataclass(frozen=True)
class Delivery:
    """What one subscription's delivery of a published message is about."""

    topic_arn: str
    subscription_arn: str
    message_id: str
    attributes: dict[str, Any]


def lambda_attributes(attributes: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    """Message attributes as an SNS record shows them: ``{"Type": ..., "Value": ...}``."""
    return {
        name: {"Type": str(value.get("Type", "String")), "Value": str(value.get("Value", ""))}
        for name, value in (attributes or {}).items()
    }


def sns_record_event(delivery: Delivery, message: str, subject: str | None) -> dict[str, Any]:
    """The event Lambda gets for one SNS message (one record)."""
    region = delivery.topic_arn.split(":")[3]
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return {
        "Records": [
            {
                "EventVersion": "1.0",
                "EventSubscriptionArn": delivery.subscription_arn,
                "EventSource": "aws:sns",
                "Sns": {
                    "SignatureVersion": "1",
                    "Timestamp": stamp,
                    "Signature": "EXAMPLE",
                    "SigningCertUrl": "EXAMPLE",
                    "MessageId": delivery.message_id,
                    "Message": message,
                    "MessageAttributes": lambda_attributes(delivery.attributes),
                    "Type": "Notification",
                    "UnsubscribeUrl": (
                        f"https://sns.{region}.amazonaws.com/?Action=Unsubscribe"
                        f"&SubscriptionArn={delivery.subscription_arn}"
                    ),
                    "TopicArn": delivery.topic_arn,
                    "Subject": subject,
                },
            }
        ]
    }


def current_delivery() -> Delivery | None:
    """The SNS delivery this thread is making, if any."""
    return getattr(_local, "delivery", None)


def _publish(
    self: Any,
    message: str,
    message_id: str,
    subject: str | None = None,
    message_attributes: dict[str, Any] | None = None,
    group_id: str | None = None,
    deduplication_id: str | None = None,
    message_structure: str | None = None,
) -> None:
    """Note the Lambda delivery on the thread, then moto's publish."""
    args = (subject, message_attributes, group_id, deduplication_id, message_structure)
    if self.protocol != "lambda":
        _original["publish"](self, message, message_id, *args)
        return
    _local.delivery = Delivery(self.topic.arn, self.arn, message_id, dict(message_attributes or {}))
    try:
        _original["publish"](self, message, message_id, *args)
    finally:
        _local.delivery = None


def _send_sns_message(
    self: Any,
    function_name: str,
    message: str,
    subject: str | None = None,
    qualifier: str | None = None,
) -> None:
    delivery = current_delivery()
    if delivery is None:
        _original["send_sns_message"](self, function_name, message, subject, qualifier)
        return
    func = self._lambdas.get_function_by_name_or_arn_with_qualifier(function_name, qualifier)
    func.invoke(json.dumps(sns_record_event(delivery, message, subject)), {}, {})


def install() -> None:
    """Patch ``Subscription.publish`` and ``LambdaBackend.send_sns_message`` (once)."""
    import inspect

    from moto.awslambda.models import LambdaBackend
    from moto.sns.models import Subscription

    if "publish" in _original:
        return
    publish = list(inspect.signature(Subscription.publish).parameters)
    send = list(inspect.signature(LambdaBackend.send_sns_message).parameters)
    if publish != PUBLISH_PARAMETERS or (
        send != ["self", "function_name", "message", "subject", "qualifier"]
    ):
        raise RuntimeError(
            "moto's Subscription.publish / LambdaBackend.send_sns_message moved: "
            f"{publish}, {send}; update courseware/cloud/events/sns_lambda.py"
        )
    _original["publish"] = Subscription.publish
    _original["send_sns_message"] = LambdaBackend.send_sns_message
    # wraps: moto's signature and source stay readable through the wrapper (a later seam on
    # Subscription.publish, such as iam/sns_delivery.py, checks them)
    Subscription.publish = functools.wraps(_original["publish"])(_publish)
    LambdaBackend.send_sns_message = _send_sns_message


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
