"""Code.Location's seams into moto: fail loudly if a moto upgrade moves them."""

from __future__ import annotations

import base64
import hashlib
import inspect
import io
import zipfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from moto.awslambda import models
from moto.awslambda.exceptions import LambdaClientError

from courseware.cloud import plugins
from courseware.cloud.endpoint import Endpoint
from courseware.cloud.lambda_rt import code_location

ACCOUNT = "000000000042"  # not the cloud's account: nothing here is registered in a backend


def _package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    """Pretend the cloud listens (restoring whatever was there)."""
    saved = list(code_location._endpoint)
    code_location.started(Endpoint("127.0.0.1", 4599))
    yield code_location._endpoint[0]
    code_location._endpoint[:] = saved


def _function(package: bytes) -> Any:
    spec = {
        "FunctionName": "pinned",
        "Role": f"arn:aws:iam::{ACCOUNT}:role/r",
        "Handler": "app.handler",
        "Runtime": "python3.12",
        "Code": {"ZipFile": base64.b64encode(package)},
    }
    return models.LambdaFunction(ACCOUNT, spec, "us-east-1", version="$LATEST")


def test_plugin_is_listed_and_serves_routes() -> None:
    assert "courseware.cloud.lambda_rt.code_location" in plugins.PLUGIN_MODULES
    assert callable(code_location.wrap_app)


def test_hook_installs_over_the_expected_signature() -> None:
    code_location.install()
    assert code_location.installed(), "moto's LambdaFunction.get_code is not ours after install()"
    original = code_location._original["get_code"]
    assert str(inspect.signature(original)) == code_location.EXPECTED_GET_CODE_SIGNATURE
    assert models.LambdaFunction.get_code.__wrapped__ is original


def test_moto_keeps_the_package_bytes_and_sha_where_we_read_them() -> None:
    package = _package()
    fn = _function(package)
    for attribute in code_location.CODE_ATTRIBUTES:
        assert hasattr(fn, attribute), f"moto's LambdaFunction lost .{attribute}"
    assert fn.code_bytes == package
    assert fn.code_sha_256 == base64.b64encode(hashlib.sha256(package).digest()).decode()
    original = code_location._original.get("get_code", models.LambdaFunction.get_code)
    code = original(fn)["Code"]
    assert code["RepositoryType"] == "S3" and "Location" in code, (
        "moto's get_code no longer answers zip functions with an S3 Code block"
    )
    fn.update_function_code({"ZipFile": base64.b64encode(b"PK\x05\x06" + b"\0" * 18)})
    assert fn.code_bytes == b"PK\x05\x06" + b"\0" * 18, "UpdateFunctionCode stores bytes elsewhere"


def test_moto_backend_lookup_is_where_we_expect_it() -> None:
    assert list(inspect.signature(models.LambdaBackend.get_function).parameters) == [
        "self",
        "function_name_or_arn",
        "qualifier",
    ]
    assert isinstance(models.lambda_backends, dict)
    assert issubclass(models.UnknownFunctionException, LambdaClientError)


def test_get_code_points_at_the_endpoint(endpoint: Endpoint) -> None:
    code_location.install()
    package = _package()
    fn = _function(package)
    code = fn.get_code()["Code"]
    assert code["RepositoryType"] == "S3"
    assert code["Location"] == code_location.code_url(
        endpoint, "pinned", "$LATEST", fn.code_sha_256
    )
    assert code["Location"].startswith(
        "http://127.0.0.1:4599/_courseware/lambda-code/pinned/$LATEST"
    )


def test_image_functions_and_a_stopped_cloud_keep_motos_answer(endpoint: Endpoint) -> None:
    fn = _function(_package())
    image = {"RepositoryType": "ECR", "ImageUri": "repo:tag"}
    assert code_location._loopback_code(fn, image) == image
    code_location.stopping()
    s3 = {"RepositoryType": "S3", "Location": "https://awslambda-us-east-1-tasks.s3/x"}
    assert code_location._loopback_code(fn, s3) == s3


def test_code_url_quotes_the_sha_and_is_signed_for_ten_minutes() -> None:
    url = code_location.code_url(Endpoint("127.0.0.1", 1), "f", 3, "a+b/c=", now=0)
    assert url.startswith(
        "http://127.0.0.1:1/_courseware/lambda-code/f/3?sha256=a%2Bb%2Fc%3D"
        "&X-Amz-Date=19700101T000000Z&X-Amz-Expires=600&X-Amz-Signature="
    )
    query = parse_qs(urlparse(url).query)
    assert code_location.refused("f", "3", query, now=600) == ""
    assert "expired" in code_location.refused("f", "3", query, now=601)
    assert "does not match" in code_location.refused("f", "4", query, now=0)


def _call(app: Any, path: str, method: str = "GET", query: str = "") -> tuple[str, bytes]:
    seen: list[str] = []
    environ = {"PATH_INFO": path, "REQUEST_METHOD": method, "QUERY_STRING": query}
    body = b"".join(app(environ, lambda status, headers: seen.append(status)))
    return seen[0], body


def test_wrap_app_passes_other_paths_on_and_answers_its_own() -> None:
    def moto(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [])
        return [b"moto"]

    app = code_location.wrap_app(moto)
    assert _call(app, "/2015-03-31/functions/") == ("200 OK", b"moto")
    signed = code_location.code_url(Endpoint("127.0.0.1", 1), "nobody-has-this", "$LATEST", "x")
    status, body = _call(
        app, "/_courseware/lambda-code/nobody-has-this/$LATEST", query=urlparse(signed).query
    )
    assert status.startswith("404") and b"function not found: nobody-has-this" in body
    status, body = _call(app, "/_courseware/lambda-code/nobody-has-this/$LATEST", query="sha256=x")
    assert status.startswith("403") and b"not signed" in body
    assert _call(app, "/_courseware/lambda-code/x/1", "POST")[0].startswith("405")
