"""What ``cloud/keep_alive.py`` relies on in werkzeug's server; fails loudly if an upgrade moves it."""

from __future__ import annotations

import inspect
from http.server import BaseHTTPRequestHandler
from typing import Any

from werkzeug.serving import WSGIRequestHandler

from courseware.cloud.keep_alive import KeepAliveHandler


def test_werkzeug_still_closes_every_connection_and_discards_through_rfile() -> None:
    source = inspect.getsource(WSGIRequestHandler.run_wsgi)
    # the header we drop when keeping a connection is safe
    assert 'self.send_header("Connection", "close")' in source
    # the after-response discard reads self.rfile, which we swap for a stand-in
    assert "self.rfile.read(" in source
    assert '"wsgi.input": self.rfile' in inspect.getsource(WSGIRequestHandler.make_environ)


def test_our_handler_overrides_the_seams() -> None:
    for name in ("setup", "make_environ", "run_wsgi", "send_header"):
        assert name in vars(KeepAliveHandler), name


def test_an_idle_kept_connection_closing_is_not_reported(monkeypatch: Any) -> None:
    # http.server reports a read that timed out this way; for a kept connection it is normal.
    assert '"Request timed out: %r"' in inspect.getsource(BaseHTTPRequestHandler.handle_one_request)
    said: list[str] = []
    monkeypatch.setattr(WSGIRequestHandler, "log_error", lambda self, f, *a: said.append(f % a))
    handler = object.__new__(KeepAliveHandler)
    handler.log_error("Request timed out: %r", TimeoutError("timed out"))
    handler.log_error("something else: %s", "x")
    assert said == ["something else: x"]
