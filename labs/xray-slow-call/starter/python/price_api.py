"""priceApi: answers a quote by invoking priceLookup (the trace header goes along)."""

import json
import os

import boto3

lambda_client = boto3.client("lambda")


def lambda_handler(event, context):
    answer = lambda_client.invoke(
        FunctionName="priceLookup", Payload=json.dumps({"sku": event["sku"]})
    )
    quote = json.loads(answer["Payload"].read())
    trace = os.environ.get("_X_AMZN_TRACE_ID", "")
    print(json.dumps({"level": "INFO", "message": "quoted", "sku": event["sku"], "trace": trace}))
    return quote
