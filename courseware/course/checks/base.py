"""The check library's building blocks: results, the registry and the cloud context."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from courseware.cloud.endpoint import Credentials, Endpoint, client


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check, written for the learner."""

    passed: bool
    resource: str
    message: str
    expected: str = ""
    actual: str = ""


def ok(resource: str, message: str, expected: str = "", actual: str = "") -> CheckResult:
    """A passing result."""
    return CheckResult(True, resource, message, expected, actual or expected)


def fail(resource: str, message: str, expected: str, actual: str) -> CheckResult:
    """A failing result with expected vs actual."""
    return CheckResult(False, resource, message, expected, actual)


class Cloud:
    """boto3 clients for the running cloud, created on first use."""

    def __init__(self, endpoint: Endpoint, creds: Credentials | None = None) -> None:
        self.endpoint = endpoint
        self.creds = creds
        self._clients: dict[str, Any] = {}

    def __getattr__(self, service: str) -> Any:
        if service.startswith("_"):
            raise AttributeError(service)
        name = {"sfn": "stepfunctions", "lambda_": "lambda"}.get(service, service)
        if name not in self._clients:
            self._clients[name] = client(name, self.endpoint, self.creds)
        return self._clients[name]


@dataclass(frozen=True)
class Param:
    """A declared parameter of a check."""

    kind: type | tuple[type, ...]
    required: bool = True
    default: Any = None


@dataclass(frozen=True)
class CheckDef:
    """A registered check (or knowledge probe)."""

    name: str
    run: Callable[..., Any]
    params: dict[str, Param]
    doc: str = ""
    probe: bool = False
    numeric: bool = False
    empty: str = ""  # a probe's words for "the cloud shows nothing yet" ({param} filled in)


T = TypeVar("T")
CHECKS: dict[str, CheckDef] = {}
PROBES: dict[str, CheckDef] = {}


def _unique(registry: dict[str, CheckDef], fn: Callable[..., Any]) -> None:
    """Refuse a second check (or probe) of the same name: the later one would replace the first
    silently, and every lab using the first would run the wrong check."""
    found = registry.get(fn.__name__)
    if found is not None and found.run.__module__ != fn.__module__:
        raise ValueError(
            f"check {fn.__name__!r} is defined twice: in {found.run.__module__} and {fn.__module__}"
        )


def check(**params: Param) -> Callable[[Callable[..., CheckResult]], Callable[..., CheckResult]]:
    """Register a check under its function name with its declared parameters."""

    def register(fn: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
        _unique(CHECKS, fn)
        CHECKS[fn.__name__] = CheckDef(fn.__name__, fn, params, (fn.__doc__ or "").strip())
        return fn

    return register


def probe(
    numeric: bool = False, empty: str = "", **params: Param
) -> Callable[[Callable[..., list[str]]], Callable[..., list[str]]]:
    """Register a knowledge probe: returns the acceptable answers read from live state.

    ``empty`` says, in the learner's words, what is missing when it finds nothing.
    """

    def register(fn: Callable[..., list[str]]) -> Callable[..., list[str]]:
        _unique(PROBES, fn)
        PROBES[fn.__name__] = CheckDef(
            fn.__name__, fn, params, (fn.__doc__ or "").strip(), True, numeric, empty
        )
        return fn

    return register


def client_error_code(exc: Exception) -> str:
    """The AWS error code of a botocore ClientError (or '')."""
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


NOT_FOUND = {
    "ResourceNotFoundException",
    "NotFoundException",  # API Gateway
    "NoSuchEntity",
    "AWS.SimpleQueueService.NonExistentQueue",
    "QueueDoesNotExist",
}


def unless_missing(call: Callable[[], T]) -> T | None:
    """``call()``, or None when AWS answers that the resource does not exist."""
    try:
        return call()
    except Exception as exc:
        if client_error_code(exc) in NOT_FOUND:
            return None
        raise


def guarded(fn: Callable[..., CheckResult]) -> Callable[..., CheckResult]:
    """Turn unexpected errors (cloud unreachable…) into a failed result, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> CheckResult:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            return CheckResult(
                False, fn.__name__, f"could not check: {exc}", "", type(exc).__name__
            )

    return wrapper


RUNTIME_FAMILIES = {"python": "python3.", "node": "nodejs"}
