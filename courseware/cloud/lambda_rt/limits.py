"""Lambda's documented limits, refused with Lambda's own errors.

Sources: the Lambda API reference (CreateFunction, Invoke: FunctionName pattern and
length, Timeout, MemorySize) and "Lambda quotas"
(https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): environment
variables 4 KB, invocation payload 6 MB synchronous and 1 MB asynchronous, deployment package
50 MB zipped for direct upload and 250 MB unzipped.

:func:`install` wraps moto's ``LambdaBackend.create_function``,
``update_function_configuration`` and ``update_function_code`` (one narrow seam each, pinned
by ``tests/unit/test_moto_seams.py``); the invoke hook in :mod:`plugin` calls
:func:`check_payload`.
"""

from __future__ import annotations

import functools
import io
import json
import re
import zipfile
from collections.abc import Callable
from typing import IO, Any

NAME_PATTERN = re.compile(r"[a-zA-Z0-9_-]+")
NAME_PATTERN_TEXT = r"[a-zA-Z0-9-_]+"
NAME_MAX = 64
TIMEOUT_RANGE = (1, 900)
MEMORY_RANGE = (128, 10240)
ENV_MAX = 4 * 1024
SYNC_PAYLOAD_MAX = 6 * 1024 * 1024
ASYNC_PAYLOAD_MAX = 1024 * 1024
ZIP_MAX = 50 * 1024 * 1024
ZIP_REQUEST_MAX = 69905067  # 50 MB as base64, the figure Lambda's own message names
UNZIPPED_MAX = 250 * 1024 * 1024
SUPPORTED_RUNTIMES = (
    *(f"python3.{minor}" for minor in range(9, 15)),
    *(f"nodejs{major}.x" for major in (18, 20, 22, 24)),
    # Accepted by AWS though this emulator runs only Python and Node.js (Invoke says so).
    *("java8.al2", "java11", "java17", "java21", "java25", "dotnet8", "dotnet10"),
    *("ruby3.2", "ruby3.3", "ruby3.4", "provided.al2", "provided.al2023"),
)
# Runtimes AWS no longer lets you create or update functions with (newest replacement named).
DEPRECATED = re.compile(
    r"^(python2\.7|python3\.[6-8]|nodejs(4\.3|6\.10|8\.10|10\.x|12\.x|14\.x|16\.x)?"
    r"|java8|dotnetcore\d\.\d|dotnet[5-7]\.0|dotnet6|ruby2\.[57]|ruby3\.[01]|go1\.x|provided)$"
)
_original: dict[str, Any] = {}


def _errors() -> Any:
    from moto.awslambda import exceptions

    return exceptions


def check_name(name: Any, field: str = "functionName") -> None:
    """Refuse a function/alias/layer name outside Lambda's pattern or over 64 characters."""
    text = str(name or "")
    if len(text) > NAME_MAX:
        raise _errors().ValidationException(
            text, field, f"Member must have length less than or equal to {NAME_MAX}"
        )
    if not NAME_PATTERN.fullmatch(text):
        raise _errors().ValidationException(
            text, field, f"Member must satisfy regular expression pattern: {NAME_PATTERN_TEXT}"
        )


ALIAS_PATTERN = re.compile(r"(?!^[0-9]+$)([a-zA-Z0-9-_]+)")
LAYER_PATTERN = re.compile(r"[a-zA-Z0-9-_]+")


def check_alias_name(name: Any) -> None:
    """Refuse an alias name outside Lambda's pattern (not all digits) or over 128 characters."""
    text = str(name or "")
    if len(text) > 128:
        raise _errors().ValidationException(
            text, "name", "Member must have length less than or equal to 128"
        )
    if not ALIAS_PATTERN.fullmatch(text):
        raise _errors().ValidationException(
            text,
            "name",
            "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
        )


def check_layer_name(name: Any) -> None:
    """Refuse a layer name outside Lambda's pattern or over 140 characters."""
    text = str(name or "").rsplit(":layer:", 1)[-1]
    if len(text) > 140:
        raise _errors().ValidationException(
            text, "layerName", "Member must have length less than or equal to 140"
        )
    if not LAYER_PATTERN.fullmatch(text):
        raise _errors().ValidationException(
            text,
            "layerName",
            f"Member must satisfy regular expression pattern: {NAME_PATTERN_TEXT}",
        )


def _check_range(value: Any, field: str, bounds: tuple[int, int]) -> None:
    if value is None:
        return
    low, high = bounds
    number = int(value)
    if number > high:
        raise _errors().ValidationException(
            number, field, f"Member must have value less than or equal to {high}"
        )
    if number < low:
        raise _errors().ValidationException(
            number, field, f"Member must have value greater than or equal to {low}"
        )


def check_runtime(runtime: Any) -> None:
    """Refuse a deprecated or unknown runtime, as CreateFunction does."""
    if runtime is None:
        return
    text = str(runtime)
    if DEPRECATED.match(text):
        raise _errors().InvalidParameterValueException(
            f"The runtime parameter of {text} is no longer supported for creating or updating "
            f"AWS Lambda functions. We recommend you use the new runtime ({_newest(text)}) while "
            "creating or updating functions."
        )
    if text not in SUPPORTED_RUNTIMES:
        raise _errors().InvalidParameterValueException(
            f"Value {text} at 'runtime' failed to satisfy constraint: Member must satisfy enum "
            f"value set: [{', '.join(SUPPORTED_RUNTIMES)}] or be a valid ARN"
        )


