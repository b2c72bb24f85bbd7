"""Process order messages from the Orders queue.

Each record's body is {"order": "...", "qty": N}. An old producer still sends qty as a
string ("3"): this starter refuses it, so such a message fails the whole batch.
"""

import json


def process(body):
    qty = body["qty"]
    if not isinstance(qty, int):
        raise ValueError(f"order {body['order']}: qty {qty!r} is not a number")
    print("PROCESSED", body["order"], "x", qty)


def lambda_handler(event, context):
    for record in event["Records"]:
        count = record["attributes"]["ApproximateReceiveCount"]
        print("RECEIVED", record["messageId"], "ApproximateReceiveCount", count)
        # TODO (step partial): one bad record fails the whole batch. Catch the error per
        # record and return {"batchItemFailures": [{"itemIdentifier": messageId}, ...]}.
        process(json.loads(record["body"]))
    return {}
