// The Redis side of end-to-end tests: a unique queue prefix per test, counting and deleting the keys
// under it afterwards, and flushing a dedicated logical database to simulate a Redis that lost its data.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export function newQueuePrefix(label: string): string {
  return `sa-e2e-${label}-${randomUUID().slice(0, 8)}`;
}

async function withRedis<T>(url: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

async function scanKeys(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>)
    found.push(...keys);
  return found;
}

export function countKeys(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (redis) => (await scanKeys(redis, prefix)).length);
}

export function deleteKeys(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (redis) => {
    const keys = await scanKeys(redis, prefix);
    return keys.length === 0 ? 0 : redis.del(...keys);
  });
}

/** FLUSHDB on the logical database named in `url`: every key there is gone, as after a Redis restart without persistence. */
export function flushDatabase(url: string): Promise<void> {
  return withRedis(url, async (redis) => {
    await redis.flushdb();
  });
}
