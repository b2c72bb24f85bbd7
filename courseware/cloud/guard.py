"""The cloud's front door: only this machine's own clients get in.

* ``Host`` must name the bound loopback address and port (or ``localhost``): a page that
  rebinds its DNS name to 127.0.0.1 sends its own name and is refused (DNS rebinding).
* A browser request (one with ``Origin``, or ``Sec-Fetch-Site`` other than ``none``/
  ``same-origin``) is refused unless its origin is the app's own web mode
  (``courseware serve``); preflights get no permissive CORS answer, and CORS headers moto
  would add are stripped for every other origin.
* ``/moto-api/*`` (reset, dashboard, seeding) needs the per-run secret header that only the
  cloud's own process and its address file (0600, in the data dir, outside the handlers'
  sandbox) hold.

:data:`BROWSER_PATHS` and :data:`BROWSER_HOSTS` list the data-plane routes a browser may call
cross-origin (API Gateway stages and function URLs, path- and host-style), which keep their
own CORS headers; extend them there.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from typing import Any

_ENVIRON_KEY = "HTTP_X_COURSEWARE_SECRET"
# The data planes a web page may call, as it may call API Gateway and function URLs on AWS
# (they are the learner's own public endpoints, and answer with the API's own CORS headers).
BROWSER_PATHS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^/restapis/[^/]+/[^/]+/_user_request_/"),
    re.compile(r"^/_courseware/lambda-url/"),
)
BROWSER_HOSTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^[a-z0-9]+\.execute-api\.localhost(:\d+)?$"),
    re.compile(r"^[a-z0-9]+\.lambda-url\.[a-z0-9-]+\.localhost(:\d+)?$"),
)
_SAFE_FETCH_SITES = {"", "none", "same-origin"}
_allowed_origins: set[str] = set()

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def new_secret() -> str:
    """A fresh per-run secret for ``/moto-api``."""
    return secrets.token_urlsafe(32)


def allow_origin(origin: str) -> None:
    """Let the app's own web mode (e.g. ``http://127.0.0.1:8000``) call the cloud."""
    _allowed_origins.add(origin.rstrip("/"))


def _refuse(start_response: StartResponse, why: str) -> list[bytes]:
    body = f"courseware cloud: refused: {why}\n".encode()
    start_response(
        "403 Forbidden",
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]


def is_data_plane(environ: dict[str, Any]) -> bool:
    """Whether a request is for an API Gateway stage or a function URL (path- or host-style)."""
    path = str(environ.get("PATH_INFO", ""))
    host = str(environ.get("HTTP_HOST", "")).lower()
    return any(p.match(path) for p in BROWSER_PATHS) or any(h.match(host) for h in BROWSER_HOSTS)


def why_refused(environ: dict[str, Any], hosts: set[str], secret: str) -> str:
    """Why this request may not reach the cloud, or ``""``."""
    host = str(environ.get("HTTP_HOST", "")).lower()
    if host not in hosts and not any(host.endswith("." + h) for h in hosts if "localhost" in h):
        return f"Host {host!r} is not this cloud's address (requests must come from this machine)"
    path = str(environ.get("PATH_INFO", ""))
    origin = str(environ.get("HTTP_ORIGIN", "")).rstrip("/")
    site = str(environ.get("HTTP_SEC_FETCH_SITE", "")).lower()
    browser_ok = is_data_plane(environ)
    if not browser_ok and origin and origin not in _allowed_origins:
        return f"requests from web pages ({origin}) may not call the embedded cloud"
    if not browser_ok and not origin and site not in _SAFE_FETCH_SITES:
        return "cross-site browser requests may not call the embedded cloud"
    if path.startswith("/moto-api") and not secrets.compare_digest(
        str(environ.get(_ENVIRON_KEY, "")), secret
    ):
        return "/moto-api is for courseware itself (its per-run secret is missing or wrong)"
    return ""


def wrap(app: WsgiApp, hosts: set[str], secret: str) -> WsgiApp:
    """``app`` behind the guard, for a cloud reachable at ``hosts`` (``host:port`` strings).

    ``hosts`` is read on every request, so the caller may fill it in once the port is bound.
    """

    def guarded(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        why = why_refused(environ, hosts, secret)
        if why:
            return _refuse(start_response, why)
        origin = str(environ.get("HTTP_ORIGIN", "")).rstrip("/")
        if origin in _allowed_origins or is_data_plane(environ):
            return app(environ, start_response)

        def no_cors(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            kept = [(k, v) for k, v in headers if not k.lower().startswith("access-control-")]
            return start_response(status, kept, *rest)

        return app(environ, no_cors)

    return guarded


def hosts_for(host: str, port: int) -> set[str]:
    """The ``Host`` values a cloud bound to ``host:port`` accepts."""
    bound = f"[{host}]" if ":" in host else host
    return {f"{bound}:{port}".lower(), f"localhost:{port}"}
