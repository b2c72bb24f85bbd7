"""One execution environment: a worker process running a handler.

The parent talks to the worker over two pipes with 4-byte length-prefixed JSON
frames. The worker sends ``log`` frames as the handler prints, ``ready`` after
the INIT phase, then ``result`` or ``error`` per invocation. Timeouts and memory
limits are enforced here, from the parent, by killing the worker's process group.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import struct
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from courseware.cloud.lambda_rt.interpreters import Interpreter
from courseware.cloud.lambda_rt.logs import LogLine, now_ms

_HEADER = struct.Struct(">I")
_HERE = Path(__file__).resolve().parent
_POLL_S = 0.05
INIT_LIMIT_S = 10.0


@dataclass
class Outcome:
    """What one invocation (or the INIT phase) produced."""

    payload: str | None = None
    error: dict[str, Any] | None = None
    logs: list[LogLine] = field(default_factory=list)
    duration_ms: float = 0.0
    killed: str | None = None  # "timeout", "memory" or "exit"
    exit_detail: str = ""


class Worker:
    """A live worker process for one function configuration."""

    def __init__(
        self,
        interpreter: Interpreter,
        env: dict[str, str],
        cwd: Path,
        memory_mb: int,
        log_stream: str,
    ) -> None:
        self.interpreter = interpreter
        self.memory_mb = memory_mb
        self.log_stream = log_stream
        self.init_duration_ms = 0.0
        self.init_error: dict[str, Any] | None = None
        self.init_logs: list[LogLine] = []
        self.last_used = time.monotonic()
        self._buffer = b""
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        if interpreter.family == "python":
            argv = [interpreter.executable, "-S", "-u", str(_HERE / "bootstrap.py")]
        else:
            argv = [interpreter.executable, str(_HERE / "bootstrap.mjs")]
        argv += [str(to_child_r), str(from_child_w)]
        began = time.perf_counter()
        self._proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(to_child_r, from_child_w),
            start_new_session=True,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._began = began

    @property
    def pid(self) -> int:
        """The worker's process id."""
        return self._proc.pid

    def alive(self) -> bool:
        """True while the process runs."""
        return self._proc.poll() is None

    def wait_ready(self) -> Outcome:
        """Finish the INIT phase (import the handler); sets init duration and error."""
        outcome = self._collect(deadline=time.monotonic() + INIT_LIMIT_S, until="ready")
        self.init_duration_ms = (time.perf_counter() - self._began) * 1000
        self.init_logs = outcome.logs
        if outcome.killed is None and outcome.error is not None:
            self.init_error = outcome.error
        return outcome

    def invoke(self, request: dict[str, Any], timeout_s: float) -> Outcome:
        """Send one invocation and wait for its result, enforcing the timeout."""
        self.last_used = time.monotonic()
        began = time.perf_counter()
        data = json.dumps(request, separators=(",", ":")).encode("utf-8")
        try:
            self._write(_HEADER.pack(len(data)) + data)
        except OSError:
            outcome = Outcome(killed="exit", exit_detail=self._exit_detail())
        else:
            outcome = self._collect(deadline=time.monotonic() + timeout_s, until="done")
        outcome.duration_ms = (time.perf_counter() - began) * 1000
        self.last_used = time.monotonic()
        return outcome

    def peak_memory_mb(self) -> int:
        """Peak resident memory of the worker so far (VmHWM), in MB."""
        return max(1, round(self._status_kb("VmHWM:") / 1024))

    def _rss_mb(self) -> float:
        return self._status_kb("VmRSS:") / 1024

    def _status_kb(self, key: str) -> int:
        try:
            with open(f"/proc/{self._proc.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith(key):
                        return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def _write(self, frame: bytes) -> None:
        view = memoryview(frame)
        while view:
            view = view[os.write(self._to_child, view) :]

    def _frames(self) -> list[dict[str, Any]]:
        frames = []
        while len(self._buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self._buffer)
            if len(self._buffer) < _HEADER.size + size:
                break
            body = self._buffer[_HEADER.size : _HEADER.size + size]
            self._buffer = self._buffer[_HEADER.size + size :]
            frames.append(json.loads(body.decode("utf-8")))
        return frames

    def _collect(self, deadline: float, until: str) -> Outcome:
        outcome = Outcome()
        while True:
            for frame in self._frames():
                kind = frame.get("t")
                if kind == "log":
                    stamp = now_ms()
                    text = str(frame["d"])
                    # A logger record or console.* call is one event, as in AWS; print splits.
                    parts = [text] if frame.get("one") else text.split("\n")
                    outcome.logs.extend((stamp, line) for line in parts)
                elif kind == "ready" and until == "ready":
                    outcome.error = frame.get("error")
                    return outcome
                elif kind == "result" and until == "done":
                    outcome.payload = str(frame["payload"])
                    return outcome
                elif kind == "oom":
                    self.kill()
                    outcome.killed = "memory"
                    return outcome
                elif kind == "error" and until == "done":
                    outcome.error = frame["error"]
                    return outcome
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                outcome.killed = "timeout"
                return outcome
            ready, _, _ = select.select([self._from_child], [], [], min(remaining, _POLL_S))
            if not ready:
                if self._rss_mb() > self.memory_mb:
                    self.kill()
                    outcome.killed = "memory"
                    return outcome
                continue
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                outcome.killed = "exit"
                outcome.exit_detail = self._exit_detail()
                return outcome
            self._buffer += chunk

    def _exit_detail(self) -> str:
        try:
            code = self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.kill()
            return "signal: killed"
        if code < 0:
            return f"signal: {signal.Signals(-code).name.removeprefix('SIG').lower()}"
        return f"exit status {code}"

    def kill(self) -> None:
        """Kill the worker and everything it started; reap it."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(timeout=5)
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._to_child = self._from_child = -1

    def close(self) -> None:
        """Alias of :meth:`kill` for pool bookkeeping."""
        if self._to_child != -1:
            self.kill()
