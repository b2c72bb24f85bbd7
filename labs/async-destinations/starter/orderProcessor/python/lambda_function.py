"""orderProcessor: accepts an order, or rejects one whose amount is not positive.

Invoked asynchronously (InvocationType Event): Lambda retries an event only when the
function FAILS (raises). TODO: a rejected order must raise an exception, not return a result.
"""

import json


def lambda_handler(event, context):
    order_id = event.get("orderId", "unknown")
    amount = event.get("amount", 0)
    print(json.dumps({"orderId": order_id, "amount": amount}))
    if amount <= 0:
        # TODO: raise ValueError(f"amount must be positive for order {order_id}") instead:
        # a returned value is a success for Lambda, so nothing is retried or sent on failure.
        return {"status": "rejected", "orderId": order_id}
    return {"status": "accepted", "orderId": order_id}
