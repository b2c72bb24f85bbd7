"""The Lambda console's Asynchronous invocation form model (Textual-free)."""

from __future__ import annotations

import pytest

from courseware.tui.consoles.awslambda.async_model import (
    AsyncForm,
    dead_letter_target,
    form_of,
    put_params,
)
from courseware.tui.consoles.awslambda.lambda_settings import SettingsError

QUEUE = "arn:aws:sqs:us-east-1:123456789012:failures"


def test_no_config_shows_lambdas_defaults() -> None:
    assert form_of(None, {}) == AsyncForm("2", "21600", "", "", "")


def test_a_config_and_a_dlq_fill_the_form() -> None:
    config = {
        "MaximumRetryAttempts": 0,
        "MaximumEventAgeInSeconds": 60,
        "DestinationConfig": {"OnFailure": {"Destination": QUEUE}, "OnSuccess": {}},
    }
    form = form_of(config, {"DeadLetterConfig": {"TargetArn": QUEUE}})
    assert form == AsyncForm("0", "60", "", QUEUE, QUEUE)


def test_put_params_hold_the_whole_config() -> None:
    params = put_params("f", AsyncForm("1", "3600", "", f" {QUEUE} ", ""))
    assert params == {
        "FunctionName": "f",
        "MaximumRetryAttempts": 1,
        "MaximumEventAgeInSeconds": 3600,
        "DestinationConfig": {"OnFailure": {"Destination": QUEUE}},
    }
    assert "DestinationConfig" not in put_params("f", AsyncForm())


@pytest.mark.parametrize(
    ("form", "says"),
    [
        (AsyncForm(retries="3"), "Retry attempts: from 0 to 2"),
        (AsyncForm(max_age="59"), "Maximum age of event (s): from 60 to 21600"),
        (AsyncForm(retries="two"), "Retry attempts: a whole number"),
        (AsyncForm(on_success="my-queue"), "On success destination: the ARN"),
    ],
)
def test_bad_fields_are_named(form: AsyncForm, says: str) -> None:
    with pytest.raises(SettingsError, match=says.replace("(", r"\(").replace(")", r"\)")):
        put_params("f", form)


def test_dead_letter_queue_is_a_queue_or_topic() -> None:
    assert dead_letter_target(AsyncForm(dead_letter="")) == ""
    assert dead_letter_target(AsyncForm(dead_letter=QUEUE)) == QUEUE
    with pytest.raises(SettingsError, match="SQS queue or SNS topic"):
        dead_letter_target(AsyncForm(dead_letter="arn:aws:lambda:us-east-1:1:function:f"))
