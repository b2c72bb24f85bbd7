"""The seam ``events/sqs_receive.py`` wraps: fails here, loudly, when a moto upgrade moves it."""

from __future__ import annotations

import inspect

from moto.sqs.models import Queue, SQSBackend

from courseware.cloud.events import sqs_lazy_receive, sqs_receive


def test_receive_message_is_the_unlocked_check_then_mark_we_make_atomic() -> None:
    # moto's own, beneath the indexed receive that sqs_receive wraps (sqs_lazy_receive).
    original = sqs_lazy_receive._patched.get("receive_message") or sqs_receive._patched.get(
        "receive_message", SQSBackend.receive_message
    )
    assert list(inspect.signature(original).parameters) == [
        "self",
        "queue_name",
        "count",
        "wait_seconds_timeout",
        "visibility_timeout",
        "message_attribute_names",
    ]
    source = inspect.getsource(original)
    assert "if not message.visible:" in source
    assert "message.mark_received(visibility_timeout=visibility_timeout)" in source
    assert "Lock" not in source, "moto locks the receive itself now: drop sqs_receive?"
    assert "queue.wait_for_messages(1)" in source, "our wrapper waits the same way, outside"
    assert list(inspect.signature(Queue.wait_for_messages).parameters) == ["self", "timeout"]
