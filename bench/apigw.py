"""API Gateway proxy round trip vs a direct Invoke of the same warm function (paired, medians).

boto3's Invoke carries its own client cost (signing, retries, parsing); the gateway calls use
plain urllib, so the ratio is end to end, as a learner's curl or browser sees it.

Each round calls both, alternating which goes first: a REST API stage (path style, urllib),
an HTTP API ``$default`` stage (quick create) and ``lambda.invoke`` through boto3.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable

from bench._util import bench_cloud, bench_function, median, p
from courseware.cloud.endpoint import ACCOUNT_ID

HANDLER = (
    "import json\ndef handler(event, context):\n"
    "    return {'statusCode': 200, 'body': json.dumps({'ok': True})}\n"
)
ROUNDS = 300


def _ms(call: Callable[[], None]) -> float:
    began = time.perf_counter()
    call()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    """Run the API Gateway benchmark and print its figures."""
    from courseware.cloud.endpoint import client

    with bench_cloud() as endpoint:
        lam, iam = client("lambda", endpoint), client("iam", endpoint)
        apig, v2 = client("apigateway", endpoint), client("apigatewayv2", endpoint)
        bench_function(lam, iam, "bench", HANDLER)
        arn = lam.get_function(FunctionName="bench")["Configuration"]["FunctionArn"]
        api = apig.create_rest_api(name="bench")["id"]
        root = apig.get_resources(restApiId=api)["items"][0]["id"]
        apig.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
        uri = f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"
        apig.put_integration(
            restApiId=api,
            resourceId=root,
            httpMethod="GET",
            type="AWS_PROXY",
            integrationHttpMethod="POST",
            uri=uri,
        )
        apig.create_deployment(restApiId=api, stageName="dev")
        lam.add_permission(  # as on AWS, API Gateway may invoke only what allows it
            FunctionName="bench",
            StatementId="apigw",
            Action="lambda:InvokeFunction",
            Principal="apigateway.amazonaws.com",
            SourceArn=f"arn:aws:execute-api:us-east-1:{ACCOUNT_ID}:*",
        )
        http_api = v2.create_api(Name="bench", ProtocolType="HTTP", Target=arn)["ApiId"]
        rest_url = f"{endpoint.url}/restapis/{api}/dev/_user_request_/"
        http_url = f"{endpoint.url}/restapis/{http_api}/$default/_user_request_/"
        payload = json.dumps({}).encode()

        def direct() -> None:
            lam.invoke(FunctionName="bench", Payload=payload)["Payload"].read()

        def rest() -> None:
            urllib.request.urlopen(rest_url).read()

        def http() -> None:
            urllib.request.urlopen(http_url).read()

        for call in (direct, rest, http):
            call()
        samples: dict[str, list[float]] = {"direct": [], "rest": [], "http": []}
        calls = {"direct": direct, "rest": rest, "http": http}
        for index in range(ROUNDS):
            order = list(calls) if index % 2 == 0 else list(reversed(calls))
            for name in order:
                samples[name].append(_ms(calls[name]))
    floor = median(samples["direct"])
    print(
        f"direct Invoke (boto3)        p50 {floor:7.2f} ms   p95 {p(samples['direct'], 95):7.2f} ms"
    )
    for name, label in (("rest", "REST API proxy (urllib)"), ("http", "HTTP API 2.0 (urllib)")):
        mid = median(samples[name])
        print(
            f"{label:<28} p50 {mid:7.2f} ms   p95 {p(samples[name], 95):7.2f} ms"
            f"   ratio to Invoke {mid / floor:5.2f}x"
        )
