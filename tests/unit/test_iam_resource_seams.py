"""The moto seams of the resource-policy and send-permission plugins (fail on a moto move)."""

from __future__ import annotations

import inspect
import json
from types import SimpleNamespace
from typing import Any

import pytest

from courseware.cloud.iam import resource_policy, s3_destinations, send_permissions, sns_delivery


def _original(module: Any, name: str, owner: Any) -> Any:
    return module._original.get(name) or getattr(owner, name)


def test_s3_notification_seams_have_their_shape_and_send_event_calls_them() -> None:
    from moto.s3 import notifications
    from moto.s3.models import S3Backend

    for name, params in s3_destinations.EXPECTED.items():
        owner = S3Backend if name.startswith("put_") else notifications
        method = _original(s3_destinations, name, owner)
        assert list(inspect.signature(method).parameters) == params, name
    sent = inspect.getsource(notifications.send_event) + inspect.getsource(
        notifications.send_test_event
    )
    for name in ("_invoke_awslambda", "_send_sqs_message", "_send_sns_message"):
        assert f"{name}(" in sent, f"moto's send_event no longer calls {name}"
    put = inspect.getsource(
        _original(s3_destinations, "put_bucket_notification_configuration", S3Backend)
    )
    assert "set_notification_configuration(notification_config)" in put


def test_sns_subscription_publish_has_its_shape_and_delivers_lambda_and_sqs() -> None:
    from moto.sns.models import Subscription

    method = _original(sns_delivery, "publish", Subscription)
    assert list(inspect.signature(method).parameters) == sns_delivery.EXPECTED
    source = inspect.getsource(method)
    assert 'self.protocol == "sqs"' in source and 'self.protocol == "lambda"' in source


def test_lambda_backend_methods_wrapped_for_send_permissions_have_their_shape() -> None:
    from moto.awslambda.models import LambdaBackend

    for name, params in send_permissions.EXPECTED.items():
        method = _original(send_permissions, name, LambdaBackend)
        while hasattr(method, "__wrapped__"):
            method = method.__wrapped__
        assert list(inspect.signature(method).parameters) == params, name


def test_each_install_fails_loudly_when_moto_moves_its_seam(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from moto.awslambda.models import LambdaBackend
    from moto.s3 import notifications
    from moto.sns.models import Subscription

    def moved(self: Any, other: Any) -> None: ...

    cases: list[tuple[Any, Any, str, type[Exception]]] = [
        (
            s3_destinations,
            notifications,
            "_send_sqs_message",
            s3_destinations.S3DestinationSeamMoved,
        ),
        (sns_delivery, Subscription, "publish", sns_delivery.SnsDeliverySeamMoved),
        (
            send_permissions,
            LambdaBackend,
            "put_function_event_invoke_config",
            send_permissions.SendPermissionSeamMoved,
        ),
    ]
    for module, owner, name, error in cases:
        monkeypatch.setattr(module, "_original", {})
        monkeypatch.setattr(owner, name, moved)
        with pytest.raises(error):
            module.install()


def test_moto_writes_add_permission_as_the_statement_we_evaluate() -> None:
    from moto.awslambda.policy import Policy

    arn = "arn:aws:lambda:us-east-1:123456789012:function:fn"
    policy = Policy(SimpleNamespace(function_arn=arn))  # type: ignore[no-untyped-call]
    raw = {
        "StatementId": "s3",
        "Action": "lambda:InvokeFunction",
        "Principal": "s3.amazonaws.com",
        "SourceArn": "arn:aws:s3:::uploads",
        "SourceAccount": "123456789012",
    }
    policy.add_statement(json.dumps(raw))
    document = json.loads(json.loads(policy.wire_format())["Policy"])
    context = resource_policy.source_context("arn:aws:s3:::uploads", "123456789012")
    assert resource_policy.service_allowed(
        document, "s3.amazonaws.com", "lambda:InvokeFunction", arn, context
    )
    other = resource_policy.source_context("arn:aws:s3:::other", "123456789012")
    assert not resource_policy.service_allowed(
        document, "s3.amazonaws.com", "lambda:InvokeFunction", arn, other
    )


def test_moto_keeps_queue_and_topic_policies_where_targets_reads_them() -> None:
    from moto.sns.models import Topic
    from moto.sqs.models import Queue

    queue = Queue("q", "us-east-1", "123456789012")
    policy = {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*"}]}
    queue._set_attributes({"Policy": json.dumps(policy)})  # what SetQueueAttributes calls
    assert json.loads(queue.policy) == policy
    topic = Topic("t", SimpleNamespace(account_id="123456789012", region_name="us-east-1"))
    assert isinstance(topic._policy_json, dict) and topic._policy_json["Statement"]
