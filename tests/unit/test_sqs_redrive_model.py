"""The SQS console's redrive helpers: the request from the fields, the task rows."""

from __future__ import annotations

import pytest

from courseware.tui.consoles.common.form_fields import FormError
from courseware.tui.consoles.sqs.sqs_redrive_model import redrive_request, running_handle, task_row

DLQ = "arn:aws:sqs:us-east-1:123456789012:OrdersDLQ"


def test_the_request_leaves_out_what_the_learner_left_blank() -> None:
    assert redrive_request(DLQ, None, "") == {"SourceArn": DLQ}
    other = DLQ.replace("OrdersDLQ", "Archive")
    assert redrive_request(DLQ, other, " 50 ") == {
        "SourceArn": DLQ,
        "DestinationArn": other,
        "MaxNumberOfMessagesPerSecond": 50,
    }


@pytest.mark.parametrize("rate", ["0", "501", "fast"])
def test_a_rate_outside_1_to_500_is_explained(rate: str) -> None:
    with pytest.raises(FormError, match="Messages per second"):
        redrive_request(DLQ, None, rate)


def test_task_rows_and_the_running_handle() -> None:
    done = {
        "Status": "COMPLETED",
        "ApproximateNumberOfMessagesMoved": 2,
        "ApproximateNumberOfMessagesToMove": 2,
        "StartedTimestamp": 0,
    }
    assert task_row(done) == ("COMPLETED", "2 of 2", "auto", "source queues", "1970-01-01 00:00:00")
    running = {**done, "Status": "RUNNING", "TaskHandle": "h", "MaxNumberOfMessagesPerSecond": 5}
    failed = {**done, "Status": "FAILED", "FailureReason": "gone", "DestinationArn": DLQ}
    assert task_row(failed)[0] == "FAILED (gone)" and task_row(failed)[3] == "OrdersDLQ"
    assert task_row(running)[2] == "5"
    assert running_handle([done, running]) == "h" and running_handle([done]) is None