def _newest(runtime: str) -> str:
    family = re.match(r"[a-z]+", runtime)
    prefix = {"go": "provided", "dotnetcore": "dotnet"}.get(family[0] if family else "", "")
    prefix = prefix or (family[0] if family else "python")
    same = [r for r in SUPPORTED_RUNTIMES if r.startswith(prefix)]
    return same[-1] if same else "python3.14"


def check_environment(environment: Any) -> None:
    """Refuse environment variables over 4 KB (measured as Lambda does, as JSON)."""
    variables = (environment or {}).get("Variables") if isinstance(environment, dict) else None
    if not variables:
        return
    measured = json.dumps(variables, separators=(",", ":"))
    if len(measured.encode("utf-8")) > ENV_MAX:
        raise _errors().InvalidParameterValueException(
            "Lambda was unable to configure your environment variables because the environment "
            "variables you have provided exceeded the 4KB limit. "
            f"String measured: {measured}"
        )


def _too_large(limit: int, operation: str) -> Exception:
    from moto.awslambda.exceptions import LambdaClientError

    error: Exception = LambdaClientError(
        "RequestEntityTooLargeException",
        f"Request must be smaller than {limit} bytes for the {operation} operation",
    )
    error.code = 413  # type: ignore[attr-defined]
    return error


def check_payload(payload: bytes, kind: str) -> None:
    """Refuse an Invoke payload over 6 MB (sync) or 1 MB (``Event``)."""
    limit = ASYNC_PAYLOAD_MAX if kind == "Event" else SYNC_PAYLOAD_MAX
    if len(payload) > limit:
        raise _too_large(limit, "Invoke")


def check_zip_b64(zip_b64: Any, operation: str) -> None:
    """Refuse a directly uploaded package over 50 MB."""
    if zip_b64 and len(zip_b64) > ZIP_REQUEST_MAX:
        raise _too_large(ZIP_REQUEST_MAX, operation)


def _unzipped_too_large() -> Exception:
    error: Exception = _errors().InvalidParameterValueException(
        f"Unzipped size must be smaller than {UNZIPPED_MAX} bytes"
    )
    return error


def check_zip(data: bytes) -> None:
    """Read every entry (checking CRCs) but stop as soon as 250 MB come out: no zip bomb."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > UNZIPPED_MAX:
            raise _unzipped_too_large()
        total = 0
        for info in archive.infolist():
            with archive.open(info) as entry:
                total = _drain(entry, total, None)


def extract(data: bytes, target: Any) -> None:
    """Unpack ``data`` into ``target``, stopping at 250 MB written (whatever the zip claims)."""
    import os
    from pathlib import Path

    root = Path(target)
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            name = os.path.normpath(info.filename.replace("\\", "/")).lstrip("/")
            if name.startswith("..") or os.path.isabs(name):
                continue
            path = root / name
            if info.is_dir():
                path.mkdir(parents=True, exist_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as entry, open(path, "wb") as sink:
                total = _drain(entry, total, sink)
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                os.chmod(path, mode | 0o600)


def _drain(entry: IO[bytes], total: int, sink: IO[bytes] | None) -> int:
    while chunk := entry.read(1 << 20):
        total += len(chunk)
        if total > UNZIPPED_MAX:
            raise _unzipped_too_large()
        if sink is not None:
            sink.write(chunk)
    return total


def _checked(method: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return method(self, *args, **kwargs)

    return wrapper


def _create(spec: dict[str, Any]) -> None:
    check_name(spec.get("FunctionName"))
    check_runtime(spec.get("Runtime"))
    _config(spec)
    check_zip_b64((spec.get("Code") or {}).get("ZipFile"), "CreateFunction")


def _config(body: dict[str, Any]) -> None:
    _check_range(body.get("Timeout"), "timeout", TIMEOUT_RANGE)
    _check_range(body.get("MemorySize"), "memorySize", MEMORY_RANGE)
    check_environment(body.get("Environment"))


def _update_config(function_name: str, qualifier: Any, body: dict[str, Any]) -> None:
    if body.get("Runtime") is not None:
        check_runtime(body["Runtime"])
    _config(body)


def _update_code(function_name: str, qualifier: Any, body: dict[str, Any]) -> None:
    check_zip_b64(body.get("ZipFile"), "UpdateFunctionCode")


def _alias(*args: Any, **kwargs: Any) -> None:
    check_alias_name(kwargs.get("name", args[0] if args else None))


def _layer(spec: dict[str, Any]) -> None:
    check_layer_name(spec.get("LayerName"))


SEAMS: dict[str, Callable[..., None]] = {
    "create_function": _create,
    "create_alias": _alias,
    "publish_layer_version": _layer,
    "update_function_configuration": _update_config,
    "update_function_code": _update_code,
}


def _deleting(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def delete_function(self: Any, function_name: str, qualifier: Any = None) -> Any:
        result = method(self, function_name, qualifier)
        if qualifier is None:
            from courseware.cloud.lambda_rt.code import forget

            forget(str(function_name).rsplit(":", 1)[-1])
        return result

    return delete_function


def install() -> None:
    """Wrap moto's Lambda backend methods with the checks (idempotent)."""
    from moto.awslambda.models import LambdaBackend

    for name, check in SEAMS.items():
        if name in _original:
            continue
        _original[name] = getattr(LambdaBackend, name)
        setattr(LambdaBackend, name, _checked(_original[name], check))
    if "delete_function" not in _original:
        _original["delete_function"] = LambdaBackend.delete_function
        LambdaBackend.delete_function = _deleting(_original["delete_function"])


def started(endpoint: Any) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
