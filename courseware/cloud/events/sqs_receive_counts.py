"""How many ReceiveMessage requests a queue answered, and how many came back empty.

AWS counts these per queue (the CloudWatch metrics ``NumberOfEmptyReceives`` and
``NumberOfMessagesReceived``); moto keeps no such figures. This wraps moto's
``SQSResponse.receive_message`` (requests over the API only: Lambda's pollers call the
backend directly and are not counted here) and keeps, on moto's ``Queue``, the counts of
short polls (wait 0) and long polls (wait 1-20 s, from ``WaitTimeSeconds`` or the queue's
``ReceiveMessageWaitTimeSeconds``), each with how many answered no message. The read-only
route ``GET /_courseware/sqs-receive-counts/<account>/<queue>`` answers them for checks that
compare a learner's own measurement with what the cloud saw. Unknown queue: 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.events.sqs_message_ids import _answer  # the same JSON answer

PREFIX = "/_courseware/sqs-receive-counts/"
COUNTS = "courseware_receive_counts"  # attribute kept on moto's Queue
KINDS = ("short", "short_empty", "long", "long_empty")
_patched: dict[str, Any] = {}

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def counts(queue: Any) -> dict[str, int]:
    """The queue's counts (zeros for a queue never received from)."""
    kept: dict[str, int] | None = getattr(queue, COUNTS, None)
    if kept is None:
        kept = dict.fromkeys(KINDS, 0)
        setattr(queue, COUNTS, kept)
    return kept


def note(queue: Any, wait_seconds: int, empty: bool) -> None:
    """Count one answered ReceiveMessage."""
    kind = "long" if wait_seconds > 0 else "short"
    kept = counts(queue)
    kept[kind] += 1
    if empty:
        kept[f"{kind}_empty"] += 1


def _receive_message(self: Any) -> Any:
    result = _patched["receive_message"](self)
    queue = self.sqs_backend.get_queue(self._get_queue_name())
    wait = self._get_param("WaitTimeSeconds")
    seconds = int(wait) if wait is not None else int(queue.receive_message_wait_time_seconds or 0)
    answer = getattr(result, "result", None)
    note(queue, seconds, not (isinstance(answer, dict) and answer.get("Messages")))
    return result


def wrap_app(app: WsgiApp) -> WsgiApp:
    """Serve ``GET /_courseware/sqs-receive-counts/<account>/<queue>`` in front of moto."""
    from courseware.cloud.events.backends import sqs_backend

    def routed(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if not path.startswith(PREFIX):
            return app(environ, start_response)
        if environ.get("REQUEST_METHOD", "GET").upper() != "GET":
            return _answer(start_response, "405 Method Not Allowed", {"error": "GET only"})
        account, _, name = unquote(path[len(PREFIX) :]).partition("/")
        queue = sqs_backend(account).queues.get(name) if account.isdigit() else None
        if queue is None:
            return _answer(start_response, "404 Not Found", {"error": f"no queue {name!r}"})
        return _answer(start_response, "200 OK", dict(counts(queue)))

    return routed


def install() -> None:
    """Count ReceiveMessage answers per queue (idempotent)."""
    from moto.sqs.responses import SQSResponse

    if not _patched:
        _patched["receive_message"] = SQSResponse.receive_message
        SQSResponse.receive_message = _receive_message


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to release."""
