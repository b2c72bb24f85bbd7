"""Whether the cloud enforces IAM for handlers: on unless ``COURSEWARE_IAM=off``.

The cloud answers ``GET /_courseware/iam`` with its mode, so an app sharing a cloud that
another process runs (``courseware cloud --iam off``) shows the mode that cloud really has.
"""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Any

from courseware.cloud.endpoint import Endpoint

ENV = "COURSEWARE_IAM"
PATH = "/_courseware/iam"


def enforced() -> bool:
    """True unless enforcement was turned off (``courseware cloud --iam off`` sets the variable)."""
    return os.environ.get(ENV, "on").strip().lower() not in {"off", "0", "false", "no"}


def set_enforced(on: bool) -> None:
    """Turn enforcement on or off for the cloud this process runs (takes effect at once)."""
    os.environ[ENV] = "on" if on else "off"


def describe(on: bool) -> str:
    """The mode as the app shows it."""
    return "IAM enforced" if on else "IAM off (handlers may do anything)"


def cloud_enforces(endpoint: Endpoint, timeout: float = 5.0) -> bool | None:
    """Whether the cloud at ``endpoint`` enforces IAM; None if it does not say (older cloud)."""
    try:
        with urllib.request.urlopen(endpoint.url + PATH, timeout=timeout) as reply:
            return bool(json.loads(reply.read())["enforced"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def wrap_app(app: Any) -> Any:
    """Serve ``GET /_courseware/iam`` in front of ``app``."""

    def route(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == PATH and environ.get("REQUEST_METHOD") == "GET":
            body = json.dumps({"enforced": enforced()}).encode()
            start_response(
                "200 OK",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return app(environ, start_response)

    return route


def install() -> None:
    """Nothing to patch: the mode is read on every call."""


def started(endpoint: Endpoint) -> None:
    """Nothing to do when the cloud listens."""


def stopping() -> None:
    """Nothing to release."""
