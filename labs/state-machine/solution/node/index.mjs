export const handler = async (event) => {
  console.log("Called by Step Functions with", JSON.stringify(event));
  return { greeting: "Hello from Lambda, called by Step Functions!", input: event };
};
