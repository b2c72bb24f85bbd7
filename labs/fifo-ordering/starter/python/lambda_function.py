"""Record the order in which each FIFO message group's messages arrive.

Every record's body is {"customer": ..., "seq": N}. The item keyed by the record's
MessageGroupId should hold, in Seqs, every N in the order Lambda delivered them.
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
        # TODO: this replaces the group's list with the latest seq. Append instead:
        # update_item with UpdateExpression
        #   "SET Seqs = list_append(if_not_exists(Seqs, :empty), :seq)"
        TABLE.put_item(Item={"GroupId": group, "Seqs": [seq]})
        print("Recorded", group, "seq", seq)
    return {"recorded": len(records)}
