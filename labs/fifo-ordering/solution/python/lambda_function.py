"""Record the order in which each FIFO message group's messages arrive.

Every record's body is {"customer": ..., "seq": N}. The function appends N to the list
Seqs of the item keyed by the record's MessageGroupId, so OrderLog shows, per group, the
order Lambda delivered them.
"""

import json
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ.get("TABLE_NAME", "OrderLog"))


def lambda_handler(event, context):
    records = event.get("Records", [])
    for record in records:
        group = record["attributes"]["MessageGroupId"]
        seq = int(json.loads(record["body"])["seq"])
        TABLE.update_item(
            Key={"GroupId": group},
            UpdateExpression="SET Seqs = list_append(if_not_exists(Seqs, :empty), :seq)",
            ExpressionAttributeValues={":empty": [], ":seq": [seq]},
        )
        print("Recorded", group, "seq", seq)
    return {"recorded": len(records)}
