"""Step Functions: an execution started without a name gets a generated one, as on AWS.

moto 5.2's parser backend names such executions ``None``, so a second unnamed
StartExecution returned the first execution instead of starting a new one.

Importing moto's Step Functions parser costs over a second (it pulls in Batch and EC2), so
the patch is applied on the first Step Functions request instead of at cloud start: the
cloud is ready sooner, and labs that never touch Step Functions never pay for it.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from courseware.cloud.endpoint import Endpoint

_patched: dict[str, Any] = {}
_lock = threading.Lock()
TARGET_PREFIX = "AWSStepFunctions."  # the X-Amz-Target of every Step Functions API call

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def install() -> None:
    """Nothing at start: the patch waits for the first Step Functions request."""


def patch() -> None:
    """Wrap StartExecution to fill in a UUID name (idempotent, thread-safe)."""
    if _patched:
        return
    with _lock:
        if _patched:
            return
        from moto.stepfunctions.parser.models import StepFunctionsParserBackend

        original = StepFunctionsParserBackend.start_execution

        def start_execution(
            self: Any, state_machine_arn: str, name: Any = None, *args: Any, **kwargs: Any
        ) -> Any:
            return original(self, state_machine_arn, name or str(uuid.uuid4()), *args, **kwargs)

        StepFunctionsParserBackend.start_execution = start_execution
        _patched["start_execution"] = original


def is_stepfunctions(environ: dict[str, Any]) -> bool:
    """Whether a request is a Step Functions API call."""
    return str(environ.get("HTTP_X_AMZ_TARGET", "")).startswith(TARGET_PREFIX)


def wrap_app(app: WsgiApp) -> WsgiApp:
    """Apply the patch just before the first Step Functions request reaches moto."""

    def lazy(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if not _patched and is_stepfunctions(environ):
            patch()
        return app(environ, start_response)

    return lazy


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
