"""Dead-letter queues and destinations are sent to as the function's execution role.

Lambda sends a failed event to the function's DeadLetterConfig target and invocation records
to its OnSuccess/OnFailure destinations with the execution role, so the role needs
``sqs:SendMessage``, ``sns:Publish``, ``lambda:InvokeFunction`` or ``events:PutEvents`` on the
target (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html,
https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html#invocation-dlq).
Lambda checks it when the target is set, with AWS's messages: "The provided execution role does
not have permissions to call SendMessage on SQS" (CreateFunction, UpdateFunctionConfiguration)
and "The destination ARN … is invalid." (PutFunctionEventInvokeConfig, as the AWS provider docs
quote it: https://www.pulumi.com/docs/reference/pkg/aws/lambda/functioneventinvokeconfig).
At delivery :func:`may_send` decides again, so a permission removed later drops the record.

Seams: ``LambdaBackend.create_function``, ``update_function_configuration``,
``put_function_event_invoke_config`` and ``update_function_event_invoke_config``.
"""

from __future__ import annotations

import inspect
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import evaluate, mode

ACTIONS = {
    "sqs": ("sqs:SendMessage", "SendMessage", "SQS"),
    "sns": ("sns:Publish", "Publish", "SNS"),
    "lambda": ("lambda:InvokeFunction", "InvokeFunction", "Lambda"),
    "events": ("events:PutEvents", "PutEvents", "EventBridge"),
}
EXPECTED = {
    "create_function": ["self", "spec"],
    "update_function_configuration": ["self", "function_name", "qualifier", "body"],
    "put_function_event_invoke_config": ["self", "function_name", "config"],
    "update_function_event_invoke_config": ["self", "function_name", "config"],
}
_original: dict[str, Any] = {}


class SendPermissionSeamMoved(RuntimeError):
    """moto moved a LambdaBackend method wrapped here; pin moto or update send_permissions.py."""


def role_may_send(account: str, role_arn: str, target_arn: str) -> bool:
    """Whether the role's identity policies allow sending to ``target_arn``."""
    if not mode.enforced():
        return True
    service = target_arn.split(":")[2] if target_arn.count(":") >= 5 else ""
    if service not in ACTIONS:
        return True
    from moto.iam.models import iam_backends

    try:
        policies = evaluate.role_policies(iam_backends[account]["global"], role_arn.split("/")[-1])
    except Exception:  # the role is gone: nothing allows anything
        return False
    return evaluate.evaluate(policies, ACTIONS[service][0], target_arn).allowed


def may_send(fn: Any, target_arn: str) -> bool:
    """Whether ``fn``'s execution role may send to ``target_arn`` now (delivery time)."""
    return role_may_send(str(fn.account_id), str(fn.role), target_arn)


def _check_dead_letter(account: str, role_arn: str, config: Any) -> None:
    target = str((config or {}).get("TargetArn") or "")
    if target and not role_may_send(account, role_arn, target):
        from moto.awslambda.exceptions import InvalidParameterValueException

        _, call, service = ACTIONS[target.split(":")[2]]
        raise InvalidParameterValueException(
            f"The provided execution role does not have permissions to call {call} on {service}"
        )


def _check_destinations(fn: Any, config: dict[str, Any]) -> None:
    for key in ("OnSuccess", "OnFailure"):
        target = str(
            ((config.get("DestinationConfig") or {}).get(key) or {}).get("Destination", "")
        )
        if target and not may_send(fn, target):
            from moto.awslambda.exceptions import InvalidParameterValueException

            raise InvalidParameterValueException(f"The destination ARN {target} is invalid.")


def _create_function(self: Any, spec: dict[str, Any]) -> Any:
    if mode.enforced() and spec.get("DeadLetterConfig"):
        _check_dead_letter(
            str(self.account_id), str(spec.get("Role", "")), spec["DeadLetterConfig"]
        )
    return _original["create_function"](self, spec)


def _update_configuration(
    self: Any, function_name: str, qualifier: str, body: dict[str, Any]
) -> Any:
    if mode.enforced() and body.get("DeadLetterConfig"):
        fn = self.get_function(function_name, qualifier)
        role = str(body.get("Role") or fn.role)
        _check_dead_letter(str(self.account_id), role, body["DeadLetterConfig"])
    return _original["update_function_configuration"](self, function_name, qualifier, body)


def _put_invoke_config(self: Any, function_name: str, config: dict[str, Any]) -> Any:
    if mode.enforced():
        _check_destinations(self.get_function(function_name), config)
    return _original["put_function_event_invoke_config"](self, function_name, config)


def _update_invoke_config(self: Any, function_name: str, config: dict[str, Any]) -> Any:
    if mode.enforced():
        _check_destinations(self.get_function(function_name), config)
    return _original["update_function_event_invoke_config"](self, function_name, config)


def install() -> None:
    """Wrap the four LambdaBackend methods (idempotent); fail loudly if moto moved them."""
    from moto.awslambda.models import LambdaBackend

    if _original:
        return
    for name, params in EXPECTED.items():
        current = getattr(LambdaBackend, name, None)
        if current is None or list(inspect.signature(current).parameters) != params:
            raise SendPermissionSeamMoved(
                f"moto's LambdaBackend.{name} moved; update send_permissions.py"
            )
        _original[name] = current
    LambdaBackend.create_function = _create_function
    LambdaBackend.update_function_configuration = _update_configuration
    LambdaBackend.put_function_event_invoke_config = _put_invoke_config
    LambdaBackend.update_function_event_invoke_config = _update_invoke_config


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
