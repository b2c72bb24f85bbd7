"""Layers on the import path; Qualifier, weighted aliases and the ARN as called."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from tests.functional.lambda_helpers import (
    allow_sqs_trigger,
    invoke,
    logged,
    make_function,
    wait_for,
    zipped,
)

WHO = "import json\nVERSION = 'v1'\ndef handler(event, context):\n    return {'v': VERSION, 'arn': context.invoked_function_arn, 'fv': context.function_version}\n"


def _two_versions(lam: Any, iam: Any, name: str) -> None:
    make_function(lam, iam, name, WHO)
    lam.publish_version(FunctionName=name)
    lam.update_function_code(
        FunctionName=name, ZipFile=zipped({"app.py": WHO.replace("'v1'", "'v2'")})
    )
    lam.publish_version(FunctionName=name)


def test_qualifier_selects_version_and_alias(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("qual")
    _two_versions(lam, iam, name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    one, response = invoke(lam, name, Qualifier="1")
    assert one["v"] == "v1" and response["ExecutedVersion"] == "1"
    assert one["arn"].endswith(f":function:{name}:1")
    two, _ = invoke(lam, name, Qualifier="2")
    assert two["v"] == "v2"
    live, response = invoke(lam, name, Qualifier="live")
    assert live["v"] == "v1" and live["arn"].endswith(f":function:{name}:live")
    latest, _ = invoke(lam, name)
    assert latest["arn"].endswith(f":function:{name}")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        invoke(lam, name, Qualifier="99")
    by_arn, _ = invoke(lam, f"{name}:live")
    assert by_arn["v"] == "v1"


def test_weighted_alias_splits_about_90_10(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("canary")
    _two_versions(lam, iam, name)
    lam.create_alias(
        FunctionName=name,
        Name="prod",
        FunctionVersion="1",
        RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}},
    )
    seen = Counter(invoke(lam, name, Qualifier="prod")[1]["ExecutedVersion"] for _ in range(200))
    assert set(seen) == {"1", "2"}
    assert 140 <= seen["1"] <= 199 and 1 <= seen["2"] <= 60, seen


def _layer(lam: Any, name: str, files: dict[str, str]) -> str:
    return str(
        lam.publish_layer_version(LayerName=name, Content={"ZipFile": zipped(files)})[
            "LayerVersionArn"
        ]
    )


def test_python_imports_from_layers_in_order(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    first = _layer(
        lam,
        unique("helpers"),
        {"python/helpers.py": "WHO = 'first'\n", "python/only_first.py": "X = 1\n"},
    )
    second = _layer(lam, unique("override"), {"python/helpers.py": "WHO = 'second'\n"})
    third = _layer(
        lam, unique("site"), {"python/lib/python3.12/site-packages/sitepkg.py": "Y = 2\n"}
    )
    source = (
        "import helpers, only_first, sitepkg\n"
        "def handler(e, c):\n    return [helpers.WHO, only_first.X, sitepkg.Y]\n"
    )
    name = unique("layered")
    make_function(lam, iam, name, source, Layers=[first, second, third])
    result, response = invoke(lam, name)
    assert "FunctionError" not in response, result
    assert result == ["second", 1, 2]


def test_node_requires_from_a_layer(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed")
    lam, iam = aws_client("lambda"), aws_client("iam")
    layer = _layer(
        lam,
        unique("nodelib"),
        {"nodejs/node_modules/greet/index.js": "module.exports = (n) => `hi ${n}`;\n"},
    )
    source = "const greet = require('greet');\nexports.handler = async (e) => greet(e.name);\n"
    name = unique("nodelayer")
    make_function(
        lam,
        iam,
        name,
        source,
        runtime="nodejs20.x",
        filename="index.js",
        handler="index.handler",
        Layers=[layer],
    )
    result, response = invoke(lam, name, {"name": "ada"})
    assert "FunctionError" not in response, result
    assert result == "hi ada"


def test_more_than_five_layers_is_refused(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    arns = [_layer(lam, unique("many"), {"python/m.py": "X = 1\n"}) for _ in range(6)]
    with pytest.raises(lam.exceptions.InvalidParameterValueException, match="more than 5 layers"):
        make_function(lam, iam, unique("toomany"), WHO, Layers=arns)


def test_event_source_mapping_keeps_the_alias(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam, sqs, logs = (aws_client(s) for s in ("lambda", "iam", "sqs", "logs"))
    name = unique("esmalias")
    source = (
        "import json\ndef handler(event, context):\n"
        "    print('GOT ' + json.dumps([context.invoked_function_arn, context.function_version]))\n"
    )
    make_function(lam, iam, name, source)
    allow_sqs_trigger(iam, name)
    lam.publish_version(FunctionName=name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    queue = sqs.create_queue(QueueName=unique("esmq"))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])
    mapping = lam.create_event_source_mapping(
        EventSourceArn=queue_arn["Attributes"]["QueueArn"], FunctionName=f"{name}:live"
    )
    assert mapping["FunctionArn"].endswith(f":function:{name}:live")
    sqs.send_message(QueueUrl=queue, MessageBody="hi")
    got = wait_for(lambda: logged(logs, name), timeout=60)
    assert got[0][0].endswith(f":function:{name}:live") and got[0][1] == "1"


def test_permissions_are_per_qualifier(
    aws_client: Callable[[str], Any], unique: Callable[[str], str]
) -> None:
    lam, iam = aws_client("lambda"), aws_client("iam")
    name = unique("perm")
    make_function(lam, iam, name, WHO)
    lam.publish_version(FunctionName=name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    lam.add_permission(
        FunctionName=name,
        Qualifier="live",
        StatementId="sns",
        Action="lambda:InvokeFunction",
        Principal="sns.amazonaws.com",
    )
    policy = json.loads(lam.get_policy(FunctionName=name, Qualifier="live")["Policy"])
    assert policy["Statement"][0]["Resource"].endswith(f":function:{name}:live")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName=name)
    lam.remove_permission(FunctionName=name, Qualifier="live", StatementId="sns")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName=name, Qualifier="live")
