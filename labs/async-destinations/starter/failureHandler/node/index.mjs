// failureHandler: handles the orders orderProcessor failed on, read from OrderFailures.
// Each SQS record's body is Lambda's invocation record (JSON): requestContext (condition,
// approximateInvokeCount), requestPayload (the event that failed), responsePayload (the error).
// TODO: parse the body; log "FAILED order <orderId>: <condition> after <count> attempts:
// <errorMessage>" and return { handled: [<orderId>, ...] }.
export const handler = async (event) => {
  const handled = [];
  for (const record of event.Records) {
    console.log(record.body);
    handled.push(record.messageId); // TODO: the order id from the record's requestPayload
  }
  return { handled };
};
