"""The handlers' only way out of their network namespace: two Unix sockets into the cloud.

A boxed worker has a private network namespace with nothing but loopback (no outbound
internet). The cloud listens on two Unix sockets in a private folder bound read-only into the
box at :data:`INSIDE`: ``cloud.sock`` (HTTP: each connection is handed to the cloud's own
WSGI server, as if it had come in on the TCP port) and ``xray.sock`` (X-Ray daemon
datagrams, each framed with a 4-byte length). The worker bootstrap listens on
``127.0.0.1:<emulator port>`` and the X-Ray UDP address inside the box and relays to them, so
handlers keep using ``AWS_ENDPOINT_URL`` and ``AWS_XRAY_DAEMON_ADDRESS`` unchanged.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import struct
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from courseware.cloud.endpoint import LOOPBACK
from courseware.cloud.xray import daemon

INSIDE = "/run/courseware"  # the folder as the box sees it
HTTP_SOCKET = "cloud.sock"
XRAY_SOCKET = "xray.sock"
ENV = "COURSEWARE_NET_RELAY"  # tells the bootstrap where the sockets are
_HEADER = struct.Struct(">I")
_MAX_DATAGRAM = 65535
_current: list[Relay] = []  # the running cloud's relay (one cloud per process)
_lock = threading.Lock()


def folder() -> Path | None:
    """The host folder holding the sockets, while the relay runs."""
    return _current[0].dir if _current else None


def _listen(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.listen(128)
    sock.settimeout(0.5)
    return sock


def _accept(
    sock: socket.socket, stop: threading.Event, take: Callable[[socket.socket], None]
) -> None:
    while not stop.is_set():
        try:
            conn, _ = sock.accept()
        except TimeoutError:
            continue
        except OSError:
            return
        conn.settimeout(None)
        take(conn)


def _read_exact(conn: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        chunk = conn.recv(size)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _xray_frames(conn: socket.socket) -> None:
    """Store each framed datagram of one worker's X-Ray link until it closes."""
    with conn:
        try:
            while True:
                (size,) = _HEADER.unpack(_read_exact(conn, _HEADER.size))
                if size > _MAX_DATAGRAM:
                    return
                daemon.handle(_read_exact(conn, size))
        except (EOFError, OSError):
            return


def _xray_link(conn: socket.socket) -> None:
    threading.Thread(target=_xray_frames, args=(conn,), name="xray-link", daemon=True).start()


class Relay:
    """The two listening sockets, in a fresh private folder, serving ``server``."""

    def __init__(self, server: Any) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="courseware-net-", dir="/tmp"))
        self._stop = threading.Event()

        def http(conn: socket.socket) -> None:
            server.process_request(conn, (LOOPBACK, 0))

        self._listeners = [_listen(self.dir / HTTP_SOCKET), _listen(self.dir / XRAY_SOCKET)]
        for sock, take in zip(self._listeners, (http, _xray_link), strict=True):
            args = (sock, self._stop, take)
            name = f"net-relay-{Path(sock.getsockname()).name}"
            threading.Thread(target=_accept, args=args, name=name, daemon=True).start()

    def close(self) -> None:
        """Stop listening and remove the folder."""
        self._stop.set()
        for sock in self._listeners:
            with contextlib.suppress(OSError):
                sock.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def start(server: Any) -> Path | None:
    """Open the cloud's relay (once); ``server`` is its socketserver-style WSGI server.

    Only on Linux, the one platform whose handlers get a box (elsewhere: None).
    """
    if not sys.platform.startswith("linux"):
        return None
    with _lock:
        if _current:
            return _current[0].dir
        _current.append(Relay(server))
        return _current[0].dir


def stop() -> None:
    """Close the cloud's relay."""
    with _lock:
        current = _current.copy()
        _current.clear()
    for link in current:
        link.close()
