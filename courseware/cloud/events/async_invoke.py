"""Asynchronous invocation like Lambda's: queued, retried, then dead-lettered or routed.

``InvocationType=Event`` and every S3, SNS, EventBridge and CloudWatch Logs triggered call
land here. An event is tried once and retried up to MaximumRetryAttempts (default 2, from
PutFunctionEventInvokeConfig) with growing delays, while younger than
MaximumEventAgeInSeconds; every attempt runs under the event's one request id. Then it goes
to the OnFailure destination (a record with the request, response and attempt count) and to
the function's DeadLetterConfig target (the original event); see ``async_routing``. An event
older than MaximumEventAgeInSeconds when it is due is not run again (EventAgeExceeded).
Successes go to the OnSuccess destination.

AWS waits about a minute, then two, between attempts; courseware waits ``RETRY_DELAYS``
seconds (1 and 2 by default, or ``$COURSEWARE_ASYNC_RETRY_DELAYS`` such as "0.2,0.4") so a
learner sees the whole story in seconds.

Accepted events are state: each is journaled (``async.put``, with its attempts and when it is
next due) before the caller gets 202, and again at each retry; ``async.done`` once it
succeeded or was routed or dead-lettered. What is accepted and not done (``_live``) is in
every snapshot, and after a crash or a stop it is queued again (at-least-once, as AWS).
"""

from __future__ import annotations

import base64
import heapq
import itertools
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.events import async_config
from courseware.cloud.events.async_routing import dead_letter, route, verdict
from courseware.cloud.state import recorder
from courseware.cloud.state.recorder import STATE_LOCK


def _delays() -> tuple[float, ...]:
    raw = os.environ.get("COURSEWARE_ASYNC_RETRY_DELAYS", "1,2")
    try:
        return tuple(float(x) for x in raw.split(",") if x.strip()) or (1.0, 2.0)
    except ValueError:
        return (1.0, 2.0)


RETRY_DELAYS: tuple[float, ...] = _delays()
_local = threading.local()


@dataclass(order=True)
class _Pending:
    due: float
    order: int
    fn: Any = field(compare=False)
    payload: bytes = field(compare=False)
    attempts: int = field(compare=False, default=0)
    first_seen: float = field(compare=False, default_factory=time.time)
    key: str = field(compare=False, default_factory=lambda: uuid.uuid4().hex)
    request_id: str = field(compare=False, default_factory=lambda: str(uuid.uuid4()))
    last: Any = field(compare=False, default=None)  # the latest attempt's result
    quiet: bool = field(compare=False, default=False)  # a course check's probe: no log lines


_live: dict[str, dict[str, Any]] = {}  # accepted and not done: key -> its journal record


def _keep(item: _Pending) -> None:
    """Journal that ``item`` is accepted and when it is next due (hold STATE_LOCK)."""
    body = {
        "k": item.key,
        "arn": item.fn.function_arn,
        "v": str(getattr(item.fn, "version", "$LATEST")),
        "p": base64.b64encode(item.payload).decode("ascii"),
        "n": item.attempts,
        "t0": item.first_seen,
        "r": item.request_id,
        "q": item.quiet,
        "due": time.time() + max(0.0, item.due - time.monotonic()),
    }
    _live[item.key] = body
    recorder.record("async.put", body)


def _done(item: _Pending) -> None:
    with STATE_LOCK:
        _live.pop(item.key, None)
        recorder.record("async.done", {"k": item.key})


