"""Access to moto's in-process backends by ARN (the cloud side only; never the UI)."""

from __future__ import annotations

from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID, REGION


def arn_parts(arn: str) -> tuple[str, str, str, str]:
    """(service, region, account, resource) of an ARN."""
    parts = arn.split(":", 5)
    return parts[2], parts[3] or REGION, parts[4] or ACCOUNT_ID, parts[5]


def lambda_backend(account: str = ACCOUNT_ID, region: str = REGION) -> Any:
    """moto's Lambda backend."""
    from moto.awslambda.utils import get_backend

    return get_backend(account, region)


def sqs_backend(account: str = ACCOUNT_ID, region: str = REGION) -> Any:
    """moto's SQS backend."""
    from moto.sqs.models import sqs_backends

    return sqs_backends[account][region]


def send_to_arn(
    arn: str, body: str, attributes: dict[str, str] | None = None, detail_type: str = "Failure"
) -> None:
    """Deliver ``body`` to an SQS queue, SNS topic, Lambda function or EventBridge bus ARN.

    ``attributes`` become message attributes (SQS, SNS); ``detail_type`` ends an EventBridge
    event's DetailType, "Lambda Function Invocation Result - Success" or "- Failure".
    """
    service, region, account, resource = arn_parts(arn)
    attrs = {k: {"DataType": "String", "StringValue": v} for k, v in (attributes or {}).items()}
    if service == "sqs":
        sqs_backend(account, region).send_message(resource, body, message_attributes=attrs)
    elif service == "sns":
        from moto.sns.models import sns_backends

        sns_attrs = {k: {"Type": "String", "Value": v} for k, v in (attributes or {}).items()}
        sns_backends[account][region].publish(body, arn=arn, message_attributes=sns_attrs or None)
    elif service == "lambda":
        from courseware.cloud.lambda_rt import invoke_async

        invoke_async(lambda_backend(account, region).get_function(arn), body.encode("utf-8"))
    elif service == "events":
        from moto.events.models import events_backends

        entry = {
            "Source": "lambda",
            "DetailType": f"Lambda Function Invocation Result - {detail_type}",
            "Detail": body,
            "EventBusName": arn,
        }
        events_backends[account][region].put_events([entry])
