export const handler = async (event) => {
  console.log("Received event:", JSON.stringify(event));
  // TODO: greet the caller by name, e.g. {"name": "Ada"} -> "Hello, Ada!"
  return { statusCode: 200, body: JSON.stringify("Hello from Lambda!") };
};
