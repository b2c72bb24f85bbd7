"""The incoming HTTP request and the outgoing response, independent of WSGI details."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, unquote

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


@dataclass
class Request:
    """One request to an API stage or a function URL."""

    method: str
    path: str  # decoded, after the stage (REST) or the host
    raw_path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes
    source_ip: str
    epoch_ms: int = field(default_factory=lambda: int(time.time() * 1000))

    def header(self, name: str) -> str | None:
        """The first header of that name (case-insensitive)."""
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)

    def query_pairs(self) -> list[tuple[str, str]]:
        """The query string as (name, value) pairs, in order."""
        return parse_qsl(self.query, keep_blank_values=True)


@dataclass
class Response:
    """What the gateway answers."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def send(self, start_response: StartResponse) -> list[bytes]:
        """Answer through WSGI."""
        hop = {"content-length", "transfer-encoding", "connection", "keep-alive"}
        headers = [(k, v) for k, v in self.headers if k.lower() not in hop]
        headers.append(("Content-Length", str(len(self.body))))
        try:
            reason = HTTPStatus(self.status).phrase
        except ValueError:
            reason = "Status"
        start_response(f"{self.status} {reason}", headers)
        return [self.body]


def from_environ(environ: dict[str, Any], raw_path: str) -> Request:
    """Read a WSGI request; ``raw_path`` is the part of the path the API sees."""
    headers = []
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers.append((key[5:].replace("_", "-").title(), str(value)))
    if environ.get("CONTENT_TYPE"):
        headers.append(("Content-Type", str(environ["CONTENT_TYPE"])))
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    return Request(
        method=str(environ.get("REQUEST_METHOD", "GET")).upper(),
        path=unquote(raw_path) or "/",
        raw_path=raw_path or "/",
        query=str(environ.get("QUERY_STRING", "")),
        headers=headers,
        body=body,
        source_ip=str(environ.get("REMOTE_ADDR", "127.0.0.1")),
    )


def json_response(
    status: int, payload: str, extra: list[tuple[str, str]] | None = None
) -> Response:
    """An API Gateway style error answer (``{"message": ...}``)."""
    body = json.dumps({"message": payload}, separators=(",", ":")).encode()
    headers = [("Content-Type", "application/json"), *(extra or [])]
    return Response(status, headers, body)
