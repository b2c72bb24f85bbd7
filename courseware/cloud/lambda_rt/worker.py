"""One execution environment: a worker process running a handler.

The parent talks to the worker over two pipes with 4-byte length-prefixed JSON
frames. The worker sends ``log`` frames as the handler prints, ``ready`` after
the INIT phase, then ``result`` or ``error`` per invocation. Timeouts and memory
limits are enforced here, from the parent, on the worker's whole process tree
(:mod:`proctree`): memory is the tree's, processes and threads are capped at Lambda's 1,024,
processes a handler leaves behind are killed when its invocation ends, and the worker is
frozen (SIGSTOP) between invocations so a stray thread burns no CPU. The process runs in the
:mod:`sandbox`. A malformed frame on the result pipe ends the worker as ``Runtime.ExitError``.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import struct
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from courseware.cloud.lambda_rt import proctree, sandbox
from courseware.cloud.lambda_rt.interpreters import Interpreter
from courseware.cloud.lambda_rt.logs import LogLine, cap_message, now_ms

_HEADER = struct.Struct(">I")
MAX_FRAME = 32 * 1024 * 1024  # a 6 MB payload JSON-escaped twice, with room to spare
MAX_LOG_BYTES = 5 * 1024 * 1024  # per invocation; the rest is dropped with a note
BAD_FRAME = "malformed message on the runtime's result channel"
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
        scratch: Path,
        extra_ro_binds: tuple[tuple[Path, str], ...] = (),
    ) -> None:
        self.interpreter = interpreter
        self.memory_mb = memory_mb
        self.log_stream = log_stream
        self.init_duration_ms = 0.0
        self.init_error: dict[str, Any] | None = None
        self.init_logs: list[LogLine] = []
        self.last_used = time.monotonic()
        self.resident_mb = 0.0  # what it holds while frozen between invocations
        self._buffer = b""
        self._core: tuple[int, ...] = ()  # the box's init and the runtime process
        self._peak_mb = 0.0
        self.scratch = scratch
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        if interpreter.family == "python":
            argv = [interpreter.executable, "-S", "-u", str(_HERE / "bootstrap.py")]
        else:
            argv = [interpreter.executable, str(_HERE / "bootstrap.mjs")]
        argv += [str(to_child_r), str(from_child_w)]
        argv, home = sandbox.wrap(argv, cwd, scratch, extra_ro_binds)
        env = {**env, **home}
        began = time.perf_counter()
        self._proc = sandbox.spawn(
            lambda: subprocess.Popen(
                argv,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(to_child_r, from_child_w),
                start_new_session=True,
            )
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
        self._core = self._find_core()
        if outcome.killed is None and outcome.error is not None:
            self.init_error = outcome.error
        return outcome

    def invoke(self, request: dict[str, Any], timeout_s: float) -> Outcome:
        """Send one invocation and wait for its result, enforcing the timeout."""
        self.last_used = time.monotonic()
        began = time.perf_counter()
        data = json.dumps(request, separators=(",", ":")).encode("utf-8")
        self.thaw()
        try:
            self._write(_HEADER.pack(len(data)) + data)
        except OSError:
            outcome = Outcome(killed="exit", exit_detail=self._exit_detail())
        else:
            outcome = self._collect(deadline=time.monotonic() + timeout_s, until="done")
        outcome.duration_ms = (time.perf_counter() - began) * 1000
        self.last_used = time.monotonic()
        if outcome.killed is None:
            self._end_invocation()
        return outcome

    def _find_core(self) -> tuple[int, ...]:
        """The processes that make the worker: the box's init and the runtime under it."""
        if self._proc.poll() is not None:
            return ()
        if not sandbox.status().isolated:
            return (self._proc.pid,)
        inits = proctree.children(self._proc.pid)[:1]
        runtimes = proctree.children(inits[0])[:1] if inits else []
        for pid in runtimes:
            proctree.cap_processes(pid)
        return (self._proc.pid, *inits, *runtimes)

    def _end_invocation(self) -> None:
        """Kill what the handler left running, then freeze the worker until the next invoke."""
        self.resident_mb = self._note_memory()
        proctree.kill_tree(self._proc.pid, keep=self._core)
        proctree.freeze(proctree.tree(self._proc.pid))

    def thaw(self) -> None:
        """Let the frozen worker run again (before an invoke, or to let it exit)."""
        proctree.signal_all(proctree.tree(self._proc.pid), signal.SIGCONT)

    def _note_memory(self) -> float:
        used = proctree.memory_mb(proctree.tree(self._proc.pid))
        self._peak_mb = max(self._peak_mb, used)
        return used

    def peak_memory_mb(self) -> int:
        """Peak memory of the worker's tree so far, in MB (runtime's VmHWM at least)."""
        runtime = self._core[-1] if self._core else self._proc.pid
        hwm = proctree.status_kb(runtime, "VmHWM:") / 1024
        return max(1, round(max(hwm, self._peak_mb)))

    def _write(self, frame: bytes) -> None:
        view = memoryview(frame)
        while view:
            view = view[os.write(self._to_child, view) :]

    def _frames(self) -> list[dict[str, Any]]:
        """Complete frames in the buffer.

        Raises:
            ValueError: a frame is oversized or not a JSON object.
        """
        frames = []
        while len(self._buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self._buffer)
            if size > MAX_FRAME:
                raise ValueError(f"frame of {size} bytes")
            if len(self._buffer) < _HEADER.size + size:
                break
            body = self._buffer[_HEADER.size : _HEADER.size + size]
            self._buffer = self._buffer[_HEADER.size + size :]
            frame = json.loads(body.decode("utf-8"))
            if not isinstance(frame, dict):
                raise ValueError("frame is not an object")
            frames.append(frame)
        return frames

    def _malformed(self, outcome: Outcome) -> Outcome:
        self.kill()
        outcome.killed = "exit"
        outcome.exit_detail = BAD_FRAME
        return outcome

    def _add_log(self, outcome: Outcome, text: str, budget: list[int], one: bool = False) -> None:
        if budget[0] <= 0:
            return
        for line in [text] if one else text.split("\n"):
            budget[0] -= len(line) + 1
            if budget[0] <= 0:
                note = f"courseware: log output past {MAX_LOG_BYTES // (1024 * 1024)} MB for this invocation was dropped"
                outcome.logs.append((now_ms(), note))
                return
            outcome.logs.append((now_ms(), cap_message(line)))

    def _collect(self, deadline: float, until: str) -> Outcome:
        outcome = Outcome()
        budget = [MAX_LOG_BYTES]
        while True:
            try:
                frames = self._frames()
            except (ValueError, UnicodeDecodeError):
                return self._malformed(outcome)
            for frame in frames:
                kind = frame.get("t")
                if kind == "log":
                    # A logger record or console.* call is one event, as in AWS; print splits.
                    self._add_log(outcome, str(frame.get("d", "")), budget, bool(frame.get("one")))
                elif kind == "ready" and until == "ready":
                    error = frame.get("error")
                    outcome.error = error if isinstance(error, dict) or error is None else None
                    return outcome
                elif kind == "result" and until == "done":
                    if not isinstance(frame.get("payload"), str):
                        return self._malformed(outcome)
                    outcome.payload = frame["payload"]
                    return outcome
                elif kind == "oom":
                    self.kill()
                    outcome.killed = "memory"
                    return outcome
                elif kind == "error" and until == "done":
                    if not isinstance(frame.get("error"), dict):
                        return self._malformed(outcome)
                    outcome.error = frame["error"]
                    return outcome
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                outcome.killed = "timeout"
                return outcome
            ready, _, _ = select.select([self._from_child], [], [], min(remaining, _POLL_S))
            if not ready:
                pids = proctree.tree(self._proc.pid)
                if self._note_memory() > self.memory_mb:
                    self.kill()
                    outcome.killed = "memory"
                    return outcome
                if proctree.thread_count(pids) > proctree.MAX_PROCESSES:
                    self.kill()
                    outcome.killed = "exit"
                    outcome.exit_detail = (
                        f"more than {proctree.MAX_PROCESSES} processes and threads"
                    )
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
        proctree.kill_tree(self._proc.pid)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            self._proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._proc.wait(timeout=5)
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._to_child = self._from_child = -1
        shutil.rmtree(self.scratch, ignore_errors=True)

    def close(self) -> None:
        """Alias of :meth:`kill` for pool bookkeeping."""
        if self._to_child != -1:
            self.kill()
