"""order-audit: write one audit line per order event the orders topic sends."""


def lambda_handler(event, context):
    audited = []
    for record in event["Records"]:
        sns = record["Sns"]
        attributes = sns.get("MessageAttributes") or {}
        event_type = attributes.get("event_type", {}).get("Value", "unknown")
        line = f"{event_type}: {sns['Message']}"
        print(f"AUDIT {line}")
        audited.append(line)
    return {"audited": audited}