class AsyncEngine:
    """A delay queue plus a thread pool that runs queued events with Lambda's retry rules."""

    def __init__(self, workers: int = 8) -> None:
        self._heap: list[_Pending] = []
        self._order = itertools.count()
        self._cv = threading.Condition()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lambda-async")
        self._stop = False
        self._thread = threading.Thread(
            target=self._dispatch, name="lambda-async-timer", daemon=True
        )
        self._thread.start()

    def submit(
        self, fn: Any, payload: bytes, request_id: str | None = None, quiet: bool = False
    ) -> None:
        """Queue an event for ``fn`` and journal it; returns at once (the caller gets 202)."""
        item = _Pending(time.monotonic(), next(self._order), fn, payload, quiet=quiet)
        if request_id:
            item.request_id = request_id
        with STATE_LOCK:
            _keep(item)
            self._schedule(item)

    def resume(self, fn: Any, body: dict[str, Any]) -> None:
        """Queue again an event accepted before a restart."""
        wait = max(0.0, float(body["due"]) - time.time())
        item = _Pending(
            time.monotonic() + wait,
            next(self._order),
            fn,
            base64.b64decode(body["p"]),
            int(body["n"]),
            float(body["t0"]),
            str(body["k"]),
            str(body.get("r") or uuid.uuid4()),
            quiet=bool(body.get("q", False)),
        )
        self._schedule(item)

    def _schedule(self, item: _Pending) -> None:
        with self._cv:
            heapq.heappush(self._heap, item)
            self._cv.notify()

    def _dispatch(self) -> None:
        while True:
            with self._cv:
                while not self._stop and (not self._heap or self._heap[0].due > time.monotonic()):
                    timeout = self._heap[0].due - time.monotonic() if self._heap else None
                    self._cv.wait(timeout)
                if self._stop:
                    return
                item = heapq.heappop(self._heap)
            self._pool.submit(self._run, item)

    def _run(self, item: _Pending) -> None:
        from courseware.cloud.lambda_rt import TooManyRequests, invoke

        config = _invoke_config(item.fn)
        max_retries = int(config.get("MaximumRetryAttempts", 2))
        max_age = float(config.get("MaximumEventAgeInSeconds", 21600))
        if time.time() - item.first_seen >= max_age:  # aged in the queue: not run again
            self._finish(config, item, item.last, "EventAgeExceeded")
            return
        try:
            result = invoke(item.fn, item.payload, request_id=item.request_id, quiet=item.quiet)
        except TooManyRequests:  # throttles are retried until the event is too old
            if time.time() - item.first_seen < max_age:
                item.due, item.order = time.monotonic() + 0.5, next(self._order)
                self._schedule(item)
            else:
                self._finish(config, item, item.last, "EventAgeExceeded")
            return
        if self._stop:  # cut short by the stop: it is still journaled, and runs after restart
            return
        item.attempts += 1
        item.last = result
        outcome = verdict(
            result.function_error is not None,
            item.attempts,
            max_retries,
            time.time() - item.first_seen,
            max_age,
        )
        if outcome == "retry":
            delay = RETRY_DELAYS[min(item.attempts - 1, len(RETRY_DELAYS) - 1)]
            item.due, item.order = time.monotonic() + delay, next(self._order)
            with STATE_LOCK:
                _keep(item)
                self._schedule(item)
            return
        self._finish(config, item, result, outcome)

    @staticmethod
    def _finish(config: dict[str, Any], item: _Pending, result: Any, condition: str) -> None:
        """Route a finished event (Success, RetriesExhausted, EventAgeExceeded) and forget it."""
        if condition == "Success":
            route(config, "OnSuccess", item.fn, item.payload, item.attempts, result, condition)
        else:
            route(config, "OnFailure", item.fn, item.payload, item.attempts, result, condition)
            dead_letter(item.fn, item.payload, item.request_id, result)
        _done(item)

    def shutdown(self) -> None:
        """Stop dispatching (queued events stay journaled and run after the next start)."""
        with self._cv:
            self._stop = True
            self._cv.notify()
        self._pool.shutdown(wait=False, cancel_futures=True)


def _invoke_config(fn: Any) -> dict[str, Any]:
    configs = getattr(fn, "event_invoke_config", None) or []
    return dict(configs[0].config) if configs else {}


_engine: AsyncEngine | None = None


@contextmanager
def internal_async() -> Iterator[None]:
    """Mark moto-internal invocations on this thread as asynchronous (S3, SNS, EventBridge…)."""
    _local.active = True
    try:
        yield
    finally:
        _local.active = False


def is_internal_async() -> bool:
    """True inside :func:`internal_async` on this thread."""
    return bool(getattr(_local, "active", False))


