"""PutFunctionEventInvokeConfig replaces and UpdateFunctionEventInvokeConfig merges, as on AWS.

moto appends every Put and Update to ``LambdaFunction.event_invoke_config`` and reads only the
first, so a second Put (or any Update) changed nothing. AWS: "If a configuration already exists
for a function, version, or alias, this operation overwrites it. If you exclude any settings,
they are removed. To set one option without affecting existing settings for other options,
use UpdateFunctionEventInvokeConfig."
(https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html)

Patched here: ``LambdaBackend.put_function_event_invoke_config`` and
``update_function_event_invoke_config`` (``tests/unit/test_async_config_seam.py``). The lower
bounds (MaximumRetryAttempts ≥ 0, MaximumEventAgeInSeconds ≥ 60) are refused with AWS's
ValidationException text too; moto leaves them to botocore's client-side check.
"""

from __future__ import annotations

from typing import Any

_MINIMUMS = {"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60}
_state: dict[str, Any] = {"original": None}  # moto's Put, before the patch


def merged(old: dict[str, Any], updates: dict[str, Any]) -> dict[str, Any]:
    """``old`` with the settings ``updates`` names replaced (destinations one by one)."""
    config = {k: v for k, v in old.items() if k not in {"FunctionArn", "LastModified"}}
    for key, value in updates.items():
        if key == "DestinationConfig" and isinstance(value, dict):
            destinations = dict(config.get("DestinationConfig") or {})
            destinations.update(value)
            config[key] = destinations
        else:
            config[key] = value
    return config


def _check_minimums(config: dict[str, Any]) -> None:
    from moto.awslambda.exceptions import ValidationException

    for key, least in _MINIMUMS.items():
        value = config.get(key)
        if isinstance(value, int) and value < least:
            member = key[0].lower() + key[1:]
            raise ValidationException(
                str(value), member, f"Member must have value greater than or equal to {least}"
            )


def install() -> None:
    """Patch moto's Put and Update so a function holds one configuration."""
    from moto.awslambda.models import LambdaBackend

    if getattr(LambdaBackend, "_courseware_async_config", False):
        return
    original_put = _state["original"] = LambdaBackend.put_function_event_invoke_config

    def put(self: Any, function_name: str, config: dict[str, Any]) -> dict[str, Any]:
        _check_minimums(config)
        fn = self.get_function(function_name)
        kept, fn.event_invoke_config = fn.event_invoke_config, []
        try:  # moto's Put (and any check wrapped around it) appends to the emptied list
            return dict(original_put(self, function_name, config))
        except Exception:
            fn.event_invoke_config = kept
            raise

    def update(self: Any, function_name: str, config: dict[str, Any]) -> dict[str, Any]:
        fn = self.get_function(function_name)
        old = dict(fn.event_invoke_config[0].config) if fn.event_invoke_config else {}
        return put(self, function_name, merged(old, config))  # checks (send rights) see it all

    LambdaBackend.put_function_event_invoke_config = put
    LambdaBackend.update_function_event_invoke_config = update
    LambdaBackend._courseware_async_config = True
