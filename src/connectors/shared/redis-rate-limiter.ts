// A sliding-window limiter whose budget lives in Redis, so every process of a tenant shares it. One
// sorted set per key holds a member per taken slot, scored by when it frees; Lua scripts take and
// release slots atomically on Redis's own clock, and tell a waiter how long to sleep (never polling).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { TransientError } from '../../domain/errors.js';
import type { RateLimiter, RateLimitWindow } from './rate-limiter.js';
import { assertWindow } from './rate-limiter.js';

export interface RedisRateLimiterOptions extends RateLimitWindow {
  redis: Pick<Redis, 'eval'>;
  /** Namespaces the keys, e.g. `sales-agent:rl:`. */
  prefix: string;
  /** The longest a call may hold its slot while running (default 60 s, plus the interval). */
  maxCallMs?: number;
}

// Takes a slot scored `now + lease` (a running call holds it; the lease only matters if the process
// dies mid-call) and returns 0, or returns how long to wait. A waiter never sleeps longer than one
// interval: a running call's slot frees `interval` after it settles, which is at least that far off.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local lease = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[3])
  if redis.call('PTTL', KEYS[1]) < lease + 1000 then redis.call('PEXPIRE', KEYS[1], lease + 1000) end
  return 0
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.min(tonumber(first[2]) - now, interval))
`;

// The call settled: its slot frees `interval` from now. XX: a slot whose lease ran out stays gone.
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
return 1
`;

/** How long a running call may hold its slot if its process dies before releasing it. */
const DEFAULT_LEASE_MS = 60_000;

interface Job {
  run: (token: string) => void;
  fail: (error: Error) => void;
}

export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  assertWindow(options);
  const { redis, limit, intervalMs, prefix } = options;
  const leaseMs = (options.maxCallMs ?? DEFAULT_LEASE_MS) + intervalMs;
  // One drain loop per key in this process keeps local FIFO order; across processes order is not global.
  const queues = new Map<string, Job[]>();

  async function acquire(redisKey: string, token: string): Promise<number> {
    const reply = await redis.eval(ACQUIRE, 1, redisKey, limit, intervalMs, token, leaseMs);
    return Number(reply);
  }

  function release(redisKey: string, token: string): void {
    // A lost release only means the slot stays taken until its lease runs out.
    redis.eval(RELEASE, 1, redisKey, intervalMs, token).catch(() => undefined);
  }

  async function drain(key: string, queue: Job[]): Promise<void> {
    const redisKey = `${prefix}${key}`;
    while (queue.length > 0) {
      const token = randomUUID();
      let wait: number;
      try {
        wait = await acquire(redisKey, token);
      } catch (error) {
        queue.shift()?.fail(new TransientError(`rate limiter unavailable for ${key}`, { cause: error }));
        continue;
      }
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      queue.shift()?.run(token);
    }
    queues.delete(key);
  }

  return {
    schedule<T>(key: string, fn: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const redisKey = `${prefix}${key}`;
        const job: Job = {
          fail: reject,
          run: (token) => {
            Promise.resolve()
              .then(fn)
              .then(
                (value) => {
                  release(redisKey, token);
                  resolve(value);
                },
                (error: unknown) => {
                  release(redisKey, token);
                  reject(error instanceof Error ? error : new Error(String(error)));
                },
              );
          },
        };
        const existing = queues.get(key);
        if (existing) {
          existing.push(job);
          return;
        }
        const queue = [job];
        queues.set(key, queue);
        void drain(key, queue);
      });
    },
  };
}
