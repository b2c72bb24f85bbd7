"""A loopback stand-in for the X-Ray daemon: SDK segments sent over UDP become stored segments.

The X-Ray SDKs send each segment or subsegment as one UDP datagram to
``AWS_XRAY_DAEMON_ADDRESS``: a header line ``{"format": "json", "version": 1}``, a newline,
then the segment document. Handlers get this daemon's address in their environment.
"""

from __future__ import annotations

import socket
import threading

from courseware.cloud.endpoint import LOOPBACK
from courseware.cloud.xray import segments

_MAX_DATAGRAM = 65535
_state: dict[str, object] = {}
_lock = threading.Lock()


def handle(datagram: bytes) -> bool:
    """Store the segment in one daemon datagram; False when it is not one."""
    head, sep, body = datagram.partition(b"\n")
    if not sep or b'"format"' not in head:
        return False
    return segments.put(body.decode("utf-8", "replace"))


def _serve(sock: socket.socket, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            datagram = sock.recv(_MAX_DATAGRAM)
        except TimeoutError:
            continue
        except OSError:
            return
        handle(datagram)


def start() -> str:
    """Listen on a free loopback UDP port (once); the ``host:port`` address."""
    with _lock:
        if "address" in _state:
            return str(_state["address"])
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((LOOPBACK, 0))
        sock.settimeout(0.5)
        stop = threading.Event()
        thread = threading.Thread(target=_serve, args=(sock, stop), name="xray-daemon", daemon=True)
        thread.start()
        port = sock.getsockname()[1]
        _state.update(address=f"{LOOPBACK}:{port}", sock=sock, stop=stop, thread=thread)
        return str(_state["address"])


def stop() -> None:
    """Stop listening."""
    with _lock:
        stop_event, sock, thread = (_state.pop(k, None) for k in ("stop", "sock", "thread"))
        _state.pop("address", None)
    if isinstance(stop_event, threading.Event):
        stop_event.set()
    if isinstance(thread, threading.Thread):
        thread.join(timeout=2)
    if isinstance(sock, socket.socket):
        sock.close()


def handler_env() -> dict[str, str]:
    """The variables Lambda sets for the X-Ray SDK: the daemon address, context-missing mode."""
    address = _state.get("address")
    if address is None:
        return {}
    host, _, port = str(address).partition(":")
    return {
        "AWS_XRAY_DAEMON_ADDRESS": str(address),
        "_AWS_XRAY_DAEMON_ADDRESS": host,
        "_AWS_XRAY_DAEMON_PORT": port,
        "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
    }
