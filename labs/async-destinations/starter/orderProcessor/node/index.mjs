// orderProcessor: accepts an order, or rejects one whose amount is not positive.
// Invoked asynchronously (InvocationType Event): Lambda retries an event only when the
// function FAILS (throws). TODO: a rejected order must throw an Error, not return a result.
export const handler = async (event) => {
  const orderId = event.orderId ?? "unknown";
  const amount = event.amount ?? 0;
  console.log(JSON.stringify({ orderId, amount }));
  if (amount <= 0) {
    // TODO: throw new Error(`amount must be positive for order ${orderId}`) instead:
    // a returned value is a success for Lambda, so nothing is retried or sent on failure.
    return { status: "rejected", orderId };
  }
  return { status: "accepted", orderId };
};
