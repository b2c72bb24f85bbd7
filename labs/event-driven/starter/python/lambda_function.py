"""Store each product-visit message from SQS as an item in DynamoDB.

The item's key is the SQS MessageId, so a message delivered twice (SQS standard queues
deliver at least once) writes the same item twice instead of creating a duplicate.
"""

import json
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ.get("TABLE_NAME", "ProductVisits"))


def lambda_handler(event, context):
    records = event.get("Records", [])
    for record in records:
        visit = json.loads(record["body"])
        item = {"ProductVisitKey": record["messageId"], **{k: str(v) for k, v in visit.items()}}
        TABLE.put_item(Item=item)
        print("Stored visit", item["ProductVisitKey"], "for product", visit.get("ProductId"))
    return {"stored": len(records)}
