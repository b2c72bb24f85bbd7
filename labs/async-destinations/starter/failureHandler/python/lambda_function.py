"""failureHandler: handles the orders orderProcessor failed on, read from OrderFailures.

Each SQS record's body is Lambda's invocation record (JSON): requestContext (condition,
approximateInvokeCount), requestPayload (the event that failed), responsePayload (the error).
TODO: parse the body; print "FAILED order <orderId>: <condition> after <count> attempts:
<errorMessage>" and return {"handled": [<orderId>, ...]}.
"""


def lambda_handler(event, context):
    handled = []
    for record in event["Records"]:
        print(record["body"])
        handled.append(record["messageId"])  # TODO: the order id from the record's requestPayload
    return {"handled": handled}
