"""Lambda's limits, refused with Lambda's own error codes and messages."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from courseware.paths import data_dir
from tests.functional.lambda_helpers import invoke, make_function, make_role, zipped

OK = "def handler(event, context):\n    return 'ok'\n"


def _create(lam: Any, iam: Any, name: str, **extra: Any) -> ClientError:
    role = make_role(iam, f"limits-{os.urandom(4).hex()}")
    spec: dict[str, Any] = {
        "FunctionName": name,
        "Runtime": "python3.12",
        "Role": role,
        "Handler": "app.handler",
        "Code": {"ZipFile": zipped({"app.py": OK})},
    }
    spec.update(extra)
    with pytest.raises(ClientError) as caught:
        lam.create_function(**spec)
    return caught.value


def _code(error: ClientError) -> tuple[str, str]:
    return error.response["Error"]["Code"], error.response["Error"]["Message"]


def test_a_traversal_name_is_refused_and_unpacks_nothing(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    escape = Path("/tmp") / unique("escaped")
    name = "../../../../../../../../../.." + str(escape)
    code, message = _code(_create(lam, iam, name))
    assert code == "ValidationException"
    assert "at 'functionName' failed to satisfy constraint" in message
    assert "regular expression pattern" in message
    assert not escape.exists()


def test_a_10000_character_name_is_a_validation_error_not_a_500(
    aws_client: Callable[[str], Any],
) -> None:
    error = _create(aws_client("lambda"), aws_client("iam"), "f" * 10_000)
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    code, message = _code(error)
    assert code == "ValidationException"
    assert "Member must have length less than or equal to 64" in message


@pytest.mark.parametrize(
    ("extra", "code", "text"),
    [
        ({"Timeout": 100_000}, "ValidationException", "Value '100000' at 'timeout'"),
        ({"MemorySize": 20_000}, "ValidationException", "less than or equal to 10240"),
        (
            {"Environment": {"Variables": {"BIG": "x" * 8192}}},
            "InvalidParameterValueException",
            "exceeded the 4KB limit",
        ),
        ({"Runtime": "python2.7"}, "InvalidParameterValueException", "is no longer supported"),
        ({"Runtime": "cobol1.0"}, "InvalidParameterValueException", "Member must satisfy enum"),
    ],
)
def test_configuration_limits_use_aws_errors(
    aws_client: Callable[[str], Any],
    unique: Callable[[str], str],
    extra: dict[str, Any],
    code: str,
    text: str,
) -> None:
    got_code, message = _code(
        _create(aws_client("lambda"), aws_client("iam"), unique("lim"), **extra)
    )
    assert got_code == code and text in message, message


def test_update_configuration_is_checked_too(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("upd")
    make_function(lam, iam, name, OK)
    with pytest.raises(ClientError) as caught:
        lam.update_function_configuration(FunctionName=name, Timeout=901)
    assert _code(caught.value)[0] == "ValidationException"


def test_payload_limits_sync_6_mb_async_1_mb(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("payload")
    make_function(lam, iam, name, OK)
    big = json.dumps({"x": "y" * (7 * 1024 * 1024)})
    with pytest.raises(ClientError) as sync:
        lam.invoke(FunctionName=name, Payload=big)
    assert _code(sync.value) == (
        "RequestEntityTooLargeException",
        "Request must be smaller than 6291456 bytes for the Invoke operation",
    )
    medium = json.dumps({"x": "y" * (1100 * 1024)})
    with pytest.raises(ClientError) as event:
        lam.invoke(FunctionName=name, Payload=medium, InvocationType="Event")
    assert _code(event.value)[0] == "RequestEntityTooLargeException"
    assert "1048576 bytes" in _code(event.value)[1]
    assert invoke(lam, name, {"x": "y" * (1000 * 1024)})[0] == "ok"  # under 6 MB: runs


def test_a_zip_over_50_mb_is_refused(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("app.py", OK)
        archive.writestr("blob.bin", os.urandom(51 * 1024 * 1024))
    error = _create(
        aws_client("lambda"), aws_client("iam"), unique("fat"), Code={"ZipFile": buffer.getvalue()}
    )
    assert _code(error) == (
        "RequestEntityTooLargeException",
        "Request must be smaller than 69905067 bytes for the CreateFunction operation",
    )


def test_a_zip_bomb_is_stopped(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    buffer = io.BytesIO()
    zeros = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("app.py", OK)
        with archive.open("bomb.bin", "w", force_zip64=True) as entry:
            for _ in range(300):
                entry.write(zeros)
    assert len(buffer.getvalue()) < 5 * 1024 * 1024
    error = _create(
        aws_client("lambda"), aws_client("iam"), unique("bomb"), Code={"ZipFile": buffer.getvalue()}
    )
    assert _code(error) == (
        "InvalidParameterValueException",
        "Unzipped size must be smaller than 262144000 bytes",
    )


def test_deleting_a_function_deletes_its_unpacked_code(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("gone")
    make_function(lam, iam, name, OK)
    assert invoke(lam, name)[0] == "ok"
    folder = data_dir() / "lambda" / name
    assert folder.is_dir()
    lam.delete_function(FunctionName=name)
    assert not folder.exists()


def test_alias_and_layer_names_follow_the_api_pattern(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("named")
    make_function(lam, iam, name, OK)
    with pytest.raises(ClientError) as alias:
        lam.create_alias(FunctionName=name, Name="../../evil", FunctionVersion="$LATEST")
    assert _code(alias.value)[0] == "ValidationException"
    assert "at 'name' failed to satisfy constraint" in _code(alias.value)[1]
    with pytest.raises(ClientError) as layer:
        lam.publish_layer_version(LayerName="bad/name", Content={"ZipFile": zipped({"a": "b"})})
    assert _code(layer.value)[0] == "ValidationException"
