"""courseware's Lambda runtime: learner handlers run in worker processes, not Docker.

Public API for the rest of the cloud (event pollers, async invocation):

- :func:`invoke` runs a function synchronously and returns an :class:`InvokeResult`.
- :func:`set_async_invoker` replaces how ``InvocationType=Event`` calls are run.
- :class:`TooManyRequests` is raised when an invocation is throttled.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from courseware.cloud.lambda_rt.errors import TooManyRequests
from courseware.cloud.lambda_rt.runtime import InvokeResult, Runtime

__all__ = ["InvokeResult", "TooManyRequests", "get_runtime", "invoke", "set_async_invoker"]

_runtime = Runtime()
_executor: ThreadPoolExecutor | None = None


def get_runtime() -> Runtime:
    """The process-wide runtime."""
    return _runtime


def invoke(
    fn: Any,
    payload: bytes,
    *,
    invoked_arn: str | None = None,
    request_id: str | None = None,
    quiet: bool = False,
) -> InvokeResult:
    """Run ``fn`` (moto's LambdaFunction for the version to run) on ``payload``.

    ``request_id``: the invocation's id (an asynchronous event keeps one across its retries).
    ``quiet``: a course check's probe (no log lines written).

    Raises:
        TooManyRequests: the function's reserved concurrency (or the global cap) is in use.
    """
    return _runtime.invoke(fn, payload, invoked_arn, quiet, request_id=request_id)


def _default_async(
    fn: Any, payload: bytes, request_id: str | None = None, quiet: bool = False
) -> None:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="lambda-async")

    def run() -> None:
        with contextlib.suppress(TooManyRequests):
            _runtime.invoke(fn, payload, quiet=quiet, request_id=request_id)

    _executor.submit(run)


AsyncInvoker = Callable[[Any, bytes, str | None, bool], None]
_async_invoker: AsyncInvoker = _default_async


def set_async_invoker(invoker: AsyncInvoker | None) -> None:
    """Replace how asynchronous (``Event``) invocations run; None restores the default."""
    global _async_invoker
    _async_invoker = invoker or _default_async


def invoke_async(
    fn: Any, payload: bytes, request_id: str | None = None, *, quiet: bool = False
) -> None:
    """Queue an asynchronous invocation through the current async invoker.

    ``request_id``: the id its attempts run under (a new one when None); ``quiet``: a course
    check's probe, whose attempts write no log lines.

    While the saved journal is replayed at start, nothing is queued: a replayed request's
    invocations were journaled when they were accepted, and are resumed from there.
    """
    from courseware.cloud.state import recorder

    if recorder.replaying():
        return
    _async_invoker(fn, payload, request_id, quiet)
