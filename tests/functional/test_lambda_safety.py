"""A lab never reaches a real AWS account, whatever is in the learner's environment."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.functional.lambda_helpers import invoke, make_function

REAL = {
    "AWS_ACCESS_KEY_ID": "AKIAREALKEYDONOTUSE1",
    "AWS_SECRET_ACCESS_KEY": "real-secret",
    "AWS_SESSION_TOKEN": "real-token",
    "AWS_PROFILE": "production",
}


@pytest.fixture
def real_credentials(tmp_path: Path) -> Iterator[None]:
    creds = tmp_path / "credentials"
    creds.write_text(
        "[production]\naws_access_key_id = AKIAREALKEYDONOTUSE1\naws_secret_access_key = s\n"
    )
    saved = {k: os.environ.get(k) for k in [*REAL, "AWS_SHARED_CREDENTIALS_FILE"]}
    os.environ.update(REAL, AWS_SHARED_CREDENTIALS_FILE=str(creds))
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def test_handler_never_sees_real_credentials(
    aws_client: Callable[[str], Any], unique: Callable[[str], str], real_credentials: None
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("safe")
    source = """
import os, boto3
def handler(event, context):
    creds = boto3.Session().get_credentials()
    return {
        "env": {k: v for k, v in os.environ.items() if k.startswith("AWS_")},
        "boto_key": creds.access_key,
        "endpoint": boto3.client("sts")._endpoint.host,
        "identity": boto3.client("sts").get_caller_identity()["Account"],
    }
"""
    make_function(lam, iam, name, source)
    body, _ = invoke(lam, name)
    assert body["boto_key"].startswith("ASIA")  # its role's temporary keys, not the host's
    assert body["env"]["AWS_SESSION_TOKEN"]
    assert "AKIAREAL" not in json.dumps(body)
    assert "production" not in json.dumps(body)
    assert body["endpoint"].startswith("http://127.0.0.1:")
    assert body["identity"] == "123456789012"


def test_function_environment_cannot_redirect_the_endpoint(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("redirect")
    make_function(
        lam,
        iam,
        name,
        "import os\ndef handler(e, c):\n    return os.environ['AWS_ENDPOINT_URL']\n",
        Environment={"Variables": {"AWS_ENDPOINT_URL": "https://lambda.us-east-1.amazonaws.com"}},
    )
    body, _ = invoke(lam, name)
    assert body.startswith("http://127.0.0.1:")
