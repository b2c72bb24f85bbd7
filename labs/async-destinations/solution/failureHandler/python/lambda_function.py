"""failureHandler: handles the orders orderProcessor failed on, read from OrderFailures.

Each SQS record's body is Lambda's invocation record (JSON): requestContext (condition,
approximateInvokeCount), requestPayload (the event that failed), responsePayload (the error).
"""

import json


def lambda_handler(event, context):
    handled = []
    for record in event["Records"]:
        invocation = json.loads(record["body"])
        order_id = invocation["requestPayload"].get("orderId", "unknown")
        why = invocation["requestContext"]
        error = (invocation.get("responsePayload") or {}).get("errorMessage", "")
        print(
            f"FAILED order {order_id}: {why['condition']} after "
            f"{why['approximateInvokeCount']} attempts: {error}"
        )
        handled.append(order_id)
    return {"handled": handled}
