import json


def lambda_handler(event, context):
    print("Received event:", json.dumps(event))
    # TODO: greet the caller by name, e.g. {"name": "Ada"} -> "Hello, Ada!"
    return {"statusCode": 200, "body": json.dumps("Hello from Lambda!")}
