// priceApi: answers a quote by invoking priceLookup (the SDK sends the trace header along).
import { LambdaClient, InvokeCommand } from "@aws-sdk/client-lambda";

const lambda = new LambdaClient({});

export const handler = async (event) => {
  const answer = await lambda.send(
    new InvokeCommand({
      FunctionName: "priceLookup",
      Payload: JSON.stringify({ sku: event.sku }),
    }),
  );
  const quote = JSON.parse(Buffer.from(answer.Payload).toString());
  const trace = process.env._X_AMZN_TRACE_ID ?? "";
  console.log(JSON.stringify({ level: "INFO", message: "quoted", sku: event.sku, trace }));
  return quote;
};
