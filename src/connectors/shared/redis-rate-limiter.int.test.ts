// Runs against a real Redis (TEST_REDIS_URL, else REDIS_URL). Without one it is skipped visibly, and
// in CI (CI=true) that is a failure: a shared rate budget must not go untested quietly.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisRateLimiter } from './redis-rate-limiter.js';
import { defineRateLimiterConformance, maxStartsPerWindow, runJobs } from './rate-limiter-conformance.js';

const url = (process.env['TEST_REDIS_URL'] ?? process.env['REDIS_URL'] ?? '').trim();
const SKIPPED = 'Redis tests skipped: set TEST_REDIS_URL or REDIS_URL to run them';

if (url !== '') {
  describe('createRedisRateLimiter', () => {
    const clients: Redis[] = [];
    const connect = (): Redis => {
      const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false });
      clients.push(client);
      return client;
    };
    const redis = connect();
    const prefix = `test:rl:${randomUUID()}:`;
    after(async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await Promise.all(clients.map((c) => c.quit()));
    });

    defineRateLimiterConformance({
      make: (limit, intervalMs) => createRedisRateLimiter({ redis, limit, intervalMs, prefix }),
      key: (name) => `${name}:${randomUUID()}`,
      clockSlackMs: 2,
    });

    it('shares one budget between processes (two clients, one key)', async () => {
      const key = `shared:${randomUUID()}`;
      const a = createRedisRateLimiter({ redis: connect(), limit: 3, intervalMs: 100, prefix });
      const b = createRedisRateLimiter({ redis: connect(), limit: 3, intervalMs: 100, prefix });
      const [ta, tb] = await Promise.all([runJobs(a, key, 6, 'a'), runJobs(b, key, 6, 'b')]);
      const starts = [...ta, ...tb].map((t) => t.start);
      assert.equal(starts.length, 12);
      assert.ok(maxStartsPerWindow(starts, 100, 2) <= 3);
    });

    it('fails the call with a TransientError when Redis cannot be reached', async () => {
      const dead = new Redis('redis://127.0.0.1:1', {
        maxRetriesPerRequest: 0,
        lazyConnect: true,
        retryStrategy: () => null,
      });
      const limiter = createRedisRateLimiter({ redis: dead, limit: 1, intervalMs: 10, prefix });
      await assert.rejects(
        limiter.schedule('k', () => Promise.resolve(1)),
        { name: 'TransientError' },
      );
      dead.disconnect();
    });
  });
} else if (process.env['CI'] === 'true') {
  describe('createRedisRateLimiter', () => {
    it('has a Redis to test against', () =>
      assert.fail('CI requires Redis: set REDIS_URL (or TEST_REDIS_URL)'));
  });
} else {
  describe('createRedisRateLimiter', { skip: SKIPPED }, () => undefined);
}
