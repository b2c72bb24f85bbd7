def lambda_handler(event, context):
    print("Called by Step Functions with", event)
    return {"greeting": "Hello from Lambda, called by Step Functions!", "input": event}
