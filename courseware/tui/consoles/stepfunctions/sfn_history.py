"""An execution's event history read for the console: state statuses and table rows (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

SUCCEEDED, FAILED, RUNNING, CAUGHT, NOT_RUN = "succeeded", "failed", "running", "caught", "notrun"
_FAILURES = ("Failed", "TimedOut", "Aborted")


def state_name(event: Mapping[str, Any]) -> str | None:
    """The state an Entered / Exited event is about."""
    for key in ("stateEnteredEventDetails", "stateExitedEventDetails"):
        details = event.get(key)
        if isinstance(details, Mapping) and "name" in details:
            return str(details["name"])
    return None


def _owners(events: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """Event id → the state it happened in (following previousEventId back to an Entered)."""
    by_id = {int(e.get("id", 0)): e for e in events}
    owner: dict[int, str] = {}
    for event in events:
        seen = 0
        current: Mapping[str, Any] | None = event
        while current is not None and seen < len(events):
            name = state_name(current)
            if name is not None and str(current.get("type", "")).endswith("StateEntered"):
                owner[int(event.get("id", 0))] = name
                break
            if str(current.get("type", "")).endswith("StateExited"):
                break  # the failure happened after a state was left: not that state's
            current = by_id.get(int(current.get("previousEventId", -1)))
            seen += 1
    return owner


def statuses(events: Sequence[Mapping[str, Any]], execution_status: str) -> dict[str, str]:
    """Each state that ran → succeeded, failed, running or caught (failed, then Catch handled)."""
    result: dict[str, str] = {}
    failing: set[str] = set()
    owners = _owners(events)
    for event in events:
        kind = str(event.get("type", ""))
        name = state_name(event)
        if kind.endswith("StateEntered") and name:
            if result.get(name) != FAILED:
                result[name] = RUNNING
        elif kind.endswith("StateExited") and name:
            if result.get(name) != FAILED:
                result[name] = CAUGHT if name in failing else SUCCEEDED
            failing.discard(name)
        elif kind.endswith(_FAILURES) and not kind.startswith("Execution"):
            owner = owners.get(int(event.get("id", 0)))
            if owner:
                failing.add(owner)
    if execution_status != "RUNNING":
        for name, status in result.items():
            if status == RUNNING:
                result[name] = FAILED
    return result


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value)
    return None


def history_rows(events: Sequence[Mapping[str, Any]]) -> list[tuple[int, str, str, int]]:
    """(id, type, state name, milliseconds since the execution started) per event."""
    owners = _owners(events)
    start = _when(events[0].get("timestamp")) if events else None
    rows = []
    for event in events:
        event_id = int(event.get("id", 0))
        when = _when(event.get("timestamp"))
        elapsed = int((when - start).total_seconds() * 1000) if when and start else 0
        name = state_name(event) or owners.get(event_id, "")
        rows.append((event_id, str(event.get("type", "")), name, elapsed))
    return rows


def failure(events: Sequence[Mapping[str, Any]]) -> str:
    """``error: cause`` of the execution's failure, if it failed."""
    for event in reversed(events):
        for key, details in event.items():
            if (
                key.startswith("execution")
                and key.endswith("EventDetails")
                and isinstance(details, Mapping)
                and ("error" in details or "cause" in details)
            ):
                error, cause = details.get("error", ""), details.get("cause", "")
                return f"{error}: {cause}".strip(": ")
    return ""


def when(value: Any) -> str:
    """A timestamp from the API as ``YYYY-MM-DD HH:MM:SS`` (blank when absent)."""
    return value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, datetime) else ""
