"""SQS indexes beside moto's message lists: the seams they rely on, and that no call walks a queue.

The seam tests fail loudly when a moto upgrade moves what ``sqs_index`` and ``sqs_lazy_receive``
replace or rely on (the bodies they copy, where moto changes a message's timers or a queue's
list). The others drive moto's SQS backend with the indexes installed, on a queue whose list
counts the messages anyone walks over, and check every answer against moto's own rules.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

import pytest
from moto.sqs import models
from moto.sqs.exceptions import ReceiptHandleIsInvalid
from moto.sqs.models import Queue, SQSBackend, sqs_backends

from courseware.cloud.events import sqs_index, sqs_lazy_receive, sqs_poller
from courseware.cloud.state import sqs_ops

DEPTH = 2_000
ACCOUNT = "000000000022"  # an account of its own in moto's process-wide backends


def _original(patched: Any, fallback: Any) -> Any:
    return patched if patched is not None else fallback


def _params(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_the_bodies_we_copy_still_read_as_we_copied_them() -> None:
    receive = _original(
        sqs_lazy_receive._patched.get("receive_message"), SQSBackend.receive_message
    )
    assert _params(receive) == [
        "self",
        "queue_name",
        "count",
        "wait_seconds_timeout",
        "visibility_timeout",
        "message_attribute_names",
    ]
    source = inspect.getsource(receive)
    for line in (
        "for message in queue.messages:",
        "if message.group_id in currently_pending_groups:",
        '>= queue.redrive_policy["maxReceiveCount"]',
        "queue.pending_messages.add(message)",
        "message.mark_received(visibility_timeout=visibility_timeout)",
        "_filter_message_attributes(message_copy, message_attribute_names)",
        "is_message_valid_based_on_retention_period(",
        "queue._messages.remove(message)",
        "queue.dead_letter_queue.add_message(message)",
        "queue.wait_for_messages(1)",
    ):
        assert line in source, f"moto's receive_message changed ({line!r}): update sqs_lazy_receive"
    delete = _original(sqs_index._patched.get("delete_message"), Queue.delete_message)
    assert _params(delete) == ["self", "receipt_handle"]
    source = inspect.getsource(delete)
    for line in (
        "if receipt_handle in self.deleted_messages:",
        "raise ReceiptHandleIsInvalid()",
        "self.pending_messages.discard(message)",
        "self.deleted_messages.update(message.all_receipt_handles)",
    ):
        assert line in source, f"moto's Queue.delete_message changed ({line!r})"
    change = _original(
        sqs_index._patched.get("change_message_visibility"),
        SQSBackend.change_message_visibility,
    )
    assert _params(change) == ["self", "queue_name", "receipt_handle", "visibility_timeout"]
    source = inspect.getsource(change)
    assert "> 43200 * 1000" in source and "message.change_visibility(visibility_timeout)" in source
    assert "queue.pending_messages.remove(message)" in source
    wait = _original(sqs_index._patched.get("wait_for_messages"), Queue.wait_for_messages)
    assert _params(wait) == ["self", "timeout"]
    assert "wait_for(lambda: self.messages, timeout=timeout)" in inspect.getsource(wait)
    for name in (
        "messages",
        "approximate_number_of_messages",
        "approximate_number_of_messages_delayed",
        "approximate_number_of_messages_not_visible",
    ):
        assert isinstance(inspect.getattr_static(Queue, name), property), name


def _motos_own() -> dict[str, Any]:
    """moto's own functions that the plugins (and the journal) replaced in this process."""
    poller = {"add_message": sqs_poller._state["original"]} if sqs_poller._state["original"] else {}
    return {**sqs_ops._patched, **poller, **sqs_index._patched, **sqs_lazy_receive._patched}


def _callers(pattern: str) -> set[str]:
    """The moto SQS model functions whose source matches ``pattern``."""
    found = set()
    for owner in (models.Message, models.Queue, models.SQSBackend):
        for name, member in vars(owner).items():
            function = member.fget if isinstance(member, property) else member
            if not inspect.isfunction(function):
                continue
            patched = _motos_own().get(name)
            function = patched.fget if isinstance(patched, property) else patched or function
            if re.search(pattern, inspect.getsource(function)):
                found.add(f"{owner.__name__}.{name}")
    return found


def test_moto_changes_timers_and_lists_only_where_the_index_follows() -> None:
    # A message's timers: the index learns of each change at these call sites.
    assert _callers(r"\.visible_at = ") == {"Message.__init__", "Message.change_visibility"}
    assert _callers(r"\.delayed_until = ") == {"Message.__init__", "Message.delay"}
    assert _callers(r"\.change_visibility\(") == {
        "Message.mark_received",
        "SQSBackend.change_message_visibility",
    }
    assert _callers(r"\.mark_received\(") == {"SQSBackend.receive_message"}
    assert _callers(r"\.delay\(") == {"Message.mark_sent"}
    # A queue's list: appends are taken in at the next use, a new list is indexed anew,
    # and the only in-place removals are in the two functions replaced here.
    assert _callers(r"\._messages\.(remove|pop|insert|clear|sort)\(|del [a-z.]*\._messages") == {
        "SQSBackend.receive_message"
    }
    assert _callers(r"\._messages = ") >= {"Queue.delete_message", "SQSBackend.purge_queue"}


class _Walked(list[Any]):
    """A message list that counts the messages anyone iterates over."""

    walked = 0

    def __iter__(self) -> Iterator[Any]:
        for message in super().__iter__():
            _Walked.walked += 1
            yield message


