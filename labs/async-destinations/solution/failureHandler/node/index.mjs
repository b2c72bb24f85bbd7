// failureHandler: handles the orders orderProcessor failed on, read from OrderFailures.
// Each SQS record's body is Lambda's invocation record (JSON): requestContext (condition,
// approximateInvokeCount), requestPayload (the event that failed), responsePayload (the error).
export const handler = async (event) => {
  const handled = [];
  for (const record of event.Records) {
    const invocation = JSON.parse(record.body);
    const orderId = invocation.requestPayload?.orderId ?? "unknown";
    const why = invocation.requestContext;
    const error = invocation.responsePayload?.errorMessage ?? "";
    console.log(
      `FAILED order ${orderId}: ${why.condition} after ${why.approximateInvokeCount} attempts: ${error}`,
    );
    handled.push(orderId);
  }
  return { handled };
};
