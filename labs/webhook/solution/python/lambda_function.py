"""A webhook receiver behind an API Gateway Lambda proxy integration."""

import json


def lambda_handler(event, context):
    source = (event.get("pathParameters") or {}).get("source", "unknown")
    kind = (event.get("queryStringParameters") or {}).get("event", "ping")
    print(f"webhook from {source}: {kind}")
    return {
        "statusCode": 202,
        "headers": {"Content-Type": "application/json", "X-Webhook-Source": source},
        "body": json.dumps({"received": source, "event": kind}),
    }
