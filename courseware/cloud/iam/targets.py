"""The resource policies of the targets services deliver to: functions, queues and topics.

Each answer is whether ``service`` (``s3.amazonaws.com``, ``sns.amazonaws.com``…) may deliver
to the target on behalf of ``source_arn`` (a bucket, topic or API method) owned by
``source_account``. Always True when enforcement is off; False for a target that is gone.
"""

from __future__ import annotations

import json
from typing import Any

from courseware.cloud.iam import mode, resource_policy


def function_policy(function_arn: str) -> Any:
    """The resource policy of a function (or of the version/alias its ARN names), or None."""
    from moto.core.exceptions import JsonRESTError

    from courseware.cloud.events.backends import arn_parts, lambda_backend
    from courseware.cloud.lambda_rt.qualifier import split_qualifier

    _, region, account, _ = arn_parts(function_arn)
    base, qualifier = split_qualifier(function_arn, None)
    try:
        wire = lambda_backend(account, region).get_policy(base, qualifier or None)
    except JsonRESTError:  # no policy yet (or no such function)
        return None
    return json.loads(json.loads(wire)["Policy"])


def function_allows(function_arn: str, service: str, source_arn: str, source_account: str) -> bool:
    """Whether the function's resource policy lets ``service`` call lambda:InvokeFunction."""
    if not mode.enforced():
        return True
    return resource_policy.service_allowed(
        function_policy(function_arn),
        service,
        "lambda:InvokeFunction",
        function_arn,
        resource_policy.source_context(source_arn, source_account),
    )


def queue_allows(queue_arn: str, service: str, source_arn: str, source_account: str) -> bool:
    """Whether the queue's access policy lets ``service`` call sqs:SendMessage."""
    if not mode.enforced():
        return True
    from courseware.cloud.events.backends import arn_parts, sqs_backend

    _, region, account, name = arn_parts(queue_arn)
    queue = sqs_backend(account, region).queues.get(name)
    if queue is None:
        return False
    return resource_policy.service_allowed(
        queue.policy,
        service,
        "sqs:SendMessage",
        queue_arn,
        resource_policy.source_context(source_arn, source_account),
    )


def topic_allows(topic_arn: str, service: str, source_arn: str, source_account: str) -> bool:
    """Whether the topic's access policy lets ``service`` call sns:Publish."""
    if not mode.enforced():
        return True
    from moto.sns.models import sns_backends

    from courseware.cloud.events.backends import arn_parts

    _, region, account, _ = arn_parts(topic_arn)
    topic = sns_backends[account][region].topics.get(topic_arn)
    if topic is None:
        return False
    return resource_policy.service_allowed(
        topic._policy_json,
        service,
        "sns:Publish",
        topic_arn,
        resource_policy.source_context(source_arn, source_account),
    )
