"""priceLookup: the price of one SKU, read from the DynamoDB table XRayPrices."""

import json

import boto3

table = boto3.client("dynamodb")


def lambda_handler(event, context):
    sku = event["sku"]
    item = table.get_item(TableName="XRayPrices", Key={"Sku": {"S": sku}}).get("Item")
    price = int(item["Price"]["N"]) if item else None
    print(json.dumps({"level": "INFO", "message": "priced", "sku": sku, "price": price}))
    return {"sku": sku, "price": price}
