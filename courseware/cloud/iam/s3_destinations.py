"""S3 event notifications need their destinations' permission, checked as S3 checks it.

PutBucketNotificationConfiguration "verifies that any Amazon SNS or Amazon SQS destination
exists, and that the bucket owner has permission to publish to it …; in the case of Lambda
destinations, Amazon S3 verifies that the Lambda function permissions grant Amazon S3 permission
to invoke the function from the Amazon S3 bucket", else it answers ``InvalidArgument: Unable to
validate the following destination configurations``
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html).
The wrapper refuses such a configuration (nothing is stored) and, at delivery, S3 sends nothing
to a destination whose permission was removed later — as on AWS, silently.

Seams: ``S3Backend.put_bucket_notification_configuration`` and ``moto.s3.notifications``'
``_invoke_awslambda``/``_send_sqs_message``/``_send_sns_message``, checked at install.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import mode, targets

S3 = "s3.amazonaws.com"
UNABLE = "Unable to validate the following destination configurations"
EXPECTED = {
    "put_bucket_notification_configuration": ["self", "bucket_name", "notification_config"],
    "_invoke_awslambda": ["account_id", "event_body", "fn_arn", "region_name"],
    "_send_sqs_message": ["account_id", "event_body", "queue_name", "region_name"],
    "_send_sns_message": ["account_id", "event_body", "topic_arn", "region_name"],
}
_original: dict[str, Any] = {}


class S3DestinationSeamMoved(RuntimeError):
    """moto moved an S3 notification seam; pin moto or update s3_destinations.py."""


def _bucket_arn(name: str) -> str:
    return f"arn:aws:s3:::{name}"


def _refusals(bucket: str, account: str, config: dict[str, Any]) -> list[str]:
    """The destination ARNs of ``config`` that do not let S3 deliver for ``bucket``."""
    source = _bucket_arn(bucket)
    checks: list[tuple[str, Callable[[str, str, str, str], bool]]] = [
        ("CloudFunction", targets.function_allows),
        ("Queue", targets.queue_allows),
        ("Topic", targets.topic_allows),
    ]
    refused: list[str] = []
    for key, allows in checks:
        for entry in config.get(f"{key}Configuration") or []:
            arn = str(entry.get(key, ""))
            if arn and not allows(arn, S3, source, account):
                refused.append(arn)
    return refused


def _put(self: Any, bucket_name: str, notification_config: dict[str, Any]) -> Any:
    refused = mode.enforced() and _refusals(
        bucket_name, str(self.account_id), notification_config or {}
    )
    if refused:
        from moto.s3.exceptions import S3ClientError

        raise S3ClientError("InvalidArgument", UNABLE)
    return _original["put_bucket_notification_configuration"](
        self, bucket_name, notification_config
    )


def _bucket_of(event_body: Any) -> str:
    """The bucket an S3 event (or S3's test event) is about."""
    if isinstance(event_body, dict):
        if "Bucket" in event_body:
            return str(event_body["Bucket"])
        records = event_body.get("Records") or [{}]
        return str(records[0].get("s3", {}).get("bucket", {}).get("name", ""))
    return ""


def _invoke_awslambda(account_id: str, event_body: Any, fn_arn: str, region_name: str) -> None:
    if targets.function_allows(fn_arn, S3, _bucket_arn(_bucket_of(event_body)), account_id):
        _original["_invoke_awslambda"](account_id, event_body, fn_arn, region_name)


def _send_sqs_message(account_id: str, event_body: Any, queue_name: str, region_name: str) -> None:
    arn = f"arn:aws:sqs:{region_name}:{account_id}:{queue_name}"
    if targets.queue_allows(arn, S3, _bucket_arn(_bucket_of(event_body)), account_id):
        _original["_send_sqs_message"](account_id, event_body, queue_name, region_name)


def _send_sns_message(account_id: str, event_body: Any, topic_arn: str, region_name: str) -> None:
    if targets.topic_allows(topic_arn, S3, _bucket_arn(_bucket_of(event_body)), account_id):
        _original["_send_sns_message"](account_id, event_body, topic_arn, region_name)


def install() -> None:
    """Wrap the configuration call and the three deliveries (idempotent); fail loudly if moved."""
    from moto.s3 import notifications
    from moto.s3.models import S3Backend

    if _original:
        return
    owners: dict[str, Any] = {"put_bucket_notification_configuration": S3Backend}
    for name, params in EXPECTED.items():
        owner = owners.get(name, notifications)
        current = getattr(owner, name, None)
        if current is None or list(inspect.signature(current).parameters) != params:
            raise S3DestinationSeamMoved(f"moto's {name} moved; update s3_destinations.py")
        _original[name] = current
    S3Backend.put_bucket_notification_configuration = _put
    notifications._invoke_awslambda = _invoke_awslambda
    notifications._send_sqs_message = _send_sqs_message
    notifications._send_sns_message = _send_sns_message


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
