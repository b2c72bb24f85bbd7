"""What ``cloud/keep_alive.py`` relies on in werkzeug's server; fails loudly if an upgrade moves it."""

from __future__ import annotations

import inspect

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
