"""A narrow read-only route: the MessageIds a queue holds, in flight ones included.

On AWS a learner who polled a queue in the console sees a message's id while the
message is in flight (invisible to every other receive for the visibility timeout).
A course check that peeks with ReceiveMessage cannot see it then. This route,
``GET /_courseware/sqs-message-ids/<queue name>``, answers ``{"MessageIds": [...]}``
with every message the queue holds (visible, in flight and delayed), read from
moto's ``Queue._messages`` (each ``Message.id``) without changing any of them.
It never receives, deletes or changes a message. Unknown queue: 404.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.events.backends import sqs_backend

PREFIX = "/_courseware/sqs-message-ids/"
# Attributes of moto's sqs models this module reads.
QUEUE_ATTRIBUTES = ("_messages",)
MESSAGE_ATTRIBUTES = ("id",)

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def message_ids(queue_name: str) -> list[str] | None:
    """Every MessageId the queue holds (oldest first), or None when there is no such queue."""
    backend = sqs_backend()
    queue = backend.queues.get(queue_name)
    if queue is None:
        return None
    return [str(message.id) for message in list(queue._messages)]


def _answer(start_response: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
    data = json.dumps(body).encode("utf-8")
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]


def wrap_app(app: WsgiApp) -> WsgiApp:
    """Serve ``GET /_courseware/sqs-message-ids/<queue>`` in front of moto."""

    def routed(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if not path.startswith(PREFIX):
            return app(environ, start_response)
        if environ.get("REQUEST_METHOD", "GET").upper() != "GET":
            return _answer(start_response, "405 Method Not Allowed", {"error": "GET only"})
        name = unquote(path[len(PREFIX) :])
        ids = message_ids(name)
        if ids is None:
            return _answer(start_response, "404 Not Found", {"error": f"no queue {name!r}"})
        return _answer(start_response, "200 OK", {"MessageIds": ids})

    return routed


def install() -> None:
    """Nothing to patch: the route only reads."""


def started(endpoint: Endpoint) -> None:
    """Nothing to remember."""


def stopping() -> None:
    """Nothing to release."""
