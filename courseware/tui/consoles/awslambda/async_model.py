"""The Asynchronous invocation settings as the console's form holds them (Textual-free).

Retry attempts 0–2 and maximum event age 60–21,600 s, as Lambda allows
(https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html); the
OnSuccess / OnFailure destinations and the function's dead-letter queue are ARNs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from courseware.tui.consoles.awslambda.lambda_settings import SettingsError, read_int

DEFAULT_RETRIES, DEFAULT_AGE = 2, 21600
_ARN = re.compile(r"^arn:aws[a-zA-Z-]*:(sqs|sns|lambda|events|s3):")


@dataclass(frozen=True)
class AsyncForm:
    """What the form shows and saves."""

    retries: str = str(DEFAULT_RETRIES)
    max_age: str = str(DEFAULT_AGE)
    on_success: str = ""
    on_failure: str = ""
    dead_letter: str = ""


def form_of(invoke_config: dict[str, Any] | None, function_config: dict[str, Any]) -> AsyncForm:
    """The form for GetFunctionEventInvokeConfig (None: none yet) and the function's config."""
    config = invoke_config or {}
    destinations = config.get("DestinationConfig") or {}
    return AsyncForm(
        str(config.get("MaximumRetryAttempts", DEFAULT_RETRIES)),
        str(config.get("MaximumEventAgeInSeconds", DEFAULT_AGE)),
        str((destinations.get("OnSuccess") or {}).get("Destination", "")),
        str((destinations.get("OnFailure") or {}).get("Destination", "")),
        str((function_config.get("DeadLetterConfig") or {}).get("TargetArn", "")),
    )


def _arn(text: str, label: str) -> str:
    value = text.strip()
    if value and not _ARN.match(value):
        raise SettingsError(
            f"{label}: the ARN of an SQS queue, SNS topic, Lambda function or EventBridge bus "
            f"(arn:aws:sqs:…), got {value!r}."
        )
    return value


def put_params(function_name: str, form: AsyncForm) -> dict[str, Any]:
    """PutFunctionEventInvokeConfig's parameters for the form (it replaces the whole config).

    Raises:
        SettingsError: a number out of range or a malformed ARN; the message names the field.
    """
    destinations: dict[str, Any] = {}
    for key, text in (("OnSuccess", form.on_success), ("OnFailure", form.on_failure)):
        arn = _arn(text, f"On {key[2:].lower()} destination")
        if arn:
            destinations[key] = {"Destination": arn}
    params: dict[str, Any] = {
        "FunctionName": function_name,
        "MaximumRetryAttempts": read_int(form.retries, "Retry attempts", 0, 2),
        "MaximumEventAgeInSeconds": read_int(form.max_age, "Maximum age of event (s)", 60, 21600),
    }
    if destinations:
        params["DestinationConfig"] = destinations
    return params


def dead_letter_target(form: AsyncForm) -> str:
    """The dead-letter queue's ARN ('' removes it).

    Raises:
        SettingsError: not an SQS queue or SNS topic ARN.
    """
    arn = _arn(form.dead_letter, "Dead-letter queue")
    if arn and ":sqs:" not in arn and ":sns:" not in arn:
        raise SettingsError("Dead-letter queue: an SQS queue or SNS topic ARN.")
    return arn
