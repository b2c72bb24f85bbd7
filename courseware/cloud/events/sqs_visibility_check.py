"""An SQS trigger whose function may outlive the queue's visibility timeout is refused.

Lambda validates, when an event source mapping is created or updated, that the function's
timeout is at most the source queue's visibility timeout, and answers
``InvalidParameterValueException`` ("Queue visibility timeout: 30 seconds is less than
Function timeout: 60 seconds") otherwise (Lambda Developer Guide, "Creating and configuring
an Amazon SQS event source mapping",
https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html). moto accepts it.
``event_filter``'s wrappers of ``LambdaBackend.create_event_source_mapping`` /
``update_event_source_mapping`` call :func:`check`.
"""

from __future__ import annotations

from typing import Any


def refusal(visibility: int, timeout: int) -> str | None:
    """AWS's message when a ``timeout``-second function cannot fit ``visibility``, else None."""
    if timeout <= visibility:
        return None
    return (
        f"Queue visibility timeout: {visibility} seconds is less than "
        f"Function timeout: {timeout} seconds"
    )


def _queue(backend: Any, arn: str) -> Any:
    from moto.sqs.models import sqs_backends

    for queue in sqs_backends[backend.account_id][backend.region_name].queues.values():
        if queue.queue_arn == arn:
            return queue
    return None


def check(backend: Any, function_name: str, source_arn: str) -> None:
    """Refuse a mapping from an SQS queue whose visibility timeout the function exceeds.

    Raises:
        InvalidParameterValueException: the function's timeout exceeds the visibility timeout.
    """
    from moto.awslambda.exceptions import InvalidParameterValueException

    if ":sqs:" not in (source_arn or ""):
        return
    queue = _queue(backend, source_arn)
    if queue is None:
        return  # moto's own answer for a missing queue follows
    try:
        fn = backend._lambdas.get_function_by_name_or_arn_with_qualifier(function_name)
    except Exception:  # moto raises its own not-found error next
        return
    message = refusal(int(queue.visibility_timeout), int(fn.timeout))
    if message is not None:
        raise InvalidParameterValueException(message)
