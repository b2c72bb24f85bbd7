"""GetFunction's ``Code.Location`` points at the embedded cloud, which serves the zip.

On AWS, ``Code.Location`` is a presigned S3 URL (valid for ten minutes) that downloads
the deployment package. moto 5.2 answers with a real AWS S3 address, which nothing
offline can fetch. Two narrow seams fix that:

* ``LambdaFunction.get_code`` (moto's builder of the GetFunction answer) is wrapped so
  a zip-packaged function's location becomes
  ``<endpoint>/_courseware/lambda-code/<function>/<version>?sha256=<CodeSha256>`` plus
  presigned-URL style ``X-Amz-Date``, ``X-Amz-Expires=600`` and ``X-Amz-Signature``;
  ``RepositoryType`` stays ``S3``. Container images (ECR) are left untouched.
* :func:`wrap_app` puts a tiny WSGI route in front of moto that serves that path with
  the exact package bytes (``LambdaFunction.code_bytes``); a 403 with a plain-text reason
  for a link that is unsigned, altered or older than ten minutes (as S3 answers an expired
  presigned URL); a 404 for an unknown function, version, or a ``sha256`` that no longer
  matches (the code was updated since the location was handed out).

Functions restored from saved state keep ``code_bytes`` (the backends are pickled
whole), so their locations keep working after a restart.
"""

from __future__ import annotations

import base64
import calendar
import hashlib
import hmac
import inspect
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import parse_qs, quote

from courseware.cloud import secrets
from courseware.cloud.endpoint import Endpoint

PREFIX = "/_courseware/lambda-code/"
EXPIRES_SECONDS = 600  # AWS: "a presigned URL that is valid for 10 minutes"
# Signed with the install's own key (cloud/secrets.py, 0600 in the data dir, outside the
# handlers' sandbox): nobody else can mint a link, and links survive a restart.
KEY_PURPOSE = "code-location"
EXPECTED_GET_CODE_SIGNATURE = "(self) -> 'dict[str, Any]'"
# Attributes of moto's LambdaFunction this module reads.
CODE_ATTRIBUTES = ("code_bytes", "code_sha_256", "function_name", "version", "code")

_original: dict[str, Any] = {}
_endpoint: list[Endpoint] = []

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class CodeLocationHookError(RuntimeError):
    """moto changed how GetFunction builds ``Code``; pin moto or update this module."""


def _signature(name: str, version: str, sha256: str, date: str) -> str:
    text = f"{name}\n{version}\n{sha256}\n{date}\n{EXPIRES_SECONDS}"
    return hmac.new(secrets.key(KEY_PURPOSE), text.encode("utf-8"), hashlib.sha256).hexdigest()


def code_url(
    endpoint: Endpoint, function_name: str, version: Any, sha256: str, now: float | None = None
) -> str:
    """The loopback URL that downloads one version of a function's package, for ten minutes.

    Args:
        endpoint: Where the embedded cloud listens.
        function_name: The function's name.
        version: ``$LATEST`` or a published version number.
        sha256: The package's ``CodeSha256`` (base64), pinning the exact bytes.
        now: The signing time (epoch seconds); the current time by default.

    Returns:
        ``<endpoint>/_courseware/lambda-code/<name>/<version>?sha256=<sha>&X-Amz-Date=…``.
    """
    date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(time.time() if now is None else now))
    signature = _signature(function_name, str(version), sha256, date)
    name = quote(function_name, safe="")
    ver = quote(str(version), safe="$")
    return (
        f"{endpoint.url}{PREFIX}{name}/{ver}?sha256={quote(sha256, safe='')}"
        f"&X-Amz-Date={date}&X-Amz-Expires={EXPIRES_SECONDS}&X-Amz-Signature={signature}"
    )


def refused(name: str, version: str, query: dict[str, list[str]], now: float | None = None) -> str:
    """Why a download link is refused (unsigned, altered or expired), or ``""`` if it is good."""
    sha, date, signature = (
        query.get(key, [""])[0] for key in ("sha256", "X-Amz-Date", "X-Amz-Signature")
    )
    if not (sha and date and signature):
        return "this link is not signed: use the Code.Location that GetFunction returns"
    expected = _signature(name, version, sha, date)
    if not hmac.compare_digest(signature, expected) or query.get("X-Amz-Expires") != [
        str(EXPIRES_SECONDS)
    ]:
        return "the signature does not match: the link was changed after GetFunction made it"
    try:
        signed = calendar.timegm(time.strptime(date, "%Y%m%dT%H%M%SZ"))
    except ValueError:
        return f"X-Amz-Date {date!r} is not a date like 20261202T120000Z"
    if (time.time() if now is None else now) > signed + EXPIRES_SECONDS:
        return (
            f"Request has expired: this Code.Location was valid for {EXPIRES_SECONDS // 60} "
            "minutes; call GetFunction again for a fresh one"
        )
    return ""


