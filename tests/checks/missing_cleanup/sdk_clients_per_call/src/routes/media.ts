import express from "express";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
import Redis from "ioredis";
import { makeBucketClient, sharedBucket } from "../lib/storage";

export const media = express.Router();

// Every download builds a client through the factory and drops it.
media.get("/media/:key", async (req, res) => {
  const bucket = makeBucketClient(); // expect: missing_cleanup MEDIUM
  if (!bucket) {
    return res.sendStatus(404);
  }
  const out = await bucket.send(new GetObjectCommand({ Bucket: "media", Key: req.params.key }));
  res.type(out.ContentType ?? "application/octet-stream");
  res.send(await out.Body?.transformToByteArray());
});

// Built inline per upload, never destroyed.
media.put("/media/:key", async (req, res) => {
  const s3 = new S3Client({ region: "eu-west-1" }); // expect: missing_cleanup MEDIUM
  await s3.send(new PutObjectCommand({ Bucket: "media", Key: req.params.key, Body: req.body }));
  res.sendStatus(201);
});

// A Redis connection opened per request and never quit.
media.post("/media/:key/views", async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL ?? ""); // expect: missing_cleanup MEDIUM
  const views = await redis.incr(`views:${req.params.key}`);
  res.json({ views });
});

// Look-alike: destroyed once the request is done.
media.post("/media/:key/notify", async (req, res) => {
  const queue = new SQSClient({ region: "eu-west-1" });
  try {
    await queue.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: req.params.key }));
  } finally {
    queue.destroy();
  }
  res.sendStatus(202);
});

// Look-alike: a Redis connection closed with quit() after use.
media.delete("/media/:key/views", async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL ?? "");
  await redis.del(`views:${req.params.key}`);
  await redis.quit();
  res.sendStatus(204);
});

// Look-alike: the module-level client, shared by every request.
media.head("/media/:key", async (req, res) => {
  await sharedBucket.send(new GetObjectCommand({ Bucket: "media", Key: req.params.key }));
  res.sendStatus(200);
});
