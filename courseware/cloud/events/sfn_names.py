"""Step Functions: an execution started without a name gets a generated one, as on AWS.

moto 5.2's parser backend names such executions ``None``, so a second unnamed
StartExecution returned the first execution instead of starting a new one.

Importing moto's Step Functions parser costs over a second (it pulls in Batch and EC2), so
the patch waits for the first Step Functions request (:mod:`courseware.cloud.lazy`).
"""

from __future__ import annotations

import uuid
from typing import Any

from courseware.cloud import lazy
from courseware.cloud.endpoint import Endpoint

SERVICE = "states"  # Step Functions' signing name
_patched: dict[str, Any] = {}


def install() -> None:
    """Patch on the first Step Functions request."""
    lazy.when_first_used(SERVICE, patch)


def patch() -> None:
    """Wrap StartExecution to fill in a UUID name (idempotent)."""
    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    if _patched:
        return
    original = StepFunctionsParserBackend.start_execution

    def start_execution(
        self: Any, state_machine_arn: str, name: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        return original(self, state_machine_arn, name or str(uuid.uuid4()), *args, **kwargs)

    StepFunctionsParserBackend.start_execution = start_execution
    _patched["start_execution"] = original


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
