// order-audit: write one audit line per order event the orders topic sends.
export const handler = async (event) => {
  const audited = [];
  for (const record of event.Records) {
    const eventType = record.Sns.MessageAttributes?.event_type?.Value ?? "unknown";
    const line = `${eventType}: ${record.Sns.Message}`;
    console.log(`AUDIT ${line}`);
    audited.push(line);
  }
  return { audited };
};
