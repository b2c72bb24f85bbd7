"""The Lambda runtime: warm worker pools per function configuration, concurrency, logs.

One :class:`Runtime` serves the whole cloud. A worker is reused while its
function's code and configuration are unchanged (warm starts); a change retires
the old workers, so the next invoke is a cold start with an ``Init Duration``.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.iam import credentials
from courseware.cloud.iam.log_permissions import may_write_logs
from courseware.cloud.lambda_rt import code, layers, logs, sandbox, warm_pool
from courseware.cloud.lambda_rt.environment import handler_env
from courseware.cloud.lambda_rt.errors import TooManyRequests, sandbox_error
from courseware.cloud.lambda_rt.interpreters import RuntimeUnavailable, interpreter_for
from courseware.cloud.lambda_rt.worker import Outcome, Worker
from courseware.cloud.xray import lambda_traces

MAX_WORKERS = 32


@dataclass(frozen=True)
class InvokeResult:
    """What an invocation returned, as the Invoke API reports it."""

    payload: bytes
    function_error: str | None
    log_result: str
    request_id: str
    executed_version: str
    duration_ms: float
    init_duration_ms: float | None
    max_memory_mb: int


def config_key(fn: Any) -> str:
    """A fingerprint of everything that makes a worker stale when it changes."""
    parts = [
        fn.function_arn,
        str(fn.version),
        fn.code_sha_256,
        fn.run_time,
        fn.handler,
        str(fn.memory_size),
        str(fn.timeout),
        json.dumps(fn.environment_vars or {}, sort_keys=True),
        json.dumps(getattr(fn, "layers", None) or [], sort_keys=True, default=str),
    ]
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()


def _runtime_version_line(runtime: str) -> str:
    digest = hashlib.sha256(runtime.encode()).hexdigest()
    family, _, version = (
        runtime.partition("3.") if runtime.startswith("python") else (runtime, "", "")
    )
    label = f"python:3.{version}.v1" if family == "python" else f"{runtime.replace('.x', '')}.v1"
    return f"INIT_START Runtime Version: {label}\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:{digest}"


class Runtime:
    """Runs handlers for every function of the embedded cloud."""

    def __init__(
        self, max_workers: int = MAX_WORKERS, idle_seconds: float = warm_pool.IDLE_SECONDS
    ) -> None:
        self.max_workers = max_workers
        self.idle_seconds = idle_seconds
        self.max_idle, self.max_idle_mb = warm_pool.MAX_IDLE_WORKERS, warm_pool.MAX_IDLE_MB
        self.endpoint: Endpoint | None = None
        self._lock = threading.Lock()
        self._idle: dict[str, list[Worker]] = {}
        self._current: dict[str, str] = {}  # function ARN (versioned) -> config key
        self._inflight: dict[str, int] = {}  # account/function name -> running invocations
        self._busy: set[Worker] = set()  # workers running an invocation now
        self._running = 0
        self._stop = threading.Event()
        self._reaper: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, endpoint: Endpoint) -> None:
        """Remember the endpoint handlers must use; start the idle-worker reaper.

        Raises:
            ValueError: a warm-pool cap in the environment is not a positive number.
        """
        self.max_idle, self.max_idle_mb = warm_pool.limits_from_env()
        self.endpoint = endpoint
        sandbox.log_status()
        self._stop.clear()
        self._reaper = threading.Thread(target=self._reap, name="lambda-reaper", daemon=True)
        self._reaper.start()

    def shutdown(self) -> None:
        """Kill every worker, busy ones too (their invocations are journaled and run again)."""
        self._stop.set()
        with self._lock:
            workers = [w for pool in self._idle.values() for w in pool] + list(self._busy)
            self._idle.clear()
            self._current.clear()
        for worker in workers:
            worker.close()

    def _reap(self) -> None:
        while not self._stop.wait(min(30.0, self.idle_seconds)):
            cutoff = time.monotonic() - self.idle_seconds
            with self._lock:
                stale = [w for pool in self._idle.values() for w in pool if w.last_used < cutoff]
                for pool in self._idle.values():
                    pool[:] = [w for w in pool if w.last_used >= cutoff]
            for worker in stale:
                worker.close()

    def worker_count(self, fn: Any | None = None) -> int:
        """Idle workers kept warm (for one function when given)."""
        with self._lock:
            if fn is None:
                return sum(len(p) for p in self._idle.values())
            return len(self._idle.get(config_key(fn), []))

    # -- invocation ------------------------------------------------------------------------
    def _admit(self, fn: Any, key: str) -> tuple[Worker | None, list[Worker]]:
        name = f"{fn.account_id}/{fn.function_name}"  # learners' same-named functions apart
        reserved = fn.reserved_concurrency
        with self._lock:
            if reserved is not None and self._inflight.get(name, 0) >= int(reserved):
                raise TooManyRequests("ReservedFunctionConcurrentInvocationLimitExceeded")
            if self._running >= self.max_workers:
                raise TooManyRequests("ConcurrentInvocationLimitExceeded")
            self._inflight[name] = self._inflight.get(name, 0) + 1
            self._running += 1
            retired: list[Worker] = []
            old = self._current.get(fn.function_arn)
            if old is not None and old != key:
                retired = self._idle.pop(old, [])
            self._current[fn.function_arn] = key
            pool = self._idle.get(key, [])
            warm = pool.pop() if pool else None
            if warm is not None and not credentials.session_known(fn.account_id, warm.access_key):
                retired.append(warm)  # its role session is gone (an account reset): start anew
                warm = None
            return warm, retired

    def _release(self, fn: Any, key: str, worker: Worker | None, healthy: bool) -> None:
        name = f"{fn.account_id}/{fn.function_name}"  # learners' same-named functions apart
        with self._lock:
            self._inflight[name] -= 1
            self._running -= 1
            keep = worker is not None and healthy and self._current.get(fn.function_arn) == key
            evicted: list[Worker] = []
            if keep and worker is not None:
                self._idle.setdefault(key, []).append(worker)
                evicted = warm_pool.over_cap(self._idle, self.max_idle, self.max_idle_mb)
        if worker is not None and not keep:
            worker.close()
        for old in evicted:  # the least recently used, over the warm caps
            old.close()

    def invoke(
        self,
        fn: Any,
        payload: bytes,
        invoked_arn: str | None = None,
        quiet: bool = False,
        upstream: str = "",
        request_id: str | None = None,
    ) -> InvokeResult:
        """Run ``fn`` (a moto LambdaFunction) on ``payload``; never raises for handler faults.

        An Active-tracing function's invocation is recorded as an X-Ray trace.
        ``quiet``: a course check's probe; its log lines are not written to CloudWatch Logs.
        ``upstream``: the request's ``X-Amzn-Trace-Id``; the invocation joins that trace.
        ``request_id``: the id to run under (a new one when None).

        Raises:
            TooManyRequests: reserved or global concurrency is exhausted.
        """
        trace = lambda_traces.begin(fn, upstream)
        result = self._invoke(fn, payload, invoked_arn, trace.header, quiet, request_id)
        lambda_traces.finish(trace, fn, result)
        return result

    def _invoke(
        self,
        fn: Any,
        payload: bytes,
        invoked_arn: str | None,
        trace_id: str,
        quiet: bool,
        request_id: str | None = None,
    ) -> InvokeResult:
        key = config_key(fn)
        worker, retired = self._admit(fn, key)
        for old in retired:
            old.close()
        request_id = request_id or str(uuid.uuid4())
        lines: list[logs.LogLine] = []
        healthy = False
        init_ms: float | None = None
        try:
            if worker is None:
                worker, lines, init_ms, failure = self._cold_start(fn, request_id)
                if failure is not None:
                    return self._finish(
                        fn, worker, request_id, lines, init_ms, Outcome(error=failure), None, quiet,
                        trace_id,
                    )  # fmt: skip
            assert worker is not None
            with self._lock:
                self._busy.add(worker)
            started = logs.now_ms()
            outcome = self._run(fn, worker, payload, request_id, invoked_arn, trace_id)
            healthy = outcome.killed is None and worker.init_error is None
            return self._finish(
                fn, worker, request_id, lines, init_ms, outcome, started, quiet, trace_id
            )
        finally:
            with self._lock:
                self._busy.discard(worker)
            self._release(fn, key, worker, healthy)

    def _cold_start(
        self, fn: Any, request_id: str
    ) -> tuple[Worker | None, list[logs.LogLine], float | None, dict[str, Any] | None]:
        """Start a worker and run INIT; returns (worker, log lines, init ms, failure)."""
        failure: dict[str, Any] | None
        assert self.endpoint is not None, "Runtime.start() was not called"
        stream = logs.new_stream_name(str(fn.version))
        try:
            interpreter = interpreter_for(fn.run_time)
            task_root = code.code_dir(str(fn.function_name), fn.code_bytes)
            layer_dirs = layers.layer_dirs(fn)
            extra_env = layers.layer_env(interpreter.family, str(fn.run_time), layer_dirs)
        except layers.LayerError as exc:
            failure = {"errorType": "InvalidParameterValueException", "errorMessage": str(exc)}
            return None, [(logs.now_ms(), f"InvalidParameterValueException: {exc}")], None, failure
        except RuntimeUnavailable as exc:
            failure = {"errorType": exc.error_type, "errorMessage": str(exc)}
            return None, [(logs.now_ms(), f"{exc.error_type}: {exc}")], None, failure
        except code.BadPackage as exc:
            failure = {"errorType": "Runtime.InvalidEntrypoint", "errorMessage": str(exc)}
            return None, [(logs.now_ms(), f"Runtime.InvalidEntrypoint: {exc}")], None, failure
        layer = code.sdk_layer() if interpreter.family == "python" else None
        if interpreter.family == "node":
            code.link_node_sdk(task_root)
        env = handler_env(fn, self.endpoint, interpreter, task_root, stream, layer)
        for key, value in extra_env.items():  # layers come first, as /opt does in Lambda
            env[key] = value + os.pathsep + env[key] if env.get(key) else value
        started = logs.now_ms()
        scratch = sandbox.scratch_dir(task_root, uuid.uuid4().hex)
        # The SDK layer and the function's layers are bound read-only at their own paths,
        # which the search paths above name (bwrap cannot merge several layers into one /opt).
        ro_dirs = [*([layer] if layer is not None else []), *layer_dirs]
        binds = tuple((folder, str(folder)) for folder in ro_dirs)
        worker = Worker(interpreter, env, task_root, int(fn.memory_size), stream, scratch, binds)
        init = worker.wait_ready()
        lines = [(started, _runtime_version_line(str(fn.run_time))), *init.logs]
        failure = None
        if init.killed is not None:
            detail = (
                "Runtime init timed out"
                if init.killed == "timeout"
                else f"Runtime exited with error: {init.exit_detail or 'signal: killed'}"
            )
            worker.init_error = failure = sandbox_error("Runtime.ExitError", request_id, detail)
            lines.append((logs.now_ms(), str(failure["errorMessage"])))
        return worker, lines, worker.init_duration_ms, failure

    def _run(
        self,
        fn: Any,
        worker: Worker,
        payload: bytes,
        request_id: str,
        invoked_arn: str | None,
        trace_id: str = "",
    ) -> Outcome:
        timeout = float(fn.timeout)
        context = {
            "request_id": request_id,
            "function_name": fn.function_name,
            "function_version": str(fn.version),
            "invoked_function_arn": invoked_arn or fn.function_arn,
            "memory_limit_in_mb": int(fn.memory_size),
            "log_group_name": fn.logs_group_name,
            "log_stream_name": worker.log_stream,
            "deadline": time.time() + timeout,
        }
        event = payload.decode("utf-8") if payload.strip() else "{}"
        return worker.invoke({"event": event, "context": context, "trace_id": trace_id}, timeout)

    def _finish(
        self,
        fn: Any,
        worker: Worker | None,
        request_id: str,
        lines: list[logs.LogLine],
        init_ms: float | None,
        outcome: Outcome,
        started: int | None = None,
        quiet: bool = False,
        trace_header: str = "",
    ) -> InvokeResult:
        memory = int(fn.memory_size)
        version = str(fn.version)
        error, status, error_type = _platform_error(fn, request_id, outcome)
        begin = started if started is not None else logs.now_ms()
        lines.append((begin, f"START RequestId: {request_id} Version: {version}"))
        lines.extend(outcome.logs)
        if outcome.killed == "timeout":
            detail = f"Task timed out after {float(fn.timeout):.2f} seconds"
            lines.append((logs.now_ms(), f"{_iso_now()} {request_id} {detail}"))
        elif outcome.killed is not None and error is not None:
            lines.append((logs.now_ms(), str(error["errorMessage"])))
        if error is not None and "requestId" in error:
            error["requestId"] = request_id
        peak = worker.peak_memory_mb() if worker is not None else 1
        max_mb = memory if outcome.killed == "memory" else min(peak, memory)
        report = logs.Report(
            request_id,
            outcome.duration_ms,
            memory,
            max_mb,
            init_ms,
            status,
            error_type,
            trace_header,
        )
        lines.append((logs.now_ms(), f"END RequestId: {request_id}"))
        lines.append((logs.now_ms(), report.line()))
        stream = worker.log_stream if worker is not None else logs.new_stream_name(version)
        if not quiet and may_write_logs(fn, fn.logs_group_name, stream):
            logs.write(fn.logs_backend, fn.logs_group_name, stream, lines)
        if error is not None:
            body = json.dumps(error).encode("utf-8")
        else:
            body = (outcome.payload if outcome.payload is not None else "null").encode("utf-8")
        return InvokeResult(
            payload=body,
            function_error="Unhandled" if error is not None else None,
            log_result=logs.tail(lines),
            request_id=request_id,
            executed_version=version,
            duration_ms=outcome.duration_ms,
            init_duration_ms=init_ms,
            max_memory_mb=max_mb,
        )


def _iso_now() -> str:
    now = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}Z"


def _platform_error(
    fn: Any, request_id: str, outcome: Outcome
) -> tuple[dict[str, Any] | None, str | None, str | None]:
    """(error payload, REPORT status, REPORT error type) for a killed or failed invocation."""
    if outcome.killed == "timeout":
        detail = f"Task timed out after {float(fn.timeout):.2f} seconds"
        return sandbox_error("Sandbox.Timedout", request_id, detail), "timeout", None
    if outcome.killed == "memory":
        detail = "Runtime exited with error: signal: killed"
        return (
            sandbox_error("Runtime.OutOfMemory", request_id, detail),
            "error",
            "Runtime.OutOfMemory",
        )
    if outcome.killed == "exit":
        detail = f"Runtime exited with error: {outcome.exit_detail}"
        return sandbox_error("Runtime.ExitError", request_id, detail), "error", "Runtime.ExitError"
    return outcome.error, None, None
