"""Store each transformed file's summary in DynamoDB: one item per object key.

Lambda's SQS poller calls the function with a batch of messages; each body is the JSON the
transform function sent: {"key": ..., "bucket": ..., "words": N}.
"""

import json
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ.get("TABLE_NAME", "ProcessedFiles"))


def lambda_handler(event, context):
    records = event.get("Records", [])
    for record in records:
        result = json.loads(record["body"])
        TABLE.put_item(
            Item={
                "FileKey": result["key"],
                "OutputBucket": result["bucket"],
                "Words": int(result["words"]),
            }
        )
        print("Recorded", result["key"])
    return {"recorded": len(records)}
