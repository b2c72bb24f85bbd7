"""UpdateMethod on the embedded cloud (moto lacks it): the change, and AWS's error answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError


def test_update_method_requires_an_api_key_and_rejects_unknown_paths(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    apigw = aws_client("apigateway")
    api = apigw.create_rest_api(name=unique("update-method"))["id"]
    root = apigw.get_resources(restApiId=api)["items"][0]["id"]
    apigw.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    changed = apigw.update_method(
        restApiId=api,
        resourceId=root,
        httpMethod="GET",
        patchOperations=[
            {"op": "replace", "path": "/apiKeyRequired", "value": "true"},
            {"op": "replace", "path": "/operationName", "value": "ListHooks"},
        ],
    )
    assert (changed["apiKeyRequired"], changed["operationName"]) == (True, "ListHooks")
    method = apigw.get_method(restApiId=api, resourceId=root, httpMethod="GET")
    assert method["apiKeyRequired"] is True

    with pytest.raises(ClientError) as bad:
        apigw.update_method(
            restApiId=api,
            resourceId=root,
            httpMethod="GET",
            patchOperations=[{"op": "replace", "path": "/nope", "value": "x"}],
        )
    assert bad.value.response["Error"]["Code"] == "BadRequestException"
    assert "Invalid patch path '/nope'" in bad.value.response["Error"]["Message"]
    assert apigw.get_method(restApiId=api, resourceId=root, httpMethod="GET")["apiKeyRequired"]

    with pytest.raises(ClientError) as missing:
        apigw.update_method(
            restApiId=api,
            resourceId=root,
            httpMethod="POST",
            patchOperations=[{"op": "replace", "path": "/apiKeyRequired", "value": "true"}],
        )
    assert missing.value.response["Error"]["Code"] == "NotFoundException"
