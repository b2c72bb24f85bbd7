"""Process order messages from the Orders queue, reporting only the records that fail.

A qty sent as a numeric string ("3") by the old producer is read as a number; a record
whose qty is no number at all is reported in batchItemFailures, so only it is retried
(and, after maxReceiveCount receives, dead-lettered).
"""

import json


def process(body):
    qty = int(body["qty"])  # the fix: "3" is 3; "lots" still raises ValueError
    print("PROCESSED", body["order"], "x", qty)


def lambda_handler(event, context):
    failures = []
    for record in event["Records"]:
        print("RECEIVED", record["messageId"], "ApproximateReceiveCount",
              record["attributes"]["ApproximateReceiveCount"])
        try:
            process(json.loads(record["body"]))
        except (ValueError, KeyError, TypeError) as error:
            print("FAILED", record["messageId"], error)
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
