"""The network relay inside a handler's box (see courseware/cloud/lambda_rt/relay.py).

Standard library only, imported by bootstrap.py from its own folder. The box has no network
of its own: the emulator's port and the X-Ray daemon's UDP address are served on its loopback
and relayed to the cloud's Unix sockets.
"""

import contextlib
import os
import select
import socket
import struct
import threading

_HEADER = struct.Struct(">I")


def _pump(src, dst):
    """Copy one direction of a relayed connection; pass on its end."""
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    for sock, how in ((dst, socket.SHUT_WR), (src, socket.SHUT_RD)):
        with contextlib.suppress(OSError):
            sock.shutdown(how)


def _relay_connection(conn, target):
    link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        link.connect(target)
    except OSError:
        conn.close()
        link.close()
        return
    back = threading.Thread(target=_pump, args=(link, conn), daemon=True)
    back.start()
    _pump(conn, link)
    back.join()
    conn.close()
    link.close()


def _serve_tcp(listener, target):
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=_relay_connection, args=(conn, target), daemon=True).start()


class XrayRelay:
    """Forwards X-Ray datagrams from the box's UDP port to the daemon's Unix socket.

    A thread forwards as they come; :meth:`drain` forwards what is left before the worker
    reports a result (it is frozen right after, with its relay thread).
    """

    def __init__(self, sock, target):
        self._sock = sock
        self._target = target
        self._link = None
        self._lock = threading.Lock()

    def _forward_pending(self):
        while True:
            try:
                datagram = self._sock.recv(65535, socket.MSG_DONTWAIT)
            except OSError:
                return
            try:
                if self._link is None:
                    self._link = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    self._link.connect(self._target)
                self._link.sendall(_HEADER.pack(len(datagram)) + datagram)
            except OSError:
                self._link = None  # the daemon is gone; X-Ray drops what it cannot send too

    def serve(self):
        while True:
            try:
                select.select([self._sock], [], [])
            except (OSError, ValueError):
                return
            self.drain()

    def drain(self):
        with self._lock:
            self._forward_pending()


_xray_relay = None


def start_net_relay():
    """In a box without network: serve the emulator's port and the X-Ray address on loopback.

    Each TCP connection is relayed to the cloud's Unix socket, each X-Ray datagram to its
    daemon's (see courseware/cloud/lambda_rt/relay.py). No-op outside the box.
    """
    folder = os.environ.pop("COURSEWARE_NET_RELAY", "")
    if not folder:
        return
    from urllib.parse import urlsplit

    port = urlsplit(os.environ.get("AWS_ENDPOINT_URL", "")).port
    if port:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(128)
        target = os.path.join(folder, "cloud.sock")
        threading.Thread(target=_serve_tcp, args=(listener, target), daemon=True).start()
    host, _, xray_port = os.environ.get("AWS_XRAY_DAEMON_ADDRESS", "").rpartition(":")
    if host and xray_port.isdigit():
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind((host, int(xray_port)))
        global _xray_relay
        _xray_relay = XrayRelay(udp, os.path.join(folder, "xray.sock"))
        threading.Thread(target=_xray_relay.serve, daemon=True).start()


def drain_net_relay():
    """Pass on the X-Ray datagrams still queued (before a result, as the worker freezes next)."""
    if _xray_relay is not None:
        _xray_relay.drain()
