"""The cloud's side of the handlers' network relay: a Unix socket into the real WSGI server."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Any

from werkzeug.serving import make_server

from courseware.cloud.lambda_rt import relay, sandbox


def _app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"{environ['REMOTE_ADDR']} {environ['HTTP_HOST']}".encode()]


def test_a_unix_connection_is_served_by_the_clouds_own_wsgi_server() -> None:
    # The seam: socketserver's process_request(request, client_address) on werkzeug's server.
    server = make_server("127.0.0.1", 0, _app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    link = relay.Relay(server)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(30)
            conn.connect(str(link.dir / relay.HTTP_SOCKET))
            conn.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:4566\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := conn.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 200")
        assert b"\r\n127.0.0.1 127.0.0.1:4566\r\n" in answer
    finally:
        link.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert not link.dir.exists()


def test_the_box_has_no_network_but_the_relay_folder(tmp_path: Path) -> None:
    started = relay.folder() is None  # else a cloud runs in this process: use its relay
    if started:
        relay.start(object())
    try:
        folder = relay.folder()
        argv, env = sandbox.wrap(["/usr/bin/python3", "x.py"], tmp_path / "c", tmp_path / "s")
        if sandbox.status().isolated:
            assert folder is not None
            assert "--unshare-net" in argv
            bound = argv.index(str(folder))
            assert argv[bound - 1 : bound + 2] == ["--ro-bind", str(folder), relay.INSIDE]
            assert env[relay.ENV] == relay.INSIDE
        else:
            assert relay.ENV not in env
    finally:
        if started:
            relay.stop()
            assert relay.folder() is None
