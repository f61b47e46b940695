// One behaviour suite for every RateLimiter (memory and Redis), as BullMQ runs one suite on every
// Redis client. Imported by tests only. Windows are short (100 ms) so the suite runs fast; the
// assertions are on order and spacing of recorded starts, never on how long the test took.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { RateLimiter } from './rate-limiter.js';

export interface ConformanceSubject {
  /** A fresh limiter with the given window; each call may use a fresh key space. */
  make(limit: number, intervalMs: number): RateLimiter;
  /** A key no other test uses. */
  key(name: string): string;
  /** Allowed clock disagreement in ms between the limiter's clock and Date.now (Redis TIME is truncated to ms). */
  clockSlackMs: number;
}

interface Timing {
  label: string;
  start: number;
  end: number;
}

/** Runs `count` jobs of ~1 ms and returns when each started and ended, by Date.now. */
export async function runJobs(
  limiter: RateLimiter,
  key: string,
  count: number,
  labelPrefix = '',
): Promise<Timing[]> {
  const timings: Timing[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      limiter.schedule(key, async () => {
        const start = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 1));
        timings.push({ label: `${labelPrefix}${i}`, start, end: Date.now() });
      }),
    ),
  );
  return timings;
}

/** The largest number of starts inside any half-open window [t, t + intervalMs). */
export function maxStartsPerWindow(starts: readonly number[], intervalMs: number, slackMs = 0): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const from = sorted[i] ?? 0;
    const inWindow = sorted.filter((t) => t >= from && t < from + intervalMs - slackMs).length;
    best = Math.max(best, inWindow);
  }
  return best;
}

export function defineRateLimiterConformance(subject: ConformanceSubject): void {
  it('never starts more than `limit` calls of one key in any window', async () => {
    const limiter = subject.make(4, 100);
    const timings = await runJobs(limiter, subject.key('window'), 13);
    assert.equal(timings.length, 13);
    assert.ok(
      maxStartsPerWindow(
        timings.map((t) => t.start),
        100,
        subject.clockSlackMs,
      ) <= 4,
    );
  });

  it('starts the calls of one key in the order they were scheduled', async () => {
    const limiter = subject.make(2, 50);
    const timings = await runJobs(limiter, subject.key('fifo'), 7);
    const byStart = [...timings].sort((a, b) => a.start - b.start || Number(a.label) - Number(b.label));
    assert.deepEqual(
      byStart.map((t) => t.label),
      ['0', '1', '2', '3', '4', '5', '6'],
    );
  });

  it("keeps keys apart: one tenant's full budget does not hold back another", async () => {
    const limiter = subject.make(2, 300);
    const busy = subject.key('tenant-a');
    const order: string[] = [];
    const jobs = [1, 2, 3].map((n) => limiter.schedule(busy, () => Promise.resolve(order.push(`a${n}`))));
    const other = limiter.schedule(subject.key('tenant-b'), () => Promise.resolve(order.push('b1')));
    await Promise.all([...jobs, other]);
    assert.ok(order.indexOf('b1') < order.indexOf('a3'), `order was ${order.join(',')}`);
  });

  it("passes a call's failure to its caller and keeps serving the queue", async () => {
    const limiter = subject.make(1, 20);
    const key = subject.key('failure');
    const failing = limiter.schedule(key, () => Promise.reject(new Error('boom')));
    const next = limiter.schedule(key, () => Promise.resolve('ok'));
    await assert.rejects(failing, /boom/);
    assert.equal(await next, 'ok');
  });
}
