// ship-with-sam: answers GET /hello through API Gateway and works the Jobs queue.
const VERSION = "v2";

export const handler = async (event) => {
  if (event.Records) { // a batch from the SQS event source mapping
    for (const record of event.Records) {
      console.log(JSON.stringify({ level: "INFO", msg: "job done", body: record.body }));
    }
    return { batchItemFailures: [] };
  }
  const name = (event.queryStringParameters || {}).name || "world";
  const body = { message: `hello ${name}`, version: VERSION };
  return { statusCode: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
};
