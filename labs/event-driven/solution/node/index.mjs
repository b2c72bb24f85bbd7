// Store each product-visit message from SQS as an item in DynamoDB (keyed by MessageId, so a
// message delivered twice does not create a duplicate). Uses the AWS SDK for JavaScript v3,
// which the Lambda Node.js runtimes include.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";

const table = process.env.TABLE_NAME ?? "ProductVisits";
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const records = event.Records ?? [];
  for (const record of records) {
    const visit = JSON.parse(record.body);
    const item = { ProductVisitKey: record.messageId };
    for (const [key, value] of Object.entries(visit)) item[key] = String(value);
    await db.send(new PutCommand({ TableName: table, Item: item }));
    console.log("Stored visit", item.ProductVisitKey, "for product", visit.ProductId);
  }
  return { stored: records.length };
};
