"""The X-Ray plugin: TracingConfig kept on update, and the loopback daemon for SDK segments.

Seam into moto 5.2 (pinned by ``tests/unit/test_xray_seams.py``): ``LambdaFunction.
update_configuration`` drops ``TracingConfig``; the wrapper stores it, so
``UpdateFunctionConfiguration --tracing-config Mode=Active`` reads back Active.
``BaseExecutionWorkerCommunication.terminated`` (Step Functions): a traced machine's
execution stores its segment (:mod:`courseware.cloud.xray.sfn_traces`). Trace summaries,
durations and the service graph: :mod:`courseware.cloud.xray.api_seam`. Lambda traces are
written by the Lambda runtime (:mod:`courseware.cloud.xray.lambda_traces`).
"""

from __future__ import annotations

import inspect
from typing import Any

from courseware.cloud import lazy
from courseware.cloud.endpoint import Endpoint
from courseware.cloud.xray import api_seam, daemon, sfn_traces

_originals: dict[str, Any] = {}
MODES = ("Active", "PassThrough")


class XRayHookError(RuntimeError):
    """moto moved ``LambdaFunction.update_configuration``; pin moto or update this plugin."""


def _wrap_update(original: Any) -> Any:
    def update_configuration(self: Any, config_updates: dict[str, Any]) -> Any:
        from moto.awslambda.exceptions import InvalidParameterValueException

        tracing = config_updates.get("TracingConfig")
        if tracing is not None:
            mode = (tracing or {}).get("Mode")
            if mode not in MODES:
                raise InvalidParameterValueException(
                    f"1 validation error detected: Value '{mode}' at 'tracingConfig.mode' failed "
                    "to satisfy constraint: Member must satisfy enum value set: [Active, PassThrough]"
                )
        answer = original(self, config_updates)
        if tracing is not None:
            self.tracing_config = {"Mode": tracing["Mode"]}
        return answer

    update_configuration.__wrapped__ = original  # type: ignore[attr-defined]
    return update_configuration


def install() -> None:
    """Wrap moto's ``update_configuration`` (idempotent); fail loudly if it moved.

    Raises:
        XRayHookError: the method is missing or has another signature.
    """
    from moto.awslambda.models import LambdaFunction

    if _originals:
        return
    current = getattr(LambdaFunction, "update_configuration", None)
    # Another plugin may have wrapped it already (its updates parameter has another name).
    if current is None or len(inspect.signature(current).parameters) != 2:
        raise XRayHookError(
            f"moto's LambdaFunction.update_configuration moved (found {current!r}); "
            "moto is pinned to 5.2.x"
        )
    _originals["update_configuration"] = current
    LambdaFunction.update_configuration = _wrap_update(current)
    api_seam.install()
    lazy.when_first_used("states", sfn_traces.install)  # the parser loads on first use


def started(endpoint: Endpoint) -> None:
    """Open the daemon's UDP port for handlers' X-Ray SDK segments."""
    daemon.start()


def stopping() -> None:
    """Close the daemon's port."""
    daemon.stop()
