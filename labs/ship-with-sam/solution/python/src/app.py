"""ship-with-sam: answers GET /hello through API Gateway and works the Jobs queue."""

import json

VERSION = "v2"


def handler(event, context):
    if "Records" in event:  # a batch from the SQS event source mapping
        for record in event["Records"]:
            print(json.dumps({"level": "INFO", "msg": "job done", "body": record["body"]}))
        return {"batchItemFailures": []}
    name = (event.get("queryStringParameters") or {}).get("name") or "world"
    body = {"message": f"hello {name}", "version": VERSION}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}