@pytest.fixture
def backend() -> SQSBackend:
    sqs_index.install()
    backend: SQSBackend = sqs_backends[ACCOUNT]["us-east-1"]
    backend.queues.clear()
    return backend


def _deep(backend: SQSBackend, name: str, **attributes: Any) -> Queue:
    queue = backend.create_queue(name, **attributes)
    for i in range(DEPTH):
        backend.send_message(name, f"m{i}")
    queue._messages = _Walked(queue._messages)
    _Walked.walked = 0
    return queue


def test_receive_delete_and_counts_do_not_walk_a_deep_queue(backend: SQSBackend) -> None:
    queue = _deep(backend, "deep")
    got = backend.receive_message("deep", 10, 0, 60)
    assert [m.body for m in got] == [f"m{i}" for i in range(10)]
    backend.change_message_visibility("deep", got[0].receipt_handle, 120)
    backend.delete_message_batch(
        "deep", [{"Id": str(i), "ReceiptHandle": m.receipt_handle} for i, m in enumerate(got)]
    )
    backend.send_message("deep", "late")
    attributes = backend.get_queue_attributes("deep", ["All"])
    assert _Walked.walked <= 20, f"walked {_Walked.walked} messages of a {DEPTH}-message queue"
    assert attributes["ApproximateNumberOfMessages"] == DEPTH - 10 + 1
    assert attributes["ApproximateNumberOfMessagesNotVisible"] == 0
    assert len(queue._messages) == DEPTH - 10 + 1


def test_counts_follow_timers_delays_purge_and_replaced_lists(backend: SQSBackend) -> None:
    queue = backend.create_queue("counts")
    for i in range(5):
        backend.send_message("counts", f"m{i}")
    backend.send_message("counts", "later", delay_seconds=600)
    got = backend.receive_message("counts", 2, 0, 600)
    assert (queue.approximate_number_of_messages, queue.approximate_number_of_messages_delayed) == (
        3,
        1,
    )
    assert queue.approximate_number_of_messages_not_visible == 2
    backend.change_message_visibility("counts", got[0].receipt_handle, 0)
    assert queue.approximate_number_of_messages == 4
    assert queue.approximate_number_of_messages_not_visible == 1
    again = backend.receive_message("counts", 10, 0, 600)
    assert sorted(m.body for m in again) == ["m0", "m2", "m3", "m4"]  # not the delayed one
    assert again[0].approximate_receive_count == 2
    queue._messages = list(queue._messages)[:1]  # replaced by someone else (a restored state)
    assert queue.approximate_number_of_messages_not_visible == 1
    assert queue.approximate_number_of_messages == 0
    backend.purge_queue("counts")
    assert (queue.approximate_number_of_messages, queue.approximate_number_of_messages_delayed) == (
        0,
        0,
    )
    with pytest.raises(ReceiptHandleIsInvalid):
        backend.delete_message("counts", again[1].receipt_handle)


def test_delete_takes_any_handle_the_message_had_once(backend: SQSBackend) -> None:
    queue = backend.create_queue("handles")
    backend.send_message("handles", "only")
    first = backend.receive_message("handles", 1, 0, 0)[0]
    second = backend.receive_message("handles", 1, 0, 60)[0]
    assert first.receipt_handle != second.receipt_handle
    assert sqs_index.holder(queue, first.receipt_handle) is queue._messages[0]
    backend.delete_message("handles", first.receipt_handle)  # an old handle still deletes
    assert queue._messages == [] and queue.pending_messages == set()
    backend.delete_message("handles", second.receipt_handle)  # deleting again succeeds
    with pytest.raises(ReceiptHandleIsInvalid):
        backend.delete_message("handles", "not-a-handle")
    with pytest.raises(ReceiptHandleIsInvalid):
        backend.change_message_visibility("handles", second.receipt_handle, 10)


def test_redrive_moves_the_message_and_its_index(backend: SQSBackend) -> None:
    dlq = backend.create_queue("dead")
    policy = f'{{"deadLetterTargetArn": "{dlq.queue_arn}", "maxReceiveCount": 1}}'
    source = backend.create_queue("source", RedrivePolicy=policy)
    backend.send_message("source", "poison")
    backend.send_message("source", "fine")
    handle = backend.receive_message("source", 1, 0, 0)[0].receipt_handle
    assert [m.body for m in backend.receive_message("source", 10, 0, 60)] == ["fine"]
    assert [m.body for m in dlq._messages] == ["poison"]
    assert sqs_index.holder(source, handle) is None
    assert sqs_index.holder(dlq, handle) is dlq._messages[0]
    assert source.approximate_number_of_messages_not_visible == 1
    assert dlq.approximate_number_of_messages == 1


def test_a_fifo_group_in_flight_blocks_only_its_group(backend: SQSBackend) -> None:
    backend.create_queue("orders.fifo", FifoQueue="true", ContentBasedDeduplication="true")
    for group, body in (("a", "a1"), ("a", "a2"), ("b", "b1")):
        backend.send_message("orders.fifo", body, group_id=group)
    first = backend.receive_message("orders.fifo", 1, 0, 60)
    assert [m.body for m in first] == ["a1"]
    assert [m.body for m in backend.receive_message("orders.fifo", 10, 0, 60)] == ["b1"]
    backend.delete_message("orders.fifo", first[0].receipt_handle)
    assert [m.body for m in backend.receive_message("orders.fifo", 10, 0, 60)] == ["a2"]
