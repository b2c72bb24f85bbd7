"""orderProcessor: accepts an order, or fails (raises) for one whose amount is not positive.

Invoked asynchronously (InvocationType Event): Lambda retries an event only when the
function fails, then sends it to the OnFailure destination and the dead-letter queue.
"""

import json


def lambda_handler(event, context):
    order_id = event.get("orderId", "unknown")
    amount = event.get("amount", 0)
    print(json.dumps({"orderId": order_id, "amount": amount}))
    if amount <= 0:
        raise ValueError(f"amount must be positive for order {order_id}")
    return {"status": "accepted", "orderId": order_id}
