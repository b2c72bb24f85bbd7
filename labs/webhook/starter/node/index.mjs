// A webhook receiver behind an API Gateway Lambda proxy integration (starter: has a bug).
export const handler = async (event) => {
  const source = event.pathParameters?.source ?? "unknown";
  const kind = event.queryStringParameters?.event ?? "ping";
  console.log(`webhook from ${source}: ${kind}`);
  return {
    statusCode: 202,
    headers: { "Content-Type": "application/json", "X-Webhook-Source": source },
    body: { received: source, event: kind },
  };
};
