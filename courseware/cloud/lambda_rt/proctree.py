"""A worker's whole process tree, seen from the cloud: count, memory, freeze, kill.

Lambda counts processes and memory for the whole execution environment, not for the one
runtime process. Here the tree is the worker's process and all its descendants (found through
``/proc/<pid>/task/<tid>/children``, Linux only). In the bubblewrap sandbox every
process of the box stays a descendant (orphans are reparented to the box's init), so nothing a
handler starts, even in a new session, escapes the count or the kill.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

PROC = Path("/proc")
MAX_PROCESSES = 1024  # Lambda quota: "Processes and threads: 1,024"


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (all its threads')."""
    found: list[int] = []
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return found
    for task in tasks:
        with contextlib.suppress(OSError, ValueError):
            found.extend(int(p) for p in (task / "children").read_text().split())
    return found


def descendants(root: int) -> list[int]:
    """``root``'s descendants (not ``root`` itself), parents before children."""
    seen: list[int] = []
    queue = children(root)
    while queue:
        pid = queue.pop(0)
        if pid in seen:
            continue
        seen.append(pid)
        queue.extend(children(pid))
    return seen


def tree(root: int) -> list[int]:
    """``root`` and its descendants."""
    return [root, *descendants(root)]


def status_kb(pid: int, key: str) -> int:
    """A ``kB`` figure (or a count) from ``/proc/<pid>/status``; 0 when unreadable."""
    try:
        with open(PROC / str(pid) / "status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(PROC / str(pid) / "smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return status_kb(pid, "VmRSS:")


def memory_mb(pids: list[int]) -> float:
    """Memory of a tree in MB: RSS for one process, proportional set size (PSS) for several.

    PSS splits shared pages among the processes sharing them, so a forked child is not
    counted twice for the pages it shares with its parent.
    """
    if len(pids) <= 1:
        return sum(status_kb(pid, "VmRSS:") for pid in pids) / 1024
    return sum(_pss_kb(pid) for pid in pids) / 1024


def thread_count(pids: list[int]) -> int:
    """Processes and threads of a tree (what Lambda's 1,024 limit counts)."""
    return sum(max(1, status_kb(pid, "Threads:")) for pid in pids)


def cap_processes(pid: int) -> None:
    """RLIMIT_NPROC on ``pid``: forks fail (EAGAIN) past the cap, for a non-root user.

    In the sandbox's user namespace the count is the box's own processes. Root is exempt from
    RLIMIT_NPROC; the worker's poll then kills a tree that grows past the cap.
    """
    try:
        import resource

        resource.prlimit(pid, resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))
    except (ImportError, AttributeError, OSError, ValueError):
        pass


def signal_all(pids: list[int], sig: signal.Signals) -> None:
    """Send ``sig`` to every pid that still exists."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def _running_tasks(pid: int) -> bool:
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return False
    for task in tasks:
        try:
            state = (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state not in {"T", "t", "Z", "X"}:
            return True
    return False


def freeze(pids: list[int], patience_s: float = 1.0) -> None:
    """SIGSTOP ``pids`` and wait (briefly) until every thread of theirs has stopped."""
    import time

    signal_all(pids, signal.SIGSTOP)
    deadline = time.monotonic() + patience_s
    while any(_running_tasks(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.001)


def kill_tree(root: int, keep: tuple[int, ...] = ()) -> list[int]:
    """SIGKILL ``root``'s descendants except ``keep`` (freeze first so none forks meanwhile)."""
    victims = [pid for pid in descendants(root) if pid not in keep]
    signal_all(victims, signal.SIGSTOP)
    victims = [pid for pid in descendants(root) if pid not in keep]
    signal_all(victims, signal.SIGKILL)
    return victims
