// Process order messages from the Orders queue.
//
// Each record's body is {"order": "...", "qty": N}. An old producer still sends qty as a
// string ("3"): this starter refuses it, so such a message fails the whole batch.

function processOrder(body) {
  const qty = body.qty;
  if (!Number.isInteger(qty)) {
    throw new Error(`order ${body.order}: qty ${JSON.stringify(qty)} is not a number`);
  }
  console.log("PROCESSED", body.order, "x", qty);
}

export const handler = async (event) => {
  for (const record of event.Records) {
    console.log("RECEIVED", record.messageId, "ApproximateReceiveCount",
      record.attributes.ApproximateReceiveCount);
    // TODO (step partial): one bad record fails the whole batch. Catch the error per
    // record and return {batchItemFailures: [{itemIdentifier: messageId}, ...]}.
    processOrder(JSON.parse(record.body));
  }
  return {};
};
