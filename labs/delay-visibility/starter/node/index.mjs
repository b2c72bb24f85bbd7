// Run each job message from the Jobs queue: a job may take up to a minute (timeout 60 s).

export const handler = async (event) => {
  for (const record of event.Records) {
    const job = JSON.parse(record.body);
    console.log("JOB", job.job, "receive", record.attributes.ApproximateReceiveCount);
  }
  return {};
};
