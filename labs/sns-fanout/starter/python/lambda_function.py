"""order-audit: write one audit line per order event the orders topic sends (starter)."""


def lambda_handler(event, context):
    audited = []
    for record in event["Records"]:
        message = record["Sns"]["Message"]
        # TODO (step "function"): SNS passes the message attributes in
        # record["Sns"]["MessageAttributes"], each as {"Type": "String", "Value": "..."}.
        # Read event_type ("unknown" when it is missing) and audit f"{event_type}: {message}".
        line = message
        print(f"AUDIT {line}")
        audited.append(line)
    return {"audited": audited}
