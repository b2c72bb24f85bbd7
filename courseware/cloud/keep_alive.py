"""HTTP keep-alive for the cloud's server: one connection (and thread) per client, not per call.

Werkzeug's development server ends every response with ``Connection: close``, because Python's
``http.server`` cannot tell where an unread request body ends before the next request line, and
after each response it reads and drops whatever the client sent meanwhile (which would be the
next request). So each boto3 call paid a new TCP connection and a new server thread. Here the
request body is handed to the application through a reader that counts what is left of its
``Content-Length``; werkzeug's after-response discard reads from a stand-in that has nothing; the
rest of the body is read and dropped, and the connection stays open for the next request. A connection is still closed when keeping it would be unsafe or wasteful: an HTTP/1.0
client, a client that asked for ``Connection: close``, a chunked request body, or more than
:data:`MAX_DRAIN` unread bytes. An idle connection is closed after :data:`IDLE_SECONDS`.
``COURSEWARE_KEEP_ALIVE=0`` turns it off (the benchmark compares both).
"""

from __future__ import annotations

import io
import os
import selectors
import socket
from typing import Any

from moto.moto_server.werkzeug_app import MotoRequestHandler

MAX_DRAIN = 1 << 20  # unread body bytes worth reading to keep a connection
IDLE_SECONDS = 75.0  # a kept connection with no next request is closed


class _Body(io.RawIOBase):
    """A request body of known length over the connection's stream."""

    def __init__(self, stream: Any, length: int) -> None:
        self._stream = stream
        self.left = length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), self.left)
        if wanted <= 0:
            return 0
        data = self._stream.read(wanted)
        buffer[: len(data)] = data
        self.left -= len(data)
        if not data:
            self.left = 0  # the client went away mid-body
        return len(data)

    def drain(self) -> bool:
        """Read and drop what is left; False when that is too much to be worth it."""
        if self.left > MAX_DRAIN:
            return False
        while self.left > 0 and self.read(min(self.left, 65536)):
            pass
        return True


def enabled() -> bool:
    """Keep-alive is on unless ``COURSEWARE_KEEP_ALIVE`` is ``0``/``off``."""
    return os.environ.get("COURSEWARE_KEEP_ALIVE", "").strip().lower() not in {"0", "off"}


class _Nothing:
    """What werkzeug's after-response discard reads: nothing (the next request stays)."""

    def read(self, size: int = -1) -> bytes:
        return b""


class KeepAliveHandler(MotoRequestHandler):  # type: ignore[misc]  # moto is untyped
    """Moto's request handler, keeping HTTP/1.1 connections open between requests."""

    rfile: Any
    timeout = IDLE_SECONDS
    _body: _Body | None = None
    _stream: Any = None

    def setup(self) -> None:
        super().setup()
        # The headers and the body go out as two writes: on a kept connection Nagle's algorithm
        # would hold the body until the client's delayed ACK (40 ms). Unix sockets have no Nagle.
        if self.connection.family in (socket.AF_INET, socket.AF_INET6):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def make_environ(self) -> dict[str, Any]:
        stand_in, self.rfile = self.rfile, self._stream  # the environ reads the real stream
        try:
            environ: dict[str, Any] = super().make_environ()
        finally:
            self.rfile = stand_in
        self._body = None
        if not environ.get("wsgi.input_terminated"):  # not chunked: the length is known
            try:
                length = max(0, int(environ.get("CONTENT_LENGTH") or 0))
            except ValueError:
                length = -1
            if length >= 0:
                self._body = _Body(self._stream, length)
                environ["wsgi.input"] = self._body
        return environ

    def run_wsgi(self) -> None:
        self._body = None
        self._stream, self.rfile = self.rfile, _Nothing()
        try:
            super().run_wsgi()
        finally:
            self.rfile = self._stream
        body = self._body
        if body is None or not body.drain():
            self.close_connection = True
        if self.close_connection:
            self._discard()

    def _discard(self) -> None:
        """Before closing: drop what the client is still sending, as werkzeug does, so it sees
        the response rather than a reset connection (bounded: 1,000 reads)."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.connection, selectors.EVENT_READ)
            for _ in range(1000):
                if not selector.select(timeout=0.01) or not self.rfile.read1(1 << 20):
                    break

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "connection" and value.lower() == "close" and self._may_keep():
            return  # werkzeug closes every connection; this one is safe to keep
        super().send_header(keyword, value)

    def log_error(self, format: str, *args: Any) -> None:
        if format.startswith("Request timed out"):
            return  # a kept connection left idle for IDLE_SECONDS: closed, as intended
        super().log_error(format, *args)

    def _may_keep(self) -> bool:
        return (
            enabled()
            and self.request_version == "HTTP/1.1"
            and not self.close_connection  # the client did not ask to close
            and self._body is not None
            and self._body.left <= MAX_DRAIN
        )
