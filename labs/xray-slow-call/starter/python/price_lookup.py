"""priceLookup: the price of one SKU (starter: asks the slow legacy pricing service)."""

import json
import time

LEGACY_PRICES = {"P-1": 42}


def legacy_price(sku):
    """The old pricing service: about 1.5 seconds per call."""
    time.sleep(1.5)
    return LEGACY_PRICES.get(sku)


def lambda_handler(event, context):
    sku = event["sku"]
    # TODO: the prices are in the DynamoDB table XRayPrices (key Sku, number attribute Price).
    # Read the price with get_item instead of calling the slow legacy service.
    price = legacy_price(sku)
    print(json.dumps({"level": "INFO", "message": "priced", "sku": sku, "price": price}))
    return {"sku": sku, "price": price}
