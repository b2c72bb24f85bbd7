// orderProcessor: accepts an order, or fails (throws) for one whose amount is not positive.
// Invoked asynchronously (InvocationType Event): Lambda retries an event only when the
// function fails, then sends it to the OnFailure destination and the dead-letter queue.
export const handler = async (event) => {
  const orderId = event.orderId ?? "unknown";
  const amount = event.amount ?? 0;
  console.log(JSON.stringify({ orderId, amount }));
  if (amount <= 0) {
    throw new Error(`amount must be positive for order ${orderId}`);
  }
  return { status: "accepted", orderId };
};
