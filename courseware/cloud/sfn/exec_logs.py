"""Execution events of a state machine with ``loggingConfiguration``, written to its log group.

The interpreter moto carries calls ``log_level_filter`` and ``publish_history_log`` on a
logging session; moto's own session never gets built, and its publishing step is an
unfinished port (it expects datetimes and botocore errors where moto gives strings and
its own exceptions). This session writes each event as CloudWatch Logs does for Step
Functions: one JSON message (``id``, ``type``, ``details``, ``previous_event_id``,
``event_timestamp`` in epoch milliseconds, ``execution_arn``) per history event.
"""

from __future__ import annotations

import datetime
import json
import threading
import time
import uuid
from typing import Any

from courseware.cloud.endpoint import REGION


def _millis(value: Any) -> int:
    if isinstance(value, datetime.datetime):
        return int(value.timestamp() * 1000)
    if isinstance(value, int | float):
        return int(value if value > 10**11 else value * 1000)
    try:
        return int(datetime.datetime.fromisoformat(str(value)).timestamp() * 1000)
    except ValueError:
        return int(time.time() * 1000)


class ExecutionLogSession:
    """Writes one execution's history events to a CloudWatch Logs group (moto's logs backend)."""

    def __init__(self, execution_arn: str, configuration: Any, state_machine_name: str) -> None:
        self.execution_arn = execution_arn
        self.configuration = configuration
        day = time.strftime("%Y-%m-%d-%H-%M", time.gmtime())
        self.stream = f"states/{state_machine_name}/{day}/{uuid.uuid4().hex[:8]}"
        self._lock = threading.Lock()
        self._ready = False

    def log_level_filter(self, history_event_type: Any) -> bool:
        """True when the configured level records this event type."""
        from moto.stepfunctions.parser.asl.eval.event.logging import is_logging_enabled_for

        return bool(is_logging_enabled_for(self.configuration.log_level, history_event_type))

    def publish_history_log(self, history_log: dict[str, Any]) -> None:
        """Put one history event in the log group; a missing group drops it, as AWS does."""
        from moto.logs.exceptions import ResourceNotFoundException
        from moto.logs.models import logs_backends

        stamp = _millis(history_log.get("event_timestamp"))
        record = {**history_log, "event_timestamp": str(stamp)}
        kind = record.get("type")
        record["type"] = getattr(kind, "value", kind)
        message = json.dumps(record, default=str, separators=(",", ":"))
        backend = logs_backends[self.configuration.log_account_id][
            self.configuration.log_region or REGION
        ]
        group = self.configuration.log_group_name
        with self._lock:
            try:
                if not self._ready:
                    backend.create_log_stream(group, self.stream)
                    self._ready = True
                backend.put_log_events(
                    group, self.stream, [{"timestamp": stamp, "message": message}]
                )
            except ResourceNotFoundException:
                return


def logging_session(exec_arn: str, state_machine: Any) -> ExecutionLogSession | None:
    """The session for an execution of ``state_machine``, or None when logging is OFF."""
    from moto.stepfunctions.parser.asl.eval.event.logging import CloudWatchLoggingConfiguration

    config = getattr(state_machine, "loggingConfiguration", None) or {}
    if not config.get("destinations"):
        return None
    parsed = CloudWatchLoggingConfiguration.from_logging_configuration(
        state_machine_arn=state_machine.arn,
        logging_configuration={"includeExecutionData": False, **config},
    )
    if parsed is None:
        return None
    return ExecutionLogSession(exec_arn, parsed, str(state_machine.name))
