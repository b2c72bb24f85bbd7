// priceLookup: the price of one SKU, read from the DynamoDB table XRayPrices.
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";

const dynamodb = new DynamoDBClient({});

export const handler = async (event) => {
  const sku = event.sku;
  const answer = await dynamodb.send(
    new GetItemCommand({ TableName: "XRayPrices", Key: { Sku: { S: sku } } }),
  );
  const price = answer.Item ? Number(answer.Item.Price.N) : null;
  console.log(JSON.stringify({ level: "INFO", message: "priced", sku, price }));
  return { sku, price };
};
