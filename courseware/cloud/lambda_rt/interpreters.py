"""Finding the program that runs a function's runtime (python3.X or node).

A matching ``python3.X`` on PATH is used when present (pyenv shims are resolved
once to the real interpreter); otherwise this app's own interpreter, with a
note in the function's log. Node.js runtimes use ``node`` from PATH.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

PYTHON_RUNTIMES = {f"python3.{minor}" for minor in range(9, 14)}
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


def _python(runtime: str) -> Interpreter:
    wanted = runtime.removeprefix("python")
    found = _probe(runtime, "import sys,platform;print(sys.executable, platform.python_version())")
    if found and found[1].startswith(wanted + "."):
        return Interpreter("python", found[0], found[1])
    own = ".".join(map(str, sys.version_info[:3]))
    note = (
        f"courseware: {runtime} was not found on PATH; this function runs with "
        f"the app's Python {own} instead"
    )
    return Interpreter("python", sys.executable, own, [note])


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
    if name in PYTHON_RUNTIMES:
        return _python(name)
    match = NODE_RUNTIME.match(name)
    if match:
        return _node(name, match.group(1))
    raise RuntimeUnavailable(
        "Runtime.InvalidRuntime",
        f"courseware's Lambda runtime runs python3.9-python3.13 and nodejs*.x functions; "
        f"{name or 'a function without a runtime'} cannot run here.",
    )
