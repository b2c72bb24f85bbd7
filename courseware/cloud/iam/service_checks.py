"""What Lambda itself checks against a function's role, with AWS's messages.

* CreateFunction: the role's trust policy must let ``lambda.amazonaws.com`` assume it
  ("The role defined for the function cannot be assumed by Lambda.").
* CreateEventSourceMapping on an SQS queue: the role must allow ``sqs:ReceiveMessage``,
  ``sqs:DeleteMessage`` and ``sqs:GetQueueAttributes`` on the queue ("The provided execution
  role does not have permissions to call ReceiveMessage on SQS").

Both are skipped when enforcement is off (``courseware cloud --iam off``). The wrapped moto
methods are checked by signature at install, so an upgrade that moves them fails loudly.
"""

from __future__ import annotations

import inspect
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import evaluate, mode

SQS_POLLER_ACTIONS = ("ReceiveMessage", "DeleteMessage", "GetQueueAttributes")
CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda."
EXPECTED = {"create_function": ["self", "spec"], "create_event_source_mapping": ["self", "spec"]}
_original: dict[str, Any] = {}


class ServiceCheckSeamMoved(RuntimeError):
    """moto moved a LambdaBackend method wrapped here; pin moto or update service_checks.py."""


def _by_name(account: str, name: str) -> Any:
    from moto.iam.exceptions import NotFoundException
    from moto.iam.models import iam_backends

    try:
        return iam_backends[account]["global"].get_role(name)
    except NotFoundException:
        return None


def trusts_lambda(document: Any) -> bool:
    """Whether a trust policy lets ``lambda.amazonaws.com`` call sts:AssumeRole."""
    try:
        statements = evaluate._statements(evaluate._as_dict(document))
    except (ValueError, TypeError):
        return False
    for statement in statements:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        actions = statement.get("Action", [])
        actions = [actions] if isinstance(actions, str) else list(actions)
        if not any(a in {"sts:AssumeRole", "sts:*", "*"} for a in actions):
            continue
        principal = statement.get("Principal", {})
        if principal == "*":
            return True
        services = principal.get("Service", []) if isinstance(principal, dict) else []
        services = [services] if isinstance(services, str) else list(services)
        if "lambda.amazonaws.com" in services:
            return True
    return False


def _create_function(self: Any, spec: dict[str, Any]) -> Any:
    role_arn = str(spec.get("Role", ""))
    if mode.enforced() and role_arn:
        role = _by_name(str(self.account_id), role_arn.rsplit("/", 1)[-1])
        if role is not None and not trusts_lambda(role.assume_role_policy_document):
            from moto.awslambda.exceptions import InvalidParameterValueException

            raise InvalidParameterValueException(CANNOT_ASSUME)
    return _original["create_function"](self, spec)


def _create_event_source_mapping(self: Any, spec: dict[str, Any]) -> Any:
    source = str(spec.get("EventSourceArn", ""))
    if mode.enforced() and source.startswith("arn:aws:sqs:") and spec.get("FunctionName"):
        fn = self.get_function(str(spec["FunctionName"]))
        role = _by_name(str(self.account_id), str(fn.role).rsplit("/", 1)[-1])
        if role is not None:
            from moto.awslambda.exceptions import InvalidParameterValueException
            from moto.iam.models import iam_backends

            policies = evaluate.role_policies(iam_backends[self.account_id]["global"], role.name)
            for action in SQS_POLLER_ACTIONS:
                if not evaluate.evaluate(policies, f"sqs:{action}", source).allowed:
                    raise InvalidParameterValueException(
                        f"The provided execution role does not have permissions to call {action} on SQS"
                    )
    return _original["create_event_source_mapping"](self, spec)


def install() -> None:
    """Wrap LambdaBackend's CreateFunction and CreateEventSourceMapping (idempotent)."""
    from moto.awslambda.models import LambdaBackend

    if _original:
        return
    for name, params in EXPECTED.items():
        current = getattr(LambdaBackend, name, None)
        if current is None or list(inspect.signature(current).parameters) != params:
            raise ServiceCheckSeamMoved(
                f"moto's LambdaBackend.{name} moved; update service_checks.py"
            )
        _original[name] = current
    LambdaBackend.create_function = _create_function
    LambdaBackend.create_event_source_mapping = _create_event_source_mapping


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
