import { createClient } from "redis";

// A library client: its `set` is the driver's, asynchronous.
const cache = createClient({ url: process.env.REDIS_URL });
await cache.connect();

export default cache;
