export const handler = async (event) => {
  console.log("Received event:", JSON.stringify(event));
  const message = `Hello, ${event.name ?? "world"}!`;
  console.log(message);
  return { statusCode: 200, body: message };
};
