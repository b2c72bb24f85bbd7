"""The saved state's seams into moto, and which requests are journaled.

Each test fails loudly when a moto upgrade moves what the journal relies on: the SQS message
fields it copies, the methods it wraps, and the shared random generator it seeds.
"""

from __future__ import annotations

import inspect
import io
import random
from typing import Any

from moto.moto_api._internal import mock_random
from moto.sqs.models import Message, Queue

from courseware.cloud.events import sqs_index
from courseware.cloud.state import determinism, sqs_ops
from courseware.cloud.state.requests import classify


def _params(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def _original(name: str, fallback: Any) -> Any:
    return sqs_ops._patched.get(name, fallback)


def test_sqs_message_fields_the_journal_copies_still_exist() -> None:
    message = Message("id-1", "body")
    assert set(sqs_ops._MUTABLE) <= set(vars(message)), "moto renamed a message field"
    assert {"id", "body", "message_attributes", "delayed_until", "sent_timestamp"} <= set(
        vars(message)
    )


def test_sqs_methods_the_journal_wraps_keep_their_shape() -> None:
    assert _params(_original("mark_received", Message.mark_received)) == [
        "self",
        "visibility_timeout",
    ]
    assert _params(_original("change_visibility", Message.change_visibility)) == [
        "self",
        "visibility_timeout",
    ]
    assert _params(_original("delete_message", Queue.delete_message)) == ["self", "receipt_handle"]
    assert _params(_original("add_message", Queue.add_message)) == ["self", "message"]
    # The journal wraps the indexed delete, which keeps moto's rules (tests/unit/test_sqs_index.py).
    if sqs_ops._patched:
        assert sqs_ops._patched["delete_message"] is sqs_index._delete_message
    moto_delete = sqs_index._patched.get("delete_message", Queue.delete_message)
    source = inspect.getsource(moto_delete)
    assert "had_receipt_handle" in source and "deleted_messages" in source


def test_plain_round_trips_binary_message_attributes() -> None:
    value = {"a": {"BinaryValue": b"\x00\xff", "DataType": "Binary"}, "l": [b"x", 1]}
    assert sqs_ops.unplain(sqs_ops.plain(value)) == value


def test_seeded_requests_draw_the_same_moto_ids() -> None:
    assert isinstance(mock_random, random.Random)
    determinism.install()
    with determinism.seeded(42):
        first = (str(mock_random.uuid4()), mock_random.get_random_hex(16))
    mock_random.uuid4()  # the shared generator moves on in between
    with determinism.seeded(42):
        again = (str(mock_random.uuid4()), mock_random.get_random_hex(16))
    assert first == again
    assert str(mock_random.uuid4()) != first[0], "outside seeded() ids stay random"


def _environ(method: str, path: str = "/", **extra: str) -> dict[str, Any]:
    return {"REQUEST_METHOD": method, "PATH_INFO": path, "wsgi.input": io.BytesIO(), **extra}


def test_reads_never_write_and_message_actions_are_journaled_by_their_effects() -> None:
    target = "HTTP_X_AMZ_TARGET"
    assert classify(_environ("GET", "/2015-03-31/functions/"), b"") == "read"
    assert classify(_environ("POST", **{target: "DynamoDB_20120810.GetItem"}), b"") == "read"
    assert classify(_environ("POST", **{target: "DynamoDB_20120810.Scan"}), b"") == "read"
    assert classify(_environ("POST", **{target: "DynamoDB_20120810.PutItem"}), b"") == "record"
    assert classify(_environ("POST", **{target: "AmazonSQS.ReceiveMessage"}), b"") == "effects"
    assert classify(_environ("POST", **{target: "AmazonSQS.SendMessage"}), b"") == "effects"
    assert classify(_environ("POST", **{target: "AmazonSQS.CreateQueue"}), b"") == "record"
    form = {"CONTENT_TYPE": "application/x-www-form-urlencoded; charset=utf-8"}
    assert classify(_environ("POST", **form), b"Action=ListRoles&Version=2010-05-08") == "read"
    assert classify(_environ("POST", **form), b"Action=CreateRole&RoleName=r") == "record"
    invoke = "/2015-03-31/functions/f/invocations"
    assert classify(_environ("POST", invoke), b"{}") == "effects"
    assert classify(_environ("POST", "/2015-03-31/functions"), b"{}") == "record"
    assert classify(_environ("POST", "/moto-api/reset"), b"") == "record"
    assert classify(_environ("POST", "/moto-api/seed"), b"") == "read"
