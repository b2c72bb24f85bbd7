"""StartSyncExecution for EXPRESS state machines, and execution events in the log group.

moto 5.2 carries the Step Functions interpreter's ``SyncExecution`` but no API operation
reaches it, and every ``Execution`` is built with ``cloud_watch_logging_session=None``,
so a state machine's ``loggingConfiguration`` writes nothing. This plugin adds the
operation to moto's ``StepFunctionResponse`` and fills the logging session in
``Execution.__init__`` from the state machine's own configuration.

Clients reach the operation without the ``sync-`` host prefix boto3 injects: see
``courseware.cloud.endpoint`` (``inject_host_prefix=False`` and
``AWS_DISABLE_HOST_PREFIX_INJECTION``).
"""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.sfn.exec_logs import logging_session

EXPECTED_INIT_PARAMS = [
    "self",
    "name",
    "sm_type",
    "role_arn",
    "exec_arn",
    "account_id",
    "region_name",
    "state_machine",
    "start_date",
    "cloud_watch_logging_session",
    "activity_store",
    "input_data",
    "trace_header",
]
_patched: dict[str, Any] = {}


class SfnHookError(RuntimeError):
    """moto moved what the Express/logging plugin relies on; pin moto or update this module."""


def _wrapped_init(original: Any) -> Any:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if self._cloud_watch_logging_session is None:
            self._cloud_watch_logging_session = logging_session(self.exec_arn, self.state_machine)

    __init__.__wrapped__ = original  # type: ignore[attr-defined]
    return __init__


def start_sync_execution(
    backend: Any, state_machine_arn: str, name: str | None, execution_input: str | None
) -> Any:
    """Run an EXPRESS state machine to the end in this request; the finished ``SyncExecution``."""
    from moto.core.exceptions import AWSError
    from moto.stepfunctions.exceptions import InvalidExecutionInput
    from moto.stepfunctions.parser.backend.execution import SyncExecution

    state_machine = backend.describe_state_machine(state_machine_arn)
    if str(getattr(state_machine, "type", "STANDARD")) != "EXPRESS":
        raise AWSError(
            "This operation is not supported by this type of state machine",
            exception_type="StateMachineTypeNotSupported",
        )
    text = "{}" if execution_input is None else execution_input
    try:
        json.loads(text)
    except ValueError as exc:
        raise InvalidExecutionInput(str(exc)) from None
    exec_name = name or str(uuid.uuid4())
    exec_arn = (
        f"arn:{backend.partition}:states:{backend.region_name}:{backend.account_id}:express:"
        f"{state_machine.name}:{exec_name}:{uuid.uuid4()}"
    )
    execution = SyncExecution(
        name=exec_name,
        sm_type="EXPRESS",
        role_arn=state_machine.roleArn,
        exec_arn=exec_arn,
        account_id=backend.account_id,
        region_name=backend.region_name,
        state_machine=state_machine,
        start_date=datetime.datetime.now(tz=datetime.UTC),
        cloud_watch_logging_session=None,
        activity_store={},
        input_data=text,
    )
    execution.start()  # SyncExecutionWorker.start runs the program in this thread
    return execution


def _response_method(self: Any) -> Any:
    """moto ``StepFunctionResponse.start_sync_execution``: the StartSyncExecution action."""
    from moto.core.responses import ActionResult

    execution = start_sync_execution(
        self.stepfunction_backend,
        self._get_param("stateMachineArn"),
        self._get_param("name"),
        self._get_param("input"),
    )
    output = dict(execution.to_start_sync_execution_output())
    output.pop("outputDetails", None)
    output.pop("inputDetails", None)
    output["billingDetails"] = {"billedMemoryUsedInMB": 64, "billedDurationInMilliseconds": 100}
    return ActionResult({k: v for k, v in output.items() if v is not None})


def install() -> None:
    """Patch on the first Step Functions request (the parser is slow to import)."""
    from courseware.cloud import lazy

    lazy.when_first_used("states", patch)


def patch() -> None:
    """Add StartSyncExecution and execution logging to moto (idempotent); fail loudly if moved.

    Raises:
        SfnHookError: moto's Execution or StepFunctionResponse changed shape.
    """
    import inspect

    from moto.stepfunctions.parser.backend import execution
    from moto.stepfunctions.responses import StepFunctionResponse

    if _patched:
        return
    init = execution.Execution.__init__
    if list(inspect.signature(init).parameters) != EXPECTED_INIT_PARAMS:
        raise SfnHookError(
            "moto's Step Functions Execution.__init__ changed; moto is pinned to 5.2.x"
        )
    if hasattr(StepFunctionResponse, "start_sync_execution"):
        raise SfnHookError("moto now implements StartSyncExecution: drop courseware's")
    if not hasattr(execution.SyncExecution, "to_start_sync_execution_output"):
        raise SfnHookError("moto's SyncExecution lost to_start_sync_execution_output")
    _patched["init"] = init
    execution.Execution.__init__ = _wrapped_init(init)
    StepFunctionResponse.start_sync_execution = _response_method


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
