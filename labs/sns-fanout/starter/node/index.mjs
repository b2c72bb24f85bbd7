// order-audit: write one audit line per order event the orders topic sends (starter).
export const handler = async (event) => {
  const audited = [];
  for (const record of event.Records) {
    const message = record.Sns.Message;
    // TODO (step "function"): SNS passes the message attributes in
    // record.Sns.MessageAttributes, each as {Type: "String", Value: "..."}.
    // Read event_type ("unknown" when it is missing) and audit `${eventType}: ${message}`.
    const line = message;
    console.log(`AUDIT ${line}`);
    audited.push(line);
  }
  return { audited };
};
