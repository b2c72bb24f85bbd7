"""Transform each uploaded text file: write it in upper case to the results bucket and tell
the queue what was done.

S3 invokes the function asynchronously with {"Records": [...]}: each record names the bucket
and the object key, URL-encoded ("my notes.txt" arrives as "my+notes.txt").
"""

import json
import os
from urllib.parse import unquote_plus

import boto3

OUTPUT_BUCKET = os.environ.get("OUTPUT_BUCKET", "pipeline-results")
QUEUE_NAME = os.environ.get("QUEUE_NAME", "processed-files")
s3 = boto3.client("s3")
sqs = boto3.client("sqs")


def lambda_handler(event, context):
    queue_url = sqs.get_queue_url(QueueName=QUEUE_NAME)["QueueUrl"]
    done = []
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        if bucket == OUTPUT_BUCKET:  # a guard against the recursion trap, not its fix
            print("Skipping", key, "from the output bucket")
            continue
        text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
        s3.put_object(Bucket=OUTPUT_BUCKET, Key=key, Body=text.upper().encode("utf-8"))
        message = {"key": key, "bucket": OUTPUT_BUCKET, "words": len(text.split())}
        sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(message))
        print("Transformed", key, "to", OUTPUT_BUCKET)
        done.append(key)
    return {"transformed": done}
