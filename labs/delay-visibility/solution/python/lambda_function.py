"""Run each job message from the Jobs queue: a job may take up to a minute (timeout 60 s)."""

import json


def lambda_handler(event, context):
    for record in event["Records"]:
        job = json.loads(record["body"])
        print("JOB", job.get("job"), "receive", record["attributes"]["ApproximateReceiveCount"])
    return {}
