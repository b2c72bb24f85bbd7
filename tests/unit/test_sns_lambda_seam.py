"""The SNS → Lambda seam: moto's sample record replaced by the published message's own.

Fails loudly when a moto upgrade moves ``Subscription.publish`` or ``send_sns_message``,
or when moto starts sending the real record itself (then the seam can go).
"""

from __future__ import annotations

import inspect
from typing import Any

from moto.awslambda.models import LambdaBackend
from moto.sns.models import Subscription

from courseware.cloud.events import sns_lambda
from courseware.cloud.events.sns_lambda import Delivery, sns_record_event


def _moto(name: str, fallback: Any) -> Any:
    return sns_lambda._original.get(name, fallback)


def test_moto_still_sends_its_sample_record_from_the_lambda_branch() -> None:
    send = _moto("send_sns_message", LambdaBackend.send_sns_message)
    source = inspect.getsource(send)
    assert '"TopicArn": "arn:aws:sns:EXAMPLE"' in source, "moto sends the real record now?"
    assert "func.invoke(json.dumps(event), {}, {})" in source
    publish = inspect.getsource(_moto("publish", Subscription.publish))
    assert ".send_sns_message(" in publish
    assert "function_name, message, subject=subject, qualifier=qualifier" in publish


def test_install_replaces_both_and_is_idempotent() -> None:
    sns_lambda.install()
    sns_lambda.install()
    assert sns_lambda._publish.__wrapped__ is sns_lambda._original["publish"]  # type: ignore[attr-defined]
    assert list(inspect.signature(sns_lambda._publish).parameters) == sns_lambda.PUBLISH_PARAMETERS
    assert sns_lambda._original["send_sns_message"] is not sns_lambda._send_sns_message
    assert sns_lambda._original["publish"] is not sns_lambda._publish


def test_the_record_carries_the_published_message() -> None:
    topic = "arn:aws:sns:us-east-1:123456789012:orders"
    delivery = Delivery(
        topic, topic + ":sub-1", "m-1", {"event_type": {"Type": "String", "Value": "x"}}
    )
    record = sns_record_event(delivery, "hello", None)["Records"][0]
    assert record["EventSubscriptionArn"] == topic + ":sub-1"
    sns = record["Sns"]
    assert (sns["TopicArn"], sns["MessageId"], sns["Message"]) == (topic, "m-1", "hello")
    assert sns["MessageAttributes"] == {"event_type": {"Type": "String", "Value": "x"}}
    assert sns["Subject"] is None and sns["Timestamp"].endswith("Z")


def test_the_scope_seam_wraps_set_subscription_attributes() -> None:
    from moto.sns.models import SNSBackend

    from courseware.cloud.events import sns_scope

    sns_scope.install()
    original = sns_scope._original["set"]
    assert list(inspect.signature(original).parameters) == ["self", "arn", "name", "value"]
    source = inspect.getsource(original)
    assert 'if name == "FilterPolicy":' in source, "moto rebuilds the matcher elsewhere now?"
    assert 'name == "FilterPolicyScope"' not in source, (
        "moto applies a scope change itself now: drop sns_scope"
    )
    assert SNSBackend.set_subscription_attributes is sns_scope._set_subscription_attributes
