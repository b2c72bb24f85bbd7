"""Finding the program that runs a function's runtime (python3.X or node).

A matching ``python3.X`` on PATH is used when present (pyenv shims are resolved
once to the real interpreter); otherwise the nearest Python present (this app's
own or another ``python3.Y`` on PATH), with a note in the function's log. Newer
runtimes than this code knows (``python3.14``…) run the same way. Node.js runtimes use ``node`` from PATH.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

PYTHON_RUNTIME = re.compile(r"^python3\.(\d+)$")
OLDEST_PYTHON_MINOR = 9
NODE_RUNTIME = re.compile(r"^nodejs(\d+)\.x$")


class RuntimeUnavailable(Exception):
    """The function's runtime cannot run here (error type and message as Lambda shows)."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type


@dataclass(frozen=True)
class Interpreter:
    """How to start a worker for one runtime."""

    family: str  # "python" or "node"
    executable: str
    version: str
    notes: list[str] = field(default_factory=list)


@functools.cache
def _probe(command: str, code: str) -> tuple[str, str] | None:
    """Run ``command`` once to learn its real executable and version (cached)."""
    path = shutil.which(command)
    if path is None:
        return None
    try:
        out = subprocess.run(
            [path, "-e" if command == "node" else "-c", code],
            capture_output=True,
            text=True,
            timeout=15,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    return (out[0], out[1]) if len(out) == 2 else None


def _python(runtime: str, minor: int) -> Interpreter:
    code = "import sys,platform;print(sys.executable, platform.python_version())"
    found = _probe(runtime, code)
    if found and found[1].startswith(f"3.{minor}."):
        return Interpreter("python", found[0], found[1])
    own_minor = sys.version_info[1]
    nearest = (sys.executable, ".".join(map(str, sys.version_info[:3])), own_minor)
    for other in range(OLDEST_PYTHON_MINOR, max(minor, own_minor) + 2):
        if abs(other - minor) >= abs(nearest[2] - minor) or other == minor:
            continue
        probed = _probe(f"python3.{other}", code)
        if probed and probed[1].startswith(f"3.{other}."):
            nearest = (probed[0], probed[1], other)
    note = (
        f"courseware: {runtime} was not found on PATH; this function runs with "
        f"the nearest Python present, {nearest[1]}, instead"
    )
    return Interpreter("python", nearest[0], nearest[1], [note])


def _node(runtime: str, major: str) -> Interpreter:
    found = _probe("node", "console.log(process.execPath, process.versions.node)")
    if found is None:
        raise RuntimeUnavailable(
            "Runtime.InvalidRuntime",
            f"The runtime {runtime} needs Node.js, and no `node` is on PATH here. "
            "Install Node.js or use a Python runtime.",
        )
    notes = []
    if found[1].split(".")[0] != major:
        notes.append(
            f"courseware: {runtime} requested; running with the installed Node.js {found[1]}"
        )
    return Interpreter("node", found[0], found[1], notes)


def interpreter_for(runtime: str | None) -> Interpreter:
    """The interpreter for a Lambda runtime identifier such as ``python3.12``.

    Raises:
        RuntimeUnavailable: the runtime is not one this emulator can run.
    """
    name = runtime or ""
    python = PYTHON_RUNTIME.match(name)
    if python and int(python.group(1)) >= OLDEST_PYTHON_MINOR:
        return _python(name, int(python.group(1)))
    match = NODE_RUNTIME.match(name)
    if match:
        return _node(name, match.group(1))
    raise RuntimeUnavailable(
        "Runtime.InvalidRuntime",
        f"courseware's Lambda runtime runs python3.9 and newer and nodejs*.x functions; "
        f"{name or 'a function without a runtime'} cannot run here.",
    )
