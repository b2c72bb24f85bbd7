import json


def lambda_handler(event, context):
    print("Received event:", json.dumps(event))
    name = event.get("name", "world")
    message = f"Hello, {name}!"
    print(message)
    return {"statusCode": 200, "body": message}
