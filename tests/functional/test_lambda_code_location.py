"""GetFunction's Code.Location downloads the deployment package from the embedded cloud."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from courseware.cloud.awscli import run_aws
from courseware.cloud.endpoint import Endpoint
from courseware.cloud.lambda_rt import code_location
from tests.functional.cloud_process import aws_json, start_cloud_process, stop_cloud_process
from tests.functional.lambda_helpers import TRUST_LAMBDA, make_function, make_role, zipped

SOURCE = "def handler(event, context):\n    return 'v1'\n"


def _sha(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def _files(package: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {n: archive.read(n).decode() for n in archive.namelist()}


def _download(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _location(lam: Any, name: str, **extra: Any) -> str:
    code = lam.get_function(FunctionName=name, **extra)["Code"]
    assert code["RepositoryType"] == "S3"
    return str(code["Location"])


def test_location_is_loopback_and_serves_the_exact_zip(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("codeloc")
    package = zipped({"app.py": SOURCE})
    created = lam.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=make_role(iam, f"{name}-role"),
        Handler="app.handler",
        Code={"ZipFile": package},
    )
    location = _location(lam, name)
    parsed = urlparse(location)
    assert (parsed.scheme, parsed.hostname, parsed.port) == ("http", "127.0.0.1", cloud.port)
    assert parsed.path == f"/_courseware/lambda-code/{name}/$LATEST"
    status, headers, body = _download(location)
    assert status == 200
    assert headers["Content-Type"] == "application/zip"
    assert body == package
    assert _sha(body) == created["CodeSha256"]
    assert int(headers["Content-Length"]) == created["CodeSize"] == len(package)
    head_status, head_headers, head_body = _download(location, "HEAD")
    assert (head_status, head_body) == (200, b"")
    assert head_headers["Content-Type"] == "application/zip"


def test_update_function_code_gets_a_new_location_and_the_old_one_is_stale(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("codeloc-upd")
    make_function(lam, iam, name, SOURCE)
    old = _location(lam, name)
    new_package = zipped({"app.py": "def handler(event, context):\n    return 'v2'\n"})
    updated = lam.update_function_code(FunctionName=name, ZipFile=new_package)
    new = _location(lam, name)
    assert new != old
    status, _, body = _download(new)
    assert status == 200 and body == new_package and _sha(body) == updated["CodeSha256"]
    status, headers, body = _download(old)
    assert status == 404 and headers["Content-Type"].startswith("text/plain")
    assert b"has changed" in body and b"GetFunction again" in body


def test_published_version_keeps_its_own_package(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("codeloc-ver")
    created = make_function(lam, iam, name, SOURCE)
    version = lam.publish_version(FunctionName=name)["Version"]
    v2 = zipped({"app.py": "# v2\n"})
    lam.update_function_code(FunctionName=name, ZipFile=v2)
    pinned = _location(lam, name, Qualifier=version)
    assert urlparse(pinned).path == f"/_courseware/lambda-code/{name}/{version}"
    status, _, body = _download(pinned)
    assert status == 200 and _sha(body) == created["CodeSha256"]
    assert _files(body) == {"app.py": SOURCE}
    latest = _location(lam, name, Qualifier="$LATEST")
    assert _download(latest)[2] == v2


def test_unknown_function_is_a_404_with_a_reason(cloud: Endpoint) -> None:
    signed = code_location.code_url(cloud, "no-such-function", "$LATEST", "abc")
    status, headers, body = _download(signed)
    assert status == 404
    assert headers["Content-Type"].startswith("text/plain")
    assert b"function not found: no-such-function" in body


@pytest.mark.parametrize(
    "path",
    [
        "/_courseware/lambda-code/no-such-function/$LATEST?sha256=abc",
        "/_courseware/lambda-code/no-such-function/$LATEST",
        "/_courseware/lambda-code/only-a-name",
    ],
)
def test_unsigned_links_are_refused(cloud: Endpoint, path: str) -> None:
    status, headers, body = _download(cloud.url + path)
    assert status == 403 and headers["Content-Type"].startswith("text/plain")
    assert b"not signed" in body


def test_links_expire_after_ten_minutes_and_cannot_be_edited(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], cloud: Endpoint
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("codeloc-exp")
    created = make_function(lam, iam, name, SOURCE)
    sha = created["CodeSha256"]
    eleven_minutes_ago = time.time() - 11 * 60
    status, _, body = _download(
        code_location.code_url(cloud, name, "$LATEST", sha, eleven_minutes_ago)
    )
    assert status == 403 and b"Request has expired" in body and b"GetFunction again" in body
    nine_minutes_ago = time.time() - 9 * 60
    assert (
        _download(code_location.code_url(cloud, name, "$LATEST", sha, nine_minutes_ago))[0] == 200
    )
    fresh = _location(lam, name)
    query = parse_qs(urlparse(fresh).query)
    assert query["X-Amz-Expires"] == ["600"] and len(query["X-Amz-Signature"][0]) == 64
    later = fresh.replace(query["X-Amz-Date"][0], "29991231T000000Z")  # pushing the date on
    status, _, body = _download(later)
    assert status == 403 and b"signature does not match" in body


def test_other_methods_are_refused(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("codeloc-put")
    make_function(lam, iam, name, SOURCE)
    status, headers, _ = _download(_location(lam, name), "DELETE")
    assert status == 405 and "GET" in headers["Allow"]
    assert lam.get_function(FunctionName=name)["Configuration"]["FunctionName"] == name


def test_aws_cli_shows_the_loopback_location(
    cloud: Endpoint, aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("codeloc-cli")
    created = make_function(lam, iam, name, SOURCE)
    done = run_aws(
        cloud, ["lambda", "get-function", "--function-name", name, "--output", "json"], capture=True
    )
    assert done.returncode == 0, done.stderr
    code = json.loads(done.stdout)["Code"]
    assert code["RepositoryType"] == "S3"
    assert code["Location"].startswith(f"{cloud.url}/_courseware/lambda-code/{name}/")
    body = _download(code["Location"])[2]
    assert _sha(body) == created["CodeSha256"] and _files(body) == {"app.py": SOURCE}


def _start_cloud(home: Path) -> tuple[subprocess.Popen[str], Endpoint]:
    proc, ready = start_cloud_process(home)
    assert "ready at" in ready, proc.stderr.read() if proc.stderr else ready
    url = next(word for word in ready.split() if word.startswith("http://"))
    return proc, Endpoint.from_url(url.rstrip(".,;"))


def test_location_still_downloads_after_a_restart_restores_saved_state(
    tmp_path: Path, cw: Callable[..., Any]
) -> None:
    aws = aws_json(cw, tmp_path)

    package = tmp_path / "f.zip"
    package.write_bytes(zipped({"app.py": SOURCE}))
    proc, _ = _start_cloud(tmp_path)
    try:
        role = aws(
            "iam",
            "create-role",
            "--role-name",
            "kept-code-role",
            "--assume-role-policy-document",
            TRUST_LAMBDA,
        )["Role"]["Arn"]
        aws(
            "lambda",
            "create-function",
            "--function-name",
            "kept-code",
            "--runtime",
            "python3.12",
            "--role",
            role,
            "--handler",
            "app.handler",
            "--zip-file",
            f"fileb://{package}",
        )
    finally:
        stop_cloud_process(proc)
    proc, endpoint = _start_cloud(tmp_path)
    try:
        location = aws("lambda", "get-function", "--function-name", "kept-code")["Code"]["Location"]
        assert location.startswith(f"{endpoint.url}/_courseware/lambda-code/kept-code/")
        status, _, body = _download(location)
        assert status == 200 and body == package.read_bytes()
    finally:
        stop_cloud_process(proc)
