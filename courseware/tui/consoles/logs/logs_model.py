"""Pure helpers for the CloudWatch Logs console: times, sizes, retention, event lines."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def time_text(millis: int | None, with_millis: bool = True) -> str:
    """Epoch milliseconds as ``YYYY-MM-DD HH:MM:SS.mmm`` (UTC), or ``-``."""
    if millis is None:
        return "-"
    moment = datetime.fromtimestamp(millis / 1000, tz=UTC)
    text = moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return text[:-3] if with_millis else text[:-7]


def retention_text(days: int | None) -> str:
    """``Never expire`` or ``N days``."""
    if not days:
        return "Never expire"
    return f"{days} day{'s' if days != 1 else ''}"


def bytes_text(size: int | None) -> str:
    """A byte count in B, KB, MB or GB."""
    value = float(size or 0)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"  # pragma: no cover


def event_line(event: dict[str, Any], with_stream: bool = False) -> str:
    """One log event as a line: time, (stream,) message without its trailing newline."""
    message = str(event.get("message", "")).rstrip("\n")
    head = time_text(event.get("timestamp"))
    if with_stream and event.get("logStreamName"):
        head += f"  [{event['logStreamName']}]"
    return f"{head}  {message}"


def streams_latest_first(streams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Streams ordered by their last event (then creation), newest first."""

    def moment(stream: dict[str, Any]) -> int:
        return int(stream.get("lastEventTimestamp") or stream.get("creationTime") or 0)

    return sorted(streams, key=moment, reverse=True)