def _wrap(owner: Any, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, name)
    if getattr(original, "_courseware_async", False):
        return

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with internal_async():
            return original(*args, **kwargs)

    wrapper._courseware_async = True  # type: ignore[attr-defined]
    setattr(owner, name, wrapper)


def _keep_dead_letter_config() -> None:
    """moto drops DeadLetterConfig; keep it on the function and show it in its configuration."""
    from moto.awslambda.models import LambdaFunction

    if getattr(LambdaFunction, "_courseware_dlq", False):
        return
    init, update, describe = (
        LambdaFunction.__init__,
        LambdaFunction.update_configuration,
        LambdaFunction.get_configuration,
    )

    def __init__(
        self: Any, account_id: str, spec: dict[str, Any], *args: Any, **kwargs: Any
    ) -> None:
        init(self, account_id, spec, *args, **kwargs)
        self.courseware_dead_letter_arn = (spec.get("DeadLetterConfig") or {}).get("TargetArn")

    def update_configuration(self: Any, updates: dict[str, Any]) -> Any:
        if "DeadLetterConfig" in updates:
            self.courseware_dead_letter_arn = (updates["DeadLetterConfig"] or {}).get("TargetArn")
        return update(self, updates)

    def get_configuration(self: Any, *args: Any, **kwargs: Any) -> Any:
        config = describe(self, *args, **kwargs)
        target = getattr(self, "courseware_dead_letter_arn", None)
        if target:
            config["DeadLetterConfig"] = {"TargetArn": target}
        return config

    LambdaFunction.__init__ = __init__
    LambdaFunction.update_configuration = update_configuration
    LambdaFunction.get_configuration = get_configuration
    LambdaFunction._courseware_dlq = True


def _apply_put(body: dict[str, Any]) -> None:
    _live[str(body["k"])] = body


def _apply_done(body: dict[str, Any]) -> None:
    _live.pop(str(body["k"]), None)


def _load_live(saved: dict[str, dict[str, Any]]) -> None:
    _live.clear()
    _live.update(saved)


def _resume_all(engine: AsyncEngine) -> None:
    """Queue again what was accepted before the restart (a deleted function's events go)."""
    from courseware.cloud.events.backends import arn_parts, lambda_backend

    for key, body in list(_live.items()):
        _, region, account, _ = arn_parts(str(body["arn"]))
        version = str(body.get("v", "$LATEST"))
        if str(body["arn"]).count(":") >= 7:  # the ARN names its version already
            version = "$LATEST"
        try:
            fn = lambda_backend(account, region).get_function(
                str(body["arn"]), None if version == "$LATEST" else version
            )
        except Exception:
            with STATE_LOCK:
                _live.pop(key, None)
                recorder.record("async.done", {"k": key})
            continue
        engine.resume(fn, body)


def install() -> None:
    """Route Event invocations and moto's internal notifications through the engine."""
    from moto.awslambda.models import LambdaBackend
    from moto.events import notifications as events_notifications
    from moto.s3 import notifications as s3_notifications

    _keep_dead_letter_config()
    async_config.install()
    recorder.register("async.put", _apply_put, lambda: dict(_live), _load_live)
    recorder.register("async.done", _apply_done)
    for name in ("send_sns_message", "send_log_event"):
        _wrap(LambdaBackend, name)
    _wrap(s3_notifications, "_invoke_awslambda")
    _wrap(events_notifications, "_invoke_lambda")


def started(endpoint: Endpoint) -> None:
    """Start the engine and make it the runtime's async invoker."""
    global _engine
    from courseware.cloud.lambda_rt import set_async_invoker

    _engine = AsyncEngine()
    set_async_invoker(_engine.submit)
    _resume_all(_engine)


def stopping() -> None:
    """Stop the engine."""
    global _engine
    from courseware.cloud.lambda_rt import set_async_invoker

    if _engine is not None:
        _engine.shutdown()
        _engine = None
    set_async_invoker(None)
    _live.clear()  # journaled: the next start with this state resumes them
