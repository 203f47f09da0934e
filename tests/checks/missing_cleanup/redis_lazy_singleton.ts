// path: src/session/store.ts
// stack: express ioredis connect-redis
// A Redis client built on first use into a module variable, under a test
// of that variable, is the process's one client: built once, it lives as
// long as the process, like one built at module level. A client built per
// call and never closed leaves a socket open each time.
import Redis from 'ioredis';
import { RedisStore } from 'connect-redis';

let sessionClient: Redis | null = null;
let sessionStore: RedisStore | null = null;

export const sessionRedisStore = (): RedisStore => {
  if (!sessionClient) {
    if (process.env.REDIS_URL) {
      sessionClient = new Redis(process.env.REDIS_URL);
    } else {
      sessionClient = new Redis({ host: process.env.REDIS_HOST || 'localhost', port: 6379 });
    }
  }
  if (!sessionStore) {
    sessionStore = new RedisStore({ client: sessionClient });
  }
  return sessionStore;
};

let lastClient: Redis | null = null;

export async function touchSession(id: string) {
  lastClient = new Redis(process.env.REDIS_URL as string); // expect: missing_cleanup MEDIUM
  await lastClient.expire(`sess:${id}`, 3600);
}

export async function sessionTtl(id: string) {
  const client = new Redis(process.env.REDIS_URL as string); // expect: missing_cleanup MEDIUM
  return client.ttl(`sess:${id}`);
}
