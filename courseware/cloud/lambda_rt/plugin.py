"""The one narrow seam into moto: ``LambdaFunction.invoke`` runs our runtime.

moto 5.2's ``LambdaFunction.invoke(body, request_headers, response_headers)`` is
called by the Invoke API and by moto's own event plumbing (SQS, SNS, S3,
EventBridge). Replacing it routes every invocation through our workers. A zip
check is added where moto reads uploaded code, so a corrupt package is refused
at CreateFunction / UpdateFunctionCode as AWS does.
"""

from __future__ import annotations

import base64
import inspect
import json
import logging
import zipfile
from typing import Any

from courseware.cloud.endpoint import Endpoint
from courseware.cloud.lambda_rt import get_runtime, invoke_async, limits
from courseware.cloud.lambda_rt.errors import InvalidRequestContent, TooManyRequests, check_json

EXPECTED_SIGNATURE = (
    "(self, body: 'str', request_headers: 'Any', response_headers: 'Any') -> 'str | bytes'"
)
_original: dict[str, Any] = {}
log = logging.getLogger(__name__)


class HookError(RuntimeError):
    """moto changed where the runtime plugs in; pin or update the hook."""


def _header(headers: Any, name: str, default: str = "") -> str:
    if not headers:
        return default
    for key in (name, name.lower(), name.title()):
        value = headers.get(key)
        if value:
            return str(value)
    return default


PROBE_KEY = "courseware-probe"


def is_probe(headers: Any) -> bool:
    """A course check's probe: its ClientContext's ``custom`` holds ``courseware-probe``.

    Its log lines are not written, so a check leaves no trace in the learner's logs.
    """
    encoded = _header(headers, "X-Amz-Client-Context")
    if not encoded:
        return False
    try:
        context = json.loads(base64.b64decode(encoded))
    except ValueError:
        return False
    custom = context.get("custom") if isinstance(context, dict) else None
    return isinstance(custom, dict) and PROBE_KEY in custom


def _internal_async() -> bool:
    from courseware.cloud.events.async_invoke import is_internal_async

    return is_internal_async()


def _as_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    return str(body).encode("utf-8")


def courseware_invoke(self: Any, body: Any, request_headers: Any, response_headers: Any) -> bytes:
    """Replacement for moto's ``LambdaFunction.invoke``."""
    from moto.awslambda.exceptions import LambdaClientError

    payload = _as_bytes(body)
    try:
        check_json(payload)
    except InvalidRequestContent as exc:
        raise LambdaClientError("InvalidRequestContentException", str(exc)) from None
    kind = _header(request_headers, "X-Amz-Invocation-Type", "RequestResponse")
    if kind == "RequestResponse" and not request_headers and _internal_async():
        kind = "Event"  # S3, SNS, EventBridge and Logs invoke asynchronously in AWS
    limits.check_payload(payload, kind)
    if kind == "DryRun":
        return b""
    if kind == "Event":
        invoke_async(self, payload, quiet=is_probe(request_headers))
        return b""
    try:
        from courseware.cloud.lambda_rt.qualifier import called_arn

        result = get_runtime().invoke(
            self,
            payload,
            called_arn(),
            is_probe(request_headers),
            _header(request_headers, "X-Amzn-Trace-Id"),
        )
    except TooManyRequests as exc:
        raise ThrottledError(exc.reason) from None
    except Exception as exc:  # a bug of ours must not become an HTML 500 page
        log.exception("courseware Lambda runtime failed")
        error = LambdaClientError("ServiceException", f"courseware's Lambda runtime failed: {exc}")
        error.code = 500
        raise error from None
    if result.function_error:
        response_headers["x-amz-function-error"] = result.function_error
    response_headers["x-amz-executed-version"] = result.executed_version
    if _header(request_headers, "X-Amz-Log-Type") == "Tail":
        encoded = base64.b64encode(result.log_result.encode("utf-8")).decode("ascii")
        response_headers["x-amz-log-result"] = encoded
    return result.payload


def _make_throttled_error() -> type[Exception]:
    from moto.awslambda.exceptions import LambdaClientError

    class _Throttled(LambdaClientError):  # type: ignore[misc]
        code = 429

        def __init__(self, reason: str) -> None:
            super().__init__("TooManyRequestsException", "Rate Exceeded.")
            self.reason = reason

    return _Throttled


ThrottledError: Any = None


def _checked_zip(original: Any) -> Any:
    def zipfile_content(zipfile_b64: Any) -> Any:
        from moto.awslambda.exceptions import InvalidParameterValueException

        result = original(zipfile_b64)
        try:
            limits.check_zip(result[0])  # CRCs read in a stream that stops at 250 MB
            bad = None
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            bad = "?"
        if bad is not None:
            raise InvalidParameterValueException(
                "Could not unzip uploaded file. Please check your file, then try to upload again."
            )
        return result

    return zipfile_content


def install() -> None:
    """Patch moto (idempotent); fail loudly if moto moved the seam."""
    global ThrottledError
    from moto.awslambda import models

    if "invoke" in _original:
        return
    current = getattr(models.LambdaFunction, "invoke", None)
    if current is None or str(inspect.signature(current)) != EXPECTED_SIGNATURE:
        raise HookError(
            "moto's LambdaFunction.invoke is not where courseware's Lambda runtime expects it "
            f"(found {current!r}); moto is pinned to 5.2.x in pyproject.toml"
        )
    if not hasattr(models, "_zipfile_content"):
        raise HookError("moto.awslambda.models._zipfile_content is gone; update the zip check")
    ThrottledError = _make_throttled_error()
    _original["invoke"] = current
    _original["_zipfile_content"] = models._zipfile_content
    models.LambdaFunction.invoke = courseware_invoke
    models._zipfile_content = _checked_zip(models._zipfile_content)


def installed() -> bool:
    """True when moto's invoke is ours."""
    from moto.awslambda import models

    return models.LambdaFunction.invoke is courseware_invoke


def started(endpoint: Endpoint) -> None:
    """Tell the runtime where handlers must send their AWS calls."""
    get_runtime().start(endpoint)


def stopping() -> None:
    """Kill every worker."""
    get_runtime().shutdown()
