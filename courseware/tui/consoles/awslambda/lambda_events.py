"""Saved test events of the Lambda console: per function, in a small JSON file (pure I/O)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from courseware.paths import data_dir

TEMPLATES: dict[str, dict[str, Any]] = {
    "hello-world": {"key1": "value1", "key2": "value2", "key3": "value3"},
    "sqs": {
        "Records": [
            {
                "messageId": "19dd0b57-b21e-4ac1-bd88-01bbb068cb78",
                "receiptHandle": "MessageReceiptHandle",
                "body": "Hello from SQS!",
                "attributes": {
                    "ApproximateReceiveCount": "1",
                    "SentTimestamp": "1523232000000",
                    "SenderId": "123456789012",
                    "ApproximateFirstReceiveTimestamp": "1523232000001",
                },
                "messageAttributes": {},
                "md5OfBody": "7b270e59b47ff90a553787216d55d91d",
                "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:MyQueue",
                "awsRegion": "us-east-1",
            }
        ]
    },
    "s3": {
        "Records": [
            {
                "eventVersion": "2.0",
                "eventSource": "aws:s3",
                "awsRegion": "us-east-1",
                "eventName": "ObjectCreated:Put",
                "s3": {
                    "bucket": {
                        "name": "example-bucket",
                        "arn": "arn:aws:s3:::example-bucket",
                    },
                    "object": {"key": "test/key", "size": 1024},
                },
            }
        ]
    },
}


class EventError(Exception):
    """A test event is not valid JSON; the message gives line and column."""


def parse_event(text: str) -> Any:
    """The event's JSON value.

    Raises:
        EventError: not valid JSON (message names line and column).
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise EventError(
            f"The event is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None


def template_text(name: str) -> str:
    """A template event as pretty JSON."""
    return json.dumps(TEMPLATES[name], indent=2)


def events_path(function_name: str) -> Path:
    """The file holding ``function_name``'s saved events."""
    return data_dir() / "test-events" / f"{function_name}.json"


def load_events(function_name: str) -> dict[str, str]:
    """Saved events of a function: name → JSON text (empty when none or unreadable)."""
    path = events_path(function_name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def save_event(function_name: str, name: str, text: str) -> dict[str, str]:
    """Save (or replace) one event; returns all saved events.

    Raises:
        EventError: ``text`` is not valid JSON, or the name is empty.
    """
    if not name.strip():
        raise EventError("Give the event a name.")
    parse_event(text)
    events = load_events(function_name)
    events[name.strip()] = text
    path = events_path(function_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(events, indent=2), encoding="utf-8")
    return events


def delete_event(function_name: str, name: str) -> dict[str, str]:
    """Delete one saved event; returns the rest."""
    events = load_events(function_name)
    if events.pop(name, None) is not None:
        events_path(function_name).write_text(json.dumps(events, indent=2), encoding="utf-8")
    return events
