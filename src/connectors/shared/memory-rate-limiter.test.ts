import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryRateLimiter } from './memory-rate-limiter.js';
import { defineRateLimiterConformance, runJobs } from './rate-limiter-conformance.js';

describe('createMemoryRateLimiter', () => {
  defineRateLimiterConformance({
    make: (limit, intervalMs) => createMemoryRateLimiter({ limit, intervalMs }),
    key: (name) => `test:${name}`,
    clockSlackMs: 0,
  });

  it('frees a slot an interval after the call ended, not after it started', async () => {
    const limiter = createMemoryRateLimiter({ limit: 1, intervalMs: 30 });
    const slow = await runJobs(limiter, 'k', 2);
    const [first, second] = [...slow].sort((a, b) => a.start - b.start);
    assert.ok(first && second);
    assert.ok(
      second.start >= first.end + 30,
      `second started ${second.start - first.end} ms after the first ended`,
    );
  });

  it('waits on a timer instead of polling the clock', async () => {
    let clockReads = 0;
    const limiter = createMemoryRateLimiter({
      limit: 2,
      intervalMs: 40,
      now: () => (clockReads++, Date.now()),
    });
    await runJobs(limiter, 'k', 10);
    // Each call reads the clock about twice (start, settle) plus one read per timer wake-up; a
    // busy-wait would read it thousands of times over the ~200 ms this takes.
    assert.ok(clockReads < 60, `clock read ${clockReads} times`);
  });

  it('rejects a window that cannot work', () => {
    assert.throws(() => createMemoryRateLimiter({ limit: 0, intervalMs: 10 }), RangeError);
    assert.throws(() => createMemoryRateLimiter({ limit: 1, intervalMs: 0 }), RangeError);
  });
});
