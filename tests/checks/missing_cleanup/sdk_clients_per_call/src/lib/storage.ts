// A factory that builds a fresh S3 client (its own keep-alive socket
// pool) every time it is called; nothing in it is a leak by itself.
import { S3Client } from "@aws-sdk/client-s3";

export function makeBucketClient() {
  if (!process.env.BUCKET_KEY) {
    return null;
  }
  const client = new S3Client({
    region: process.env.BUCKET_REGION,
    credentials: { accessKeyId: process.env.BUCKET_KEY, secretAccessKey: process.env.BUCKET_SECRET ?? "" },
  });
  return client;
}

// One client for the process: the right shape.
export const sharedBucket = new S3Client({ region: process.env.BUCKET_REGION });