def _sha256_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def _loopback_code(fn: Any, code: dict[str, Any]) -> dict[str, Any]:
    """``code`` with the loopback location, when the function has a zip package."""
    if not _endpoint or code.get("RepositoryType") != "S3":
        return code
    data = getattr(fn, "code_bytes", b"")
    sha = getattr(fn, "code_sha_256", "")
    if not data or not sha:
        return code  # e.g. an S3 package that moto could not read: nothing to serve
    location = code_url(_endpoint[0], fn.function_name, fn.version, sha)
    return {**code, "Location": location, "RepositoryType": "S3"}


def _wrapped_get_code(original: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    def get_code(self: Any) -> dict[str, Any]:
        response = original(self)
        code = response.get("Code")
        if isinstance(code, dict):
            response["Code"] = _loopback_code(self, code)
        return response

    get_code.__wrapped__ = original  # type: ignore[attr-defined]
    return get_code


def install() -> None:
    """Wrap moto's ``LambdaFunction.get_code`` (idempotent); fail loudly if it moved.

    Raises:
        CodeLocationHookError: moto's ``get_code`` is missing or has another signature.
    """
    from moto.awslambda import models

    if "get_code" in _original:
        return
    current = getattr(models.LambdaFunction, "get_code", None)
    if current is None or str(inspect.signature(current)) != EXPECTED_GET_CODE_SIGNATURE:
        raise CodeLocationHookError(
            "moto's LambdaFunction.get_code is not where courseware expects it "
            f"(found {current!r}); moto is pinned to 5.2.x in pyproject.toml"
        )
    _original["get_code"] = current
    models.LambdaFunction.get_code = _wrapped_get_code(current)


def installed() -> bool:
    """True when moto's ``get_code`` is our wrapper."""
    from moto.awslambda import models

    return "get_code" in _original and models.LambdaFunction.get_code is not _original["get_code"]


def started(endpoint: Endpoint) -> None:
    """Remember the address that locations point at."""
    _endpoint[:] = [endpoint]


def stopping() -> None:
    """Locations fall back to moto's until the cloud starts again."""
    _endpoint.clear()


def _functions_named(name: str, version: str) -> Iterator[Any]:
    """Every (account, region) backend's function ``name`` at ``version``."""
    from moto.awslambda.exceptions import LambdaClientError
    from moto.awslambda.models import lambda_backends

    for regions in list(dict.values(lambda_backends)):
        for backend in list(dict.values(regions)):
            try:
                yield backend.get_function(name, version)
            except (LambdaClientError, KeyError, ValueError):
                continue


def find_package(name: str, version: str, sha256: str | None) -> tuple[bytes | None, str]:
    """The package bytes of ``name`` at ``version``, or None and the reason.

    Args:
        name: The function name.
        version: ``$LATEST`` or a published version.
        sha256: The ``CodeSha256`` the bytes must have; None accepts the current code.

    Returns:
        ``(bytes, "")`` when found, else ``(None, explanation)``.
    """
    if not name or not version or ":" in name or ":" in version:
        return None, f"no such function package: {name!r} version {version!r}"
    found_any = False
    for fn in _functions_named(name, version):
        data = getattr(fn, "code_bytes", b"")
        if not data:
            continue
        found_any = True
        # Hash what is served: an update running concurrently can never mismatch the pin.
        if sha256 is None or _sha256_b64(data) == sha256:
            return bytes(data), ""
    if found_any:
        return None, (
            f"the code of function {name} (version {version}) has changed since this location "
            "was handed out; call GetFunction again for a fresh Code.Location"
        )
    return None, f"function not found: {name} (version {version}) has no zip package here"


def _text(start_response: StartResponse, status: str, reason: str, method: str) -> list[bytes]:
    body = (reason + "\n").encode("utf-8")
    start_response(
        status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [] if method == "HEAD" else [body]


def _serve(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
    method = environ.get("REQUEST_METHOD", "GET").upper()
    if method not in {"GET", "HEAD"}:
        body = b"method not allowed: function packages are read-only (use GET)\n"
        start_response(
            "405 Method Not Allowed",
            [("Content-Type", "text/plain; charset=utf-8"), ("Allow", "GET, HEAD")],
        )
        return [body]
    rest = str(environ.get("PATH_INFO", ""))[len(PREFIX) :]
    # werkzeug hands PATH_INFO over decoded as latin-1; names and versions are ASCII.
    parts = rest.split("/")
    name, version = (parts[0], parts[1]) if len(parts) == 2 else ("", "")
    query = parse_qs(str(environ.get("QUERY_STRING", "")))
    reason = refused(name, version, query)
    if reason:
        return _text(start_response, "403 Forbidden", reason, method)
    data, reason = find_package(name, version, query["sha256"][0])
    if data is None:
        return _text(start_response, "404 Not Found", reason, method)
    filename = f"{name}.zip".replace('"', "")
    start_response(
        "200 OK",
        [
            ("Content-Type", "application/zip"),
            ("Content-Length", str(len(data))),
            ("Content-Disposition", f'attachment; filename="{filename}"'),
        ],
    )
    return [] if method == "HEAD" else [data]


def wrap_app(app: WsgiApp) -> WsgiApp:
    """Serve ``/_courseware/lambda-code/…`` in front of moto; everything else goes on."""

    def with_code(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if str(environ.get("PATH_INFO", "")).startswith(PREFIX):
            return _serve(environ, start_response)
        return app(environ, start_response)

    return with_code
