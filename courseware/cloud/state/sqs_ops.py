"""SQS messages as journal records: sent, received (in flight), made visible, deleted.

A message's life is changed by requests (SendMessage, ReceiveMessage…) and, more often, by
Lambda's pollers and the async engine inside the cloud, which call moto directly. So the
journal does not keep those requests; it keeps what they did to each message, at moto's
narrowest seams: ``Queue.add_message`` (a new or dead-lettered message, kept whole),
``Message.mark_received`` / ``Message.change_visibility`` (receipt handle, receive count,
visibility timer) and ``Queue.delete_message`` (the indexed one, ``events.sqs_index``).
Timers are wall-clock milliseconds, so an in-flight message reappears on time after a
restart, and a delayed one stays delayed.
"""

from __future__ import annotations

import base64
import threading
from typing import Any

from courseware.cloud.events import sqs_index
from courseware.cloud.state import recorder
from courseware.cloud.state.recorder import STATE_LOCK

_patched: dict[str, Any] = {}
_local = threading.local()
_MUTABLE = (
    "receipt_handle",
    "_old_receipt_handles",
    "visible_at",
    "approximate_receive_count",
    "approximate_first_receive_timestamp",
)
_index: dict[str, Any] = {}  # message id -> queue, while replaying


def plain(value: Any) -> Any:
    """``value`` with bytes made JSON-safe (``{"$b": base64}``)."""
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def unplain(value: Any) -> Any:
    """The inverse of :func:`plain`."""
    if isinstance(value, dict):
        if set(value) == {"$b"}:
            return base64.b64decode(value["$b"])
        return {k: unplain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unplain(v) for v in value]
    return value


def _where(queue: Any) -> dict[str, str]:
    return {"a": queue.account_id, "r": queue.region, "q": queue.name}


def _fields(message: Any) -> dict[str, Any]:
    return {"id": message.id, **{name: getattr(message, name) for name in _MUTABLE}}


def _add_message(self: Any, message: Any) -> None:
    if recorder.replaying():  # a replayed request's side effect: its own records follow it
        return
    with STATE_LOCK:
        _patched["add_message"](self, message)
        if recorder.active() and self._messages and self._messages[-1] is message:
            recorder.record("sqs.put", {**_where(self), "m": plain(vars(message))})


def _mark_received(self: Any, visibility_timeout: int | None = None) -> None:
    with STATE_LOCK:
        _local.quiet = True
        try:
            _patched["mark_received"](self, visibility_timeout)
        finally:
            _local.quiet = False
        recorder.record("sqs.set", _fields(self))


def _change_visibility(self: Any, visibility_timeout: int) -> None:
    with STATE_LOCK:
        _patched["change_visibility"](self, visibility_timeout)
        if not getattr(_local, "quiet", False):
            recorder.record("sqs.set", _fields(self))


def _delete_message(self: Any, receipt_handle: str) -> None:
    with STATE_LOCK:
        held = sqs_index.holder(self, receipt_handle)
        ids = [held.id] if held is not None else []
        _patched["delete_message"](self, receipt_handle)
        if ids:
            recorder.record("sqs.del", {**_where(self), "ids": ids, "rh": receipt_handle})


def removed(queue: Any, ids: list[str]) -> None:
    """Journal messages taken out of ``queue`` by the cloud itself (a DLQ redrive moves them).

    The caller holds :data:`STATE_LOCK` and has already removed them from ``queue._messages``.
    """
    recorder.record("sqs.del", {**_where(queue), "ids": list(ids), "rh": ""})


def _queue(body: dict[str, Any]) -> Any:
    from moto.sqs.models import sqs_backends

    return sqs_backends[body["a"]][body["r"]].queues.get(body["q"])


def _find(message_id: str) -> Any:
    if message_id not in _index:
        from moto.sqs.models import sqs_backends

        _index.clear()
        for account in list(sqs_backends.values()):
            for backend in list(account.values()):
                for queue in backend.queues.values():
                    _index.update((m.id, queue) for m in queue._messages)
    return _index.get(message_id)


def _apply_put(body: dict[str, Any]) -> None:
    from moto.sqs.models import Message

    queue = _queue(body)
    if queue is None:
        return
    fields = unplain(body["m"])
    old = _find(fields["id"])
    if old is not None:  # moved to a dead-letter queue: it leaves its source
        old._messages = [m for m in old._messages if m.id != fields["id"]]
    message = Message.__new__(Message)
    message.__dict__.update(fields)
    queue._messages.append(message)
    _index[message.id] = queue


def _apply_set(body: dict[str, Any]) -> None:
    queue = _find(body["id"])
    for message in queue._messages if queue is not None else []:
        if message.id == body["id"]:
            for name in _MUTABLE:
                setattr(message, name, body[name])
            sqs_index.forget(queue)  # its handles and timers changed in place


def _apply_del(body: dict[str, Any]) -> None:
    queue = _queue(body)
    if queue is None:
        return
    ids = set(body["ids"])
    queue._messages = [m for m in queue._messages if m.id not in ids]
    queue.deleted_messages.add(body["rh"])
    for message_id in ids:
        _index.pop(message_id, None)


def install() -> None:
    """Journal message changes at moto's seams (idempotent; after the SQS poller's patch)."""
    from moto.sqs.models import Message, Queue

    if _patched:
        return
    sqs_index.install()  # the journal wraps the indexed delete, whichever installs first
    _patched.update(
        add_message=Queue.add_message,
        delete_message=Queue.delete_message,
        mark_received=Message.mark_received,
        change_visibility=Message.change_visibility,
    )
    Queue.add_message = _add_message
    Queue.delete_message = _delete_message
    Message.mark_received = _mark_received
    Message.change_visibility = _change_visibility
    recorder.register("sqs.put", _apply_put)
    recorder.register("sqs.set", _apply_set)
    recorder.register("sqs.del", _apply_del)
