"""Turning what the learner types in the AWS CLI pane into ``aws`` arguments (pure)."""

from __future__ import annotations

import contextlib
import functools
import os
import shlex
from pathlib import Path

COMMON_SERVICES = (
    "lambda",
    "sqs",
    "sns",
    "dynamodb",
    "stepfunctions",
    "logs",
    "iam",
    "s3",
    "s3api",
    "sts",
    "events",
    "cloudwatch",
)
# Services whose first-level commands are offered as completions.
DETAILED_SERVICES = ("lambda", "sqs", "dynamodb", "stepfunctions", "logs", "iam", "s3api", "sns")
S3_COMMANDS = ("ls", "mb", "rb", "cp", "mv", "rm", "sync", "presign", "website")
_FILE_PREFIXES = ("file://", "fileb://")
_LAB_FILES = "labs/"


class CommandError(ValueError):
    """The line cannot be split into arguments (e.g. an unclosed quote)."""


def _absolute_file_arg(arg: str, cwd: Path, fallback: Path | None = None) -> str:
    """``file://x`` (or ``--opt=file://x``) with ``x`` made absolute against ``cwd``.

    A relative path missing under ``cwd`` but present under ``fallback`` (the folder holding
    ``labs/``, wherever the app is installed) is taken from there, so a lab's
    ``file://labs/…`` works from any folder. So does a bare ``labs/…`` path (``s3api put-object
    --body labs/…``, ``s3 cp labs/… s3://…``), which is otherwise left as written.
    """
    head, eq, value = arg.partition("=") if arg.startswith("--") else ("", "", arg)
    for prefix in _FILE_PREFIXES:
        if value.startswith(prefix):
            path = Path(os.path.expanduser(value[len(prefix) :]))
            if not path.is_absolute():
                local = cwd / path
                packaged = fallback / path if fallback else local
                path = local if local.exists() or not packaged.exists() else packaged
            return f"{head}{eq}{prefix}{path}"
    if (  # a bare lab file (--body labs/…)
        fallback is not None
        and value.startswith(_LAB_FILES)
        and not (cwd / value).exists()
        and (fallback / value).exists()
    ):
        return f"{head}{eq}{fallback / value}"
    return arg


def absolute_files(args: list[str], cwd: Path, fallback: Path | None = None) -> list[str]:
    """``args`` with every ``file://`` / ``fileb://`` path made absolute (see above)."""
    return [_absolute_file_arg(arg, cwd, fallback) for arg in args]


def parse_command(line: str, cwd: Path | None = None) -> list[str]:
    """Split a command line shell-style, without a leading ``aws``; files made absolute.

    Raises:
        CommandError: unbalanced quotes or a trailing escape.
    """
    try:
        args = shlex.split(line)
    except ValueError as exc:
        raise CommandError(f"cannot read the command: {exc}") from None
    if args and args[0] == "aws":
        args = args[1:]
    base = cwd or Path.cwd()
    return [_absolute_file_arg(arg, base) for arg in args]


@functools.cache
def completion_words() -> tuple[str, ...]:
    """Service names (common ones first) and ``service command`` pairs for the main services."""
    import botocore.session
    from botocore import xform_name

    session = botocore.session.get_session()
    words: list[str] = list(COMMON_SERVICES)
    for service in DETAILED_SERVICES:
        model_name = "s3" if service == "s3api" else service
        try:
            operations = session.get_service_model(model_name).operation_names
        except Exception:  # a missing model only costs completions
            continue
        words += [f"{service} {xform_name(op, '-')}" for op in sorted(operations)]
    words += [f"s3 {command}" for command in S3_COMMANDS]
    with contextlib.suppress(Exception):
        words += [s for s in session.get_available_services() if s not in COMMON_SERVICES]
    return tuple(dict.fromkeys(words))
