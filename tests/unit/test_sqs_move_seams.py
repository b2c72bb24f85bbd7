"""The seams for SQS message move tasks and the trigger's visibility check fail here when moto moves.

``sqs_move_api`` adds three actions to moto's ``SQSResponse`` (moto routes an action to the
snake-case method of that name and parses its parameters from botocore's model) and wraps
``Queue.add_message``; ``sqs_move_tasks`` moves a message by rewriting ``Queue._messages``
and the fields of moto's ``Message``; ``sqs_visibility_check`` runs inside ``event_filter``'s
wrappers of the mapping's create and update; ``sqs_receive_counts`` wraps the receive answer.
"""

from __future__ import annotations

import inspect

from botocore.session import get_session
from moto.awslambda import models as lambda_models
from moto.awslambda.models import LambdaBackend
from moto.sqs.models import Message, Queue
from moto.sqs.responses import SQSResponse

from courseware.cloud.events import event_filter, sqs_move_api, sqs_visibility_check

ACTIONS = ("StartMessageMoveTask", "ListMessageMoveTasks", "CancelMessageMoveTask")


def test_moto_still_lacks_the_move_task_actions_and_routes_by_snake_case_name() -> None:
    model = get_session().get_service_model("sqs")
    for action in ACTIONS:
        assert action in model.operation_names, f"botocore's SQS model lost {action}"
    source = inspect.getsource(SQSResponse.__init__)
    assert "automated_parameter_parsing = True" in source, "params no longer parsed from the model"
    for name in ("start_message_move_task", "list_message_move_tasks", "cancel_message_move_task"):
        method = getattr(SQSResponse, name, None)  # ours once the cloud has started
        assert method is None or method.__module__ == sqs_move_api.__name__, (
            f"moto implements {name} now: drop sqs_move_api"
        )


def test_add_message_and_the_message_fields_we_reset_are_still_there() -> None:
    original = sqs_move_api._patched.get("add_message", Queue.add_message)
    assert list(inspect.signature(original).parameters) == ["self", "message"]
    message = Message("id-1", "body")
    for name in ("approximate_receive_count", "approximate_first_receive_timestamp",
                 "receipt_handle", "visible_at", "delayed_until"):  # fmt: skip
        assert hasattr(message, name), f"moto's Message has no {name}"
    init = inspect.getsource(Queue.__init__)
    assert "self._messages" in init and "self._pending_messages" in init


def test_visibility_check_rides_on_the_mapping_create_and_update_wrappers() -> None:
    kept = event_filter._originals
    create = kept.get("create_event_source_mapping", LambdaBackend.create_event_source_mapping)
    update = kept.get("update_event_source_mapping", LambdaBackend.update_event_source_mapping)
    assert list(inspect.signature(create).parameters) == ["self", "spec"]
    assert list(inspect.signature(update).parameters) == ["self", "uuid", "spec"]
    assert "sqs_visibility_check.check" in inspect.getsource(event_filter._create)
    assert "sqs_visibility_check.check" in inspect.getsource(event_filter._update)
    moto_source = inspect.getsource(lambda_models)
    assert "def create_event_source_mapping(self, spec: dict[str, Any])" in moto_source
    assert "get_function_by_name_or_arn_with_qualifier" in moto_source
    assert "visibility" not in moto_source.lower(), "moto checks the timeout now: drop ours"
    assert sqs_visibility_check.refusal(30, 60) == (
        "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds"
    )
    assert sqs_visibility_check.refusal(60, 60) is None


def test_receive_counts_wrap_the_receive_response_and_read_its_messages() -> None:
    from moto.core.responses import ActionResult

    from courseware.cloud.events import sqs_receive_counts

    original = sqs_receive_counts._patched.get("receive_message", SQSResponse.receive_message)
    source = inspect.getsource(original)
    assert 'result = {"Messages": msgs} if msgs else {}' in source, "moto's answer changed shape"
    assert "return ActionResult(result)" in source
    assert ActionResult({"Messages": [1]}).result == {"Messages": [1]}
    assert "self.receive_message_wait_time_seconds" in inspect.getsource(Queue)
