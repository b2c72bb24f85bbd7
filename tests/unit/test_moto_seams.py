"""The event-plumbing seams into moto: each fails here, loudly, when a moto upgrade moves it.

Each plugin replaces or wraps a moto function; these tests pin what the replacement relies on
(the original's name, signature and, where we copy its body, the lines we keep or drop).
The Lambda runtime's and the stream poller's seams have their own tests
(test_lambda_hook.py, test_lambda_code_location_hook.py, test_stream_hook.py).
"""

from __future__ import annotations

import inspect
from typing import Any

from moto.awslambda.models import LambdaBackend, LambdaFunction
from moto.events import notifications as events_notifications
from moto.s3 import notifications as s3_notifications
from moto.sqs.models import DEDUPLICATION_TIME_IN_SECONDS, Queue, SQSBackend
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from courseware.cloud import iam_partitions
from courseware.cloud.events import event_filter, sfn_names, sqs_poller, sqs_speed


def _original(patched: Any, fallback: Any) -> Any:
    """moto's own function, whether or not a plugin already replaced it in this process."""
    return patched if patched is not None else fallback


def _params(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_sqs_poller_copies_add_message_minus_the_lambda_delivery() -> None:
    original = _original(sqs_poller._state["original"], Queue.add_message)
    assert _params(original) == ["self", "message"]
    source = inspect.getsource(original)
    assert "self._messages.append(message)" in source
    assert "self._messages_lock.notify_all()" in source
    assert "send_sqs_batch(" in source, "moto no longer delivers inline: drop the replacement?"
    assert DEDUPLICATION_TIME_IN_SECONDS == 300, "our copy hard-codes the 5-minute window"


def test_event_filter_wraps_the_mapping_create_and_update() -> None:
    create = event_filter._originals.get("create_event_source_mapping")
    update = event_filter._originals.get("update_event_source_mapping")
    create = _original(create, LambdaBackend.create_event_source_mapping)
    update = _original(update, LambdaBackend.update_event_source_mapping)
    assert _params(create) == ["self", "spec"]
    assert _params(update) == ["self", "uuid", "spec"]


def test_async_invoke_wraps_motos_internal_lambda_calls() -> None:
    for owner, name, params in (
        (LambdaBackend, "send_sns_message", ["self", "function_name", "message"]),
        (LambdaBackend, "send_log_event", ["self", "function_arn", "filter_name"]),
        (s3_notifications, "_invoke_awslambda", ["account_id", "event_body", "fn_arn"]),
        (events_notifications, "_invoke_lambda", ["account_id", "fn_arn", "event"]),
    ):
        function = getattr(owner, name)
        assert callable(function), name
        if not getattr(function, "_courseware_async", False):  # not yet wrapped here
            assert _params(function)[: len(params)] == params, name
    if not getattr(LambdaFunction, "_courseware_dlq", False):
        assert _params(LambdaFunction.__init__)[:3] == ["self", "account_id", "spec"]
        assert _params(LambdaFunction.update_configuration) == ["self", "config_updates"]
        assert "DeadLetterConfig" not in inspect.getsource(LambdaFunction.get_configuration)


def test_sqs_speed_replaces_the_retention_check() -> None:
    retained = _original(
        sqs_speed._patched.get("retained"), SQSBackend.is_message_valid_based_on_retention_period
    )
    assert _params(retained) == ["self", "queue_name", "message"]
    assert "get_queue_attributes(" in inspect.getsource(retained), "moto no longer rescans"
    # Listing and counting messages: tests/unit/test_sqs_index.py.


def test_sfn_names_wraps_start_execution_with_name_second() -> None:
    original = _original(
        sfn_names._patched.get("start_execution"), StepFunctionsParserBackend.start_execution
    )
    assert _params(original)[:3] == ["self", "state_machine_arn", "name"]


def test_lazy_patches_run_once_just_before_their_service_is_first_used() -> None:
    from courseware.cloud import lazy

    seen: list[str] = []
    ran: list[str] = []

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append(str(lazy.service_of(environ)))
        return [b""]

    wrapped = lazy.wrap_app(app)
    lazy.when_first_used("unit-test-service", lambda: ran.append("patched"))
    scope = "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/{}/aws4_request, Signature=x"
    wrapped({"HTTP_AUTHORIZATION": scope.format("sqs")}, lambda *a: None)
    assert ran == [], "a request for another service must not run the patch"
    wrapped({"HTTP_AUTHORIZATION": scope.format("unit-test-service")}, lambda *a: None)
    wrapped({"HTTP_AUTHORIZATION": scope.format("unit-test-service")}, lambda *a: None)
    assert ran == ["patched"]
    assert seen == ["sqs", "unit-test-service", "unit-test-service"]
    lazy.when_first_used("unit-test-service", lambda: ran.append("late"))
    assert ran == ["patched", "late"], "a patch registered after first use runs at once"
    assert lazy.service_of({"HTTP_X_AMZ_TARGET": "AWSStepFunctions.StartExecution"}) == "states"


def test_iam_partitions_replaces_the_access_key_lookup_that_builds_every_partition() -> None:
    import moto.core.responses as core_responses
    import moto.iam.models as iam_models

    original = _original(
        iam_partitions._patched.get("get_account_id_from"), iam_models.get_account_id_from
    )
    assert _params(original) == ["access_key"]
    source = inspect.getsource(original)
    assert "for partition in PARTITION_NAMES" in source
    assert "account[partition].access_keys" in source, (
        "moto no longer indexes (and builds) partitions"
    )
    # moto resolves it from the module at call time, so replacing the module attribute suffices.
    assert "from moto.iam.models import get_account_id_from" in inspect.getsource(
        core_responses.BaseResponse.get_current_account
    )


def test_sqs_message_ids_reads_queue_messages_and_message_id() -> None:
    from moto.sqs.models import Message

    from courseware.cloud.events import sqs_message_ids

    backend = SQSBackend("us-east-1", "123456789012")
    assert isinstance(backend.queues, dict)
    queue = backend.create_queue("seam-queue")
    for name in sqs_message_ids.QUEUE_ATTRIBUTES:
        assert hasattr(queue, name), f"moto's Queue has no {name}: update sqs_message_ids"
    backend.send_message("seam-queue", "body")
    message = queue._messages[0]
    assert isinstance(message, Message)
    for name in sqs_message_ids.MESSAGE_ATTRIBUTES:
        assert hasattr(message, name), f"moto's Message has no {name}: update sqs_message_ids"


def test_probe_invocations_are_recognised_by_their_client_context() -> None:
    import base64
    import json

    from courseware.cloud.lambda_rt.plugin import PROBE_KEY, is_probe

    context = base64.b64encode(json.dumps({"custom": {PROBE_KEY: "1"}}).encode()).decode()
    assert is_probe({"X-Amz-Client-Context": context})
    other = base64.b64encode(json.dumps({"custom": {"app": "1"}}).encode()).decode()
    assert not is_probe({"X-Amz-Client-Context": other})
    assert not is_probe({})
