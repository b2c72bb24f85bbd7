// Store each transformed file's summary in DynamoDB: one item per object key. Each SQS
// record's body is the JSON the transform function sent: {key, bucket, words}.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";

const table = process.env.TABLE_NAME ?? "ProcessedFiles";
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const records = event.Records ?? [];
  for (const record of records) {
    const result = JSON.parse(record.body);
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { FileKey: result.key, OutputBucket: result.bucket, Words: Number(result.words) },
      }),
    );
    console.log("Recorded", result.key);
  }
  return { recorded: records.length };
};
