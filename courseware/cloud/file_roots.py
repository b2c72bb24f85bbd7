"""Which files a classroom learner's app may read and write: their own folder and the labs.

In ``courseware serve --class`` every learner's app runs on the instructor's machine, next to
``class.json`` (everyone's session hashes and keys) and every other learner's folder. File
paths the learner types (the CLI pane's ``file://`` / ``fileb://`` arguments and ``aws s3``
local paths, the Lambda console's upload box) are therefore checked here first: their real
path (symlinks followed) must lie in the learner's own folder (read and write) or in the
shipped labs (read only), else a clear refusal. The CLI pane's ``aws`` also runs in a
bubblewrap box with only those folders in it (:func:`courseware.cloud.lambda_rt.sandbox.wrap_tool`),
so a path this check cannot see (a pattern, a symlink made later) still finds nothing.

The single-user app (no :data:`ROOT_ENV`) is not confined: it runs as the learner, on their
own machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from courseware.paths import project_root

ROOT_ENV = "COURSEWARE_FILE_ROOT"  # set by the classroom app process: the learner's own folder
_FILE_PREFIXES = ("fileb://", "file://")
_S3_TRANSFERS = ("cp", "mv", "sync")
# ``aws s3 cp/mv/sync`` options that take no value (everything else starting -- takes one).
_S3_FLAGS = frozenset(
    {
        "--dryrun",
        "--quiet",
        "--recursive",
        "--follow-symlinks",
        "--no-follow-symlinks",
        "--no-guess-mime-type",
        "--no-progress",
        "--only-show-errors",
        "--force-glacier-transfer",
        "--ignore-glacier-warnings",
        "--validate-same-s3-paths",
        "--delete",
        "--exact-timestamps",
        "--size-only",
        "--debug",
        "--no-verify-ssl",
        "--no-paginate",
        "--no-sign-request",
    }
)


class OutsideRootsError(ValueError):
    """A path the learner named lies outside the folders their app may use."""


@dataclass(frozen=True)
class FileRoots:
    """The folders one learner's app may use: ``own`` read-write, ``shared`` read-only."""

    own: Path
    shared: tuple[Path, ...]

    def check(self, path: Path, *, write: bool = False) -> Path:
        """``path`` itself when its real path is allowed (``write``: in ``own`` only).

        Raises:
            OutsideRootsError: the path, or what a symlink in it points to, is elsewhere.
        """
        real = Path(os.path.realpath(path))
        roots = (self.own,) if write else (self.own, *self.shared)
        if any(real == root or real.is_relative_to(root) for root in roots):
            return path
        where = (
            f"in {self.own}" if write else f"from {self.own} and {', '.join(map(str, self.shared))}"
        )
        verb = "writes" if write else "reads"
        raise OutsideRootsError(
            f"refused: {path} is outside your folders. In this class the app {verb} files "
            f"only {where}"
        )


def current() -> FileRoots | None:
    """This process's roots (a classroom learner's app), or None when files are not confined."""
    own = os.environ.get(ROOT_ENV, "")
    if not own:
        return None
    labs = Path(os.path.realpath(project_root() / "labs"))
    return FileRoots(Path(os.path.realpath(own)), (labs,))


def _file_value(arg: str) -> str | None:
    """The path of a ``file://x`` / ``--opt=file://x`` argument, else None."""
    value = arg.partition("=")[2] if arg.startswith("--") else arg
    for prefix in _FILE_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix) :]
    return None


def _s3_paths(args: list[str]) -> list[tuple[str, bool]]:
    """Local paths of an ``s3 cp/mv/sync`` command, each with whether it is written."""
    if len(args) < 2 or args[0] != "s3" or args[1] not in _S3_TRANSFERS:
        return []
    positional: list[str] = []
    rest = iter(args[2:])
    for arg in rest:
        if arg.startswith("--"):
            if arg not in _S3_FLAGS and "=" not in arg:
                next(rest, None)  # the option's value
        else:
            positional.append(arg)
    if len(positional) != 2:
        return [(p, False) for p in positional if not p.startswith("s3://") and p != "-"]
    source, target = positional
    paths: list[tuple[str, bool]] = []
    if not source.startswith("s3://") and source != "-":
        paths.append((source, args[1] == "mv"))  # mv deletes what it moved
    if not target.startswith("s3://") and target != "-":
        paths.append((target, True))
    return paths


def check_aws_args(args: list[str], roots: FileRoots, cwd: Path) -> None:
    """Refuse ``aws args…`` when a file it would read or write lies outside ``roots``.

    Raises:
        OutsideRootsError: naming the first such path.
    """
    named = [(v, False) for v in map(_file_value, args) if v is not None]
    for text, write in [*named, *_s3_paths(args)]:
        path = Path(os.path.expanduser(text))
        roots.check(path if path.is_absolute() else cwd / path, write=write)
