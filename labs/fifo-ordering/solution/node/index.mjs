// Record the order in which each FIFO message group's messages arrive: append each record's
// seq to the Seqs list of the OrderLog item keyed by its MessageGroupId. Uses the AWS SDK for
// JavaScript v3, which the Lambda Node.js runtimes include.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";

const table = process.env.TABLE_NAME ?? "OrderLog";
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const records = event.Records ?? [];
  for (const record of records) {
    const group = record.attributes.MessageGroupId;
    const seq = Number(JSON.parse(record.body).seq);
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { GroupId: group },
        UpdateExpression: "SET Seqs = list_append(if_not_exists(Seqs, :empty), :seq)",
        ExpressionAttributeValues: { ":empty": [], ":seq": [seq] },
      }),
    );
    console.log("Recorded", group, "seq", seq);
  }
  return { recorded: records.length };
};
