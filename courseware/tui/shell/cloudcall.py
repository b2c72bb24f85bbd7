"""Calling the embedded cloud from the UI: boto3 over HTTP, off the UI thread.

Screens never touch moto; they call AWS APIs like any other client would.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from courseware.cloud.endpoint import Endpoint, client

READ_ONLY_PREFIXES = (
    "list_",
    "get_",
    "describe_",
    "scan",
    "query",
    "filter_",
    "head_",
    "validate_",
)


class CloudCallError(Exception):
    """An AWS call failed; the message is what the learner should read."""


def describe_error(exc: BaseException) -> str:
    """``Code: message`` for a botocore error, else the exception's text."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        error = response.get("Error", {})
        code, message = error.get("Code", ""), error.get("Message", "")
        if code or message:
            return f"{code}: {message}".strip(": ")
    return str(exc) or type(exc).__name__


class CloudClients:
    """One boto3 client per service, created on first use (thread-safe)."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self._clients: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, service: str) -> Any:
        """The client for ``service``."""
        with self._lock:
            if service not in self._clients:
                self._clients[service] = client(service, self.endpoint)
            return self._clients[service]

    def call_sync(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """Make one call; blocks, so only from a worker thread.

        Raises:
            CloudCallError: the call failed (message names the AWS error code).
        """
        try:
            result: dict[str, Any] = getattr(self.get(service), operation)(**params)
        except Exception as exc:  # botocore raises many types; the learner needs the text
            raise CloudCallError(describe_error(exc)) from exc
        result.pop("ResponseMetadata", None)
        return result

    async def call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        """Make one call in a thread so the UI keeps painting."""
        return await asyncio.to_thread(self.call_sync, service, operation, **params)


def is_mutation(operation: str) -> bool:
    """Whether an operation may change cloud state (so checks should run again)."""
    return not operation.startswith(READ_ONLY_PREFIXES)
