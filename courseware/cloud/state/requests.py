"""Which requests change state, and how a recorded request is replayed through the WSGI app.

* ``read``: GET/HEAD/OPTIONS and List*/Get*/Describe*/Query/Scan… actions. Never journaled,
  never wait for the disk, never trigger a save.
* ``effects``: requests whose durable effect is journaled by the code that does it, not by
  replaying the request: SQS message actions (ReceiveMessage changes receipt handles and
  visibility: see ``sqs_ops``) and Lambda ``Invoke`` (an Event invocation is journaled when
  accepted; a sync one runs the handler, whose own requests are journaled). They are not
  serialised; their records are synced before the answer.
* ``record``: everything else. Run under the state lock with a recorded random seed, and
  journaled (method, path, headers, body, seed) when the answer is 2xx, before it is sent.
"""

from __future__ import annotations

import base64
import io
import re
import sys
from typing import Any
from urllib.parse import parse_qs

READ_PREFIXES = (
    "List",
    "Get",
    "Describe",
    "Query",
    "Scan",
    "BatchGet",
    "Filter",
    "Lookup",
    "Test",
    "Simulate",
    "Head",
    "Search",
    "Select",
    "Validate",
)
EFFECTS = {
    "SendMessage",
    "SendMessageBatch",
    "ReceiveMessage",
    "DeleteMessage",
    "DeleteMessageBatch",
    "ChangeMessageVisibility",
    "ChangeMessageVisibilityBatch",
    "StartSyncExecution",
}
_INVOKE = re.compile(r"^/[0-9-]+/functions/[^/]+/(invocations|invoke-async/?)$")
_KEPT = ("REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "SERVER_NAME")


def action(environ: dict[str, Any], body: bytes) -> str | None:
    """The API action named by the X-Amz-Target header or an ``Action`` parameter."""
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return str(target).rsplit(".", 1)[-1]
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if "Action" in query:
        return str(query["Action"][0])
    if "x-www-form-urlencoded" in str(environ.get("CONTENT_TYPE", "")):
        form = parse_qs(body.decode("utf-8", "replace"))
        if "Action" in form:
            return str(form["Action"][0])
    return None


def classify(environ: dict[str, Any], body: bytes) -> str:
    """``read``, ``effects`` or ``record`` (see the module docstring)."""
    method = str(environ.get("REQUEST_METHOD", "GET")).upper()
    path = str(environ.get("PATH_INFO", ""))
    if path.startswith("/moto-api/"):
        return "record" if method == "POST" and path.rstrip("/") == "/moto-api/reset" else "read"
    if method in ("GET", "HEAD", "OPTIONS"):
        return "read"
    name = action(environ, body)
    if name is not None:
        if name in EFFECTS:
            return "effects"
        return "read" if name.startswith(READ_PREFIXES) else "record"
    return "effects" if _INVOKE.match(path) else "record"


def read_body(environ: dict[str, Any]) -> bytes:
    """Read the request body and put it back so the app can read it too."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    stream = environ["wsgi.input"]
    if length:
        body = stream.read(length)
    elif environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return bytes(body)


def capture(environ: dict[str, Any], body: bytes, seed: int) -> dict[str, Any]:
    """A journal record for one request."""
    headers = {k: str(v) for k, v in environ.items() if k.startswith("HTTP_")}
    kept = {k: str(environ[k]) for k in _KEPT if k in environ}
    return {
        "env": {**kept, **headers},
        "body": base64.b64encode(body).decode("ascii"),
        "seed": seed,
    }


def replay(app: Any, record: dict[str, Any]) -> str:
    """Run a recorded request through ``app`` again; returns its status line."""
    body = base64.b64decode(record["body"])
    environ: dict[str, Any] = {
        **record["env"],
        "CONTENT_LENGTH": str(len(body)),
        "SERVER_PORT": "0",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    status: list[str] = []

    def start_response(line: str, headers: Any, exc_info: Any = None) -> Any:
        status.append(line)
        return lambda data: None

    result = app(environ, start_response)
    try:
        for _ in result:
            pass
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return status[0] if status else "000"
