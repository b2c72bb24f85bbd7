"""Lifecycle of the embedded cloud: moto's server on loopback, in a thread.

We build the WSGI server ourselves (rather than moto's ``ThreadedMotoServer``)
so that a busy port raises :class:`PortInUseError` in the caller instead of
hanging in a background thread, and so it can only ever bind to loopback.
"""

from __future__ import annotations

import errno
import logging
import os
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from courseware.cloud import guard
from courseware.cloud.endpoint import (
    DEFAULT_PORT,
    LOOPBACK,
    Endpoint,
    is_loopback,
    register_secret,
)
from courseware.cloud.lambda_rt import relay
from courseware.cloud.lambda_rt.sandbox import status as handler_isolation

__all__ = ["CloudError", "EmbeddedCloud", "PortInUseError", "handler_isolation"]


class CloudError(Exception):
    """The embedded cloud could not start."""


class StateCorruptError(CloudError):
    """The saved state folder cannot be loaded."""

    def __init__(self, folder: Path, detail: str) -> None:
        super().__init__(
            f"the saved cloud state in {folder} cannot be loaded: {detail}. Nothing was deleted. "
            "Start with --fresh to move it aside and begin with an empty cloud, "
            "or run `courseware cloud reset` to delete it"
        )
        self.folder = folder


class PortInUseError(CloudError):
    """The requested port is taken by another program."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__(
            f"port {port} on {host} is already in use; "
            "stop the other program or pass --port 0 to pick a free port"
        )
        self.host = host
        self.port = port


def configure_moto() -> None:
    """Set moto's process-wide options before it serves a request."""
    from moto.core.config import default_user_config

    default_user_config["stepfunctions"] = {"execute_state_machine": True}
    default_user_config["iam"] = {"load_aws_managed_policies": True}
    default_user_config["lambda"] = {"use_docker": True}


_running: list[EmbeddedCloud] = []  # at most one per process: moto's backends are process-wide


class EmbeddedCloud:
    """moto's server on 127.0.0.1 with courseware's Lambda runtime plugged in.

    Use as a context manager or call :meth:`start` / :meth:`stop`.
    """

    def __init__(
        self, port: int = DEFAULT_PORT, host: str = LOOPBACK, state_dir: Path | None = None
    ) -> None:
        if not is_loopback(host):
            raise CloudError(f"refusing to listen on {host}: the cloud listens on loopback only")
        self._host = host
        self._port = port
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self.started_in: float = 0.0
        self.state_dir = state_dir
        self._keeper: Any = None
        self.secret = guard.new_secret()  # for /moto-api; never given to handlers
        self._hosts: set[str] = set()

    @property
    def endpoint(self) -> Endpoint:
        """The address the server listens on (the real port once started)."""
        if self._server is None:
            return Endpoint(self._host, self._port)
        host, port = self._server.server_address[:2]
        return Endpoint(str(host), int(port))

    @property
    def running(self) -> bool:
        """True between start() and stop()."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> Endpoint:
        """Bind, then serve in a daemon thread.

        Raises:
            PortInUseError: the port is taken.
            CloudError: anything else stopped the server from binding.
        """
        if _running:
            raise CloudError(
                f"an embedded cloud already runs in this process at {_running[0].endpoint.url}; "
                "moto keeps one set of resources per process, so use that one"
            )
        began = time.perf_counter()
        configure_moto()
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import make_server

        from courseware.cloud import plugins
        from courseware.cloud.backend_lookup import cache_backend_lookup
        from courseware.cloud.keep_alive import KeepAliveHandler

        plugins.install_all()
        # Request lines on stderr would scribble over the app's screen.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        dispatcher = DomainDispatcherApplication(create_backend_app)
        cache_backend_lookup(dispatcher)
        app: Any = dispatcher
        if self.state_dir is not None:
            app = self._with_state(app, self.state_dir)
        app = plugins.wrap_app(app)  # plugin routes are never journaled
        app = guard.wrap(app, self._hosts, self.secret)  # outermost: the front door
        try:
            self._server = make_server(
                self._host, self._port, app, threaded=True, request_handler=KeepAliveHandler
            )
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUseError(self._host, self._port) from None
            raise CloudError(f"cannot listen on {self._host}:{self._port}: {exc}") from None
        except SystemExit:  # werkzeug exits when the port is taken on some platforms
            raise PortInUseError(self._host, self._port) from None
        self._hosts.update(guard.hosts_for(self.endpoint.host, self.endpoint.port))
        register_secret(self.endpoint, self.secret)
        self._thread = threading.Thread(target=self._serve, name="courseware-cloud", daemon=True)
        self._thread.start()
        relay.start(self._server)  # boxed handlers' only way in (no network of their own)
        _running.append(self)
        # moto's Step Functions interpreter calls Lambda at localhost:$MOTO_PORT.
        os.environ["MOTO_PORT"] = str(self.endpoint.port)
        plugins.started(self.endpoint)
        if self._keeper is not None:
            self._keeper.start()
        self.started_in = time.perf_counter() - began
        return self.endpoint

    def _serve(self) -> None:
        """Serve until stopped; a short poll so ``stop()`` (and quitting the app) is quick."""
        assert self._server is not None
        self._server.serve_forever(poll_interval=0.05)

    def stop(self) -> None:
        """Stop serving and shut down Lambda workers and pollers."""
        from courseware.cloud import plugins

        if self in _running:
            _running.remove(self)
        relay.stop()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._keeper is not None:  # first: what stops half done is journaled and reruns
            self._keeper.stop()
            self._keeper = None
        plugins.stopping()
        self._server = None
        self._thread = None

    def _with_state(self, app: Any, folder: Path) -> Any:
        """Restore the state folder (snapshot + journal), and journal the app's changes."""
        from courseware.cloud.state.store import StateError, StateKeeper

        keeper = StateKeeper(folder)
        try:
            keeper.load(app)
        except StateError as exc:
            raise StateCorruptError(folder, str(exc)) from None
        self._keeper = keeper
        return keeper.wrap(app)

    def save_status(self) -> str | None:
        """None while every change is saved; otherwise what fails and what is at risk."""
        return None if self._keeper is None else self._keeper.status()

    def __enter__(self) -> EmbeddedCloud:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
