"""The async-invocation config seam (``events/async_config.py``) and the routing rules.

The seam wraps moto's ``LambdaBackend.put_function_event_invoke_config`` (Put replaces) and
replaces ``update_function_event_invoke_config`` (Update merges). These tests fail loudly when
a moto upgrade moves what it relies on, and prove the rules on moto's own backend.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from moto.awslambda.exceptions import ValidationException
from moto.awslambda.models import EventInvokeConfig, LambdaBackend

from courseware.cloud.events import async_config
from courseware.cloud.events.async_routing import verdict


class _Fn:
    function_arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
    last_modified = "2026-12-04T00:00:00.000+0000"

    def __init__(self) -> None:
        self.event_invoke_config: list[EventInvokeConfig] = []


class _Backend:
    """Just enough of a LambdaBackend for moto's own Put to run on."""

    def __init__(self) -> None:
        self.fn = _Fn()

    def get_function(self, name: str) -> _Fn:
        return self.fn


def test_moto_still_appends_and_reads_the_first() -> None:
    from courseware.cloud.iam import send_permissions

    original = (
        send_permissions._original.get("put_function_event_invoke_config")
        or async_config._state["original"]
        or LambdaBackend.put_function_event_invoke_config
    )  # moto's own Put, under the send-permission check that may wrap it
    assert list(inspect.signature(original).parameters) == ["self", "function_name", "config"]
    put = inspect.getsource(original)
    assert "fn.event_invoke_config.append(event_config)" in put, (
        "moto's Put no longer appends: is the seam still needed?"
    )
    get = inspect.getsource(LambdaBackend.get_function_event_invoke_config)
    assert "fn.event_invoke_config[0]" in get
    assert list(inspect.signature(EventInvokeConfig).parameters) == [
        "arn",
        "last_modified",
        "config",
    ]


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch) -> Any:
    from courseware.cloud.iam import mode

    # A cloud started earlier in this session may have wrapped Put in the send-permission
    # check; these fakes have no role, so run them as an IAM-off cloud would.
    monkeypatch.setattr(mode, "enforced", lambda: False)
    async_config.install()
    assert LambdaBackend._courseware_async_config
    return _Backend()


def test_put_replaces_the_whole_configuration(patched: Any) -> None:
    put = LambdaBackend.put_function_event_invoke_config
    put(patched, "f", {"MaximumRetryAttempts": 0, "DestinationConfig": {"OnFailure": {}}})
    put(patched, "f", {"MaximumEventAgeInSeconds": 3600})
    assert [c.config for c in patched.fn.event_invoke_config] == [
        {"MaximumEventAgeInSeconds": 3600}
    ]


def test_update_keeps_what_it_does_not_name(patched: Any) -> None:
    on_failure = {"Destination": "arn:aws:sqs:us-east-1:123456789012:failures"}
    LambdaBackend.put_function_event_invoke_config(
        patched, "f", {"MaximumRetryAttempts": 0, "DestinationConfig": {"OnFailure": on_failure}}
    )
    on_success = {"Destination": "arn:aws:sqs:us-east-1:123456789012:results"}
    LambdaBackend.update_function_event_invoke_config(
        patched,
        "f",
        {"MaximumEventAgeInSeconds": 120, "DestinationConfig": {"OnSuccess": on_success}},
    )
    (only,) = patched.fn.event_invoke_config
    assert only.config == {
        "MaximumRetryAttempts": 0,
        "MaximumEventAgeInSeconds": 120,
        "DestinationConfig": {"OnFailure": on_failure, "OnSuccess": on_success},
    }


def test_lower_bounds_refused_with_awss_text_and_nothing_lost(patched: Any) -> None:
    put = LambdaBackend.put_function_event_invoke_config
    put(patched, "f", {"MaximumRetryAttempts": 1})
    with pytest.raises(ValidationException) as error:
        put(patched, "f", {"MaximumEventAgeInSeconds": 30})
    assert "Value '30' at 'maximumEventAgeInSeconds' failed to satisfy constraint" in str(
        error.value.message
    )
    with pytest.raises(ValidationException):
        put(patched, "f", {"MaximumRetryAttempts": 3})  # moto's own upper bound
    assert [c.config for c in patched.fn.event_invoke_config] == [{"MaximumRetryAttempts": 1}]


@pytest.mark.parametrize(
    ("failed", "attempts", "retries", "age", "expected"),
    [
        (False, 1, 2, 0.0, "Success"),
        (True, 1, 2, 0.0, "retry"),
        (True, 3, 2, 0.0, "RetriesExhausted"),
        (True, 1, 0, 0.0, "RetriesExhausted"),
        (True, 1, 2, 60.0, "EventAgeExceeded"),
    ],
)
def test_verdict(failed: bool, attempts: int, retries: int, age: float, expected: str) -> None:
    assert verdict(failed, attempts, retries, age, 60.0) == expected
