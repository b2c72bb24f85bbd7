"""Patch a moto service on its first request, not at cloud start.

Some seams need modules that are slow to import: moto's CloudFormation parser imports nearly
every service (4 s on a loaded 2-core machine) and its Step Functions interpreter imports Batch
and EC2 (over 1 s). Plugins register those patches with :func:`when_first_used`; the WSGI
wrapper :func:`wrap_app` runs them, once and under a lock, just before the first request for
that service reaches moto. A request's service is read the way moto routes it: the SigV4
credential scope (``…/us-east-1/cloudformation/aws4_request``) or, failing that, the JSON
protocol's ``X-Amz-Target`` prefix.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from typing import Any

from courseware.cloud.endpoint import Endpoint

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

_SCOPE = re.compile(r"Credential=[^/]+/\d{8}/[^/]+/([^/]+)/aws4_request")
_TARGETS = {"AWSStepFunctions": "states"}  # X-Amz-Target prefix -> signing name
_lock = threading.Lock()
_pending: dict[str, list[Callable[[], None]]] = {}
_done: set[str] = set()


def service_of(environ: dict[str, Any]) -> str | None:
    """The signing name of the service a request is for (``states``, ``cloudformation``)."""
    match = _SCOPE.search(str(environ.get("HTTP_AUTHORIZATION", "")))
    if match:
        return match.group(1)
    target = str(environ.get("HTTP_X_AMZ_TARGET", ""))
    return _TARGETS.get(target.partition(".")[0]) if target else None


def when_first_used(service: str, patch: Callable[[], None]) -> None:
    """Run ``patch`` before the first request for ``service`` (at once, if one came already)."""
    with _lock:
        if service not in _done:
            _pending.setdefault(service, []).append(patch)
            return
    patch()


def first_use(service: str) -> None:
    """Run what waits for ``service`` (idempotent, thread-safe)."""
    if service in _done:
        return
    with _lock:
        if service in _done:
            return
        for patch in _pending.pop(service, []):
            patch()
        _done.add(service)


def wrap_app(app: WsgiApp) -> WsgiApp:
    """Run a service's deferred patches just before its first request reaches moto."""

    def lazy(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if _pending:
            service = service_of(environ)
            if service is not None and service in _pending:
                first_use(service)
        return app(environ, start_response)

    return lazy


def install() -> None:
    """Nothing to patch: plugins register their patches with :func:`when_first_used`."""


def started(endpoint: Endpoint) -> None:
    """Nothing to start."""


def stopping() -> None:
    """Nothing to stop."""
