"""The cloud's own health: requests answered and server errors, at ``GET /_courseware/health``.

Every request through the cloud is counted with its status class, and a 5xx (or an exception
that werkzeug turns into one) is kept with what was asked, so a soak run, a classroom's
instructor or a bug report can say "no request failed" with a figure rather than a feeling.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from typing import Any

from courseware.cloud.endpoint import Endpoint

PATH = "/_courseware/health"
_lock = threading.Lock()
_counts = {"requests": 0, "server_errors": 0}
_last: list[str] = []  # the newest server errors, what was asked and the status


def snapshot() -> dict[str, Any]:
    """The counters and the last server errors (at most five)."""
    with _lock:
        return {**_counts, "last_server_errors": list(_last)}


def _count(environ: dict[str, Any], status: str) -> None:
    with _lock:
        _counts["requests"] += 1
        if status[:1] == "5":
            _counts["server_errors"] += 1
            target = environ.get("HTTP_X_AMZ_TARGET") or environ.get("PATH_INFO", "")
            _last[:] = [*_last[-4:], f"{environ.get('REQUEST_METHOD')} {target}: {status}"]


def wrap_app(app: Any) -> Any:
    """Count what ``app`` answers; serve ``GET /_courseware/health``."""

    def route(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == PATH and environ.get("REQUEST_METHOD") == "GET":
            body = json.dumps(snapshot()).encode()
            start_response(
                "200 OK",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]

        def counted(status: str, headers: Any, exc_info: Any = None) -> Any:
            _count(environ, status)
            return start_response(status, headers, exc_info)

        try:
            return app(environ, counted)  # type: ignore[no-any-return]
        except Exception:
            _count(environ, "500 exception")
            raise

    return route


def install() -> None:
    """Nothing to patch: the counters sit in front of every route."""


def started(endpoint: Endpoint) -> None:
    """Start counting afresh for this cloud."""
    with _lock:
        _counts.update(requests=0, server_errors=0)
        _last.clear()


def stopping() -> None:
    """Nothing to release."""
