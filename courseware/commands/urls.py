"""``courseware urls``: the loopback URLs of every API stage and function URL, for curl."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``urls`` subcommand."""
    parser = sub.add_parser(
        "urls",
        help="print the URLs of API Gateway stages and Lambda function URLs",
        description="Print a curl-able URL for every API Gateway stage and function URL.",
    )
    parser.set_defaults(func=run)


def lines(endpoint: Any) -> list[str]:
    """One line per stage or function URL: kind, name, URL."""
    from courseware.cloud.apigw.urls import path_style_url, stage_url
    from courseware.cloud.endpoint import client

    found = []
    rest = client("apigateway", endpoint)
    for api in rest.get_rest_apis().get("items", []):
        for stage in rest.get_stages(restApiId=api["id"]).get("item", []):
            name = f"{api['name']} ({stage['stageName']})"
            found.append(f"REST API  {name}  {stage_url(endpoint, api['id'], stage['stageName'])}")
            found.append(f"          {path_style_url(endpoint, api['id'], stage['stageName'])}")
    v2 = client("apigatewayv2", endpoint)
    for api in v2.get_apis().get("Items", []):
        for stage in v2.get_stages(ApiId=api["ApiId"]).get("Items", []):
            url = stage_url(endpoint, api["ApiId"], stage["StageName"])
            found.append(f"HTTP API  {api['Name']} ({stage['StageName']})  {url}")
    lam = client("lambda", endpoint)
    for fn in lam.list_functions().get("Functions", []):
        try:  # moto has no ListFunctionUrlConfigs
            config = lam.get_function_url_config(FunctionName=fn["FunctionName"])
        except lam.exceptions.ResourceNotFoundException:
            continue
        found.append(f"Function URL  {fn['FunctionName']}  {config['FunctionUrl']}")
    return found


def run(args: argparse.Namespace) -> int:
    """Print the URLs, or explain that no cloud runs (exit 1)."""
    from courseware.cloud.endpoint import EndpointError, require_endpoint

    try:
        endpoint = require_endpoint()
    except EndpointError as exc:
        print(f"courseware urls: {exc}", file=sys.stderr)
        return 1
    found = lines(endpoint)
    print("\n".join(found) if found else "no API stages or function URLs yet")
    return 0
