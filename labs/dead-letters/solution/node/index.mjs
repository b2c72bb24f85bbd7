// Process order messages from the Orders queue, reporting only the records that fail.
//
// A qty sent as a numeric string ("3") by the old producer is read as a number; a record
// whose qty is no number at all is reported in batchItemFailures, so only it is retried.

function processOrder(body) {
  const qty = Number(body.qty); // the fix: "3" is 3; "lots" is NaN and still fails
  if (!Number.isInteger(qty)) {
    throw new Error(`order ${body.order}: qty ${JSON.stringify(body.qty)} is not a number`);
  }
  console.log("PROCESSED", body.order, "x", qty);
}

export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    console.log("RECEIVED", record.messageId, "ApproximateReceiveCount",
      record.attributes.ApproximateReceiveCount);
    try {
      processOrder(JSON.parse(record.body));
    } catch (error) {
      console.log("FAILED", record.messageId, error.message);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
