// The in-process queue against the JobQueue contract, plus what only it promises: injected timers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunJob } from '../domain/ports/job-queue.js';
import { runJobQueueConformance } from './job-queue-conformance.js';
import { createMemoryQueue } from './memory-queue.js';

runJobQueueConformance('memory', ({ onError }) => {
  const queue = createMemoryQueue({ onError });
  return Promise.resolve({ queue, dispose: () => queue.close({ timeoutMs: 0 }) });
});

function manualTimers() {
  let clock = 0;
  const timers: { at: number; fire: () => void; cancelled: boolean }[] = [];
  return {
    now: () => clock,
    setTimer: (fire: () => void, delayMs: number) => {
      const timer = { at: clock + delayMs, fire, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    advance(ms: number) {
      clock += ms;
      for (const timer of timers.filter((x) => !x.cancelled && x.at <= clock)) {
        timer.cancelled = true;
        timer.fire();
      }
    },
    pending: () => timers.filter((x) => !x.cancelled).length,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createMemoryQueue with injected timers', () => {
  it('promotes delayed jobs only when their timer fires, earliest due first', async () => {
    const timers = manualTimers();
    const queue = createMemoryQueue({ now: timers.now, setTimer: timers.setTimer });
    const seen: number[] = [];
    await queue.consume((job: RunJob) => Promise.resolve(void seen.push(job.attempt)), { concurrency: 1 });
    await queue.enqueue({ tenantId: 't', runId: 'r', attempt: 2 }, { delayMs: 200 });
    await queue.enqueue({ tenantId: 't', runId: 'r', attempt: 1 }, { delayMs: 100 });
    await tick();
    assert.deepEqual(seen, []);
    assert.equal(await queue.countWaiting(), 2);
    timers.advance(150);
    await tick();
    assert.deepEqual(seen, [1]);
    timers.advance(100);
    await tick();
    assert.deepEqual(seen, [1, 2]);
    await queue.close();
  });

  it('drops waiting and delayed jobs on close and cancels their timers', async () => {
    const timers = manualTimers();
    const queue = createMemoryQueue({ now: timers.now, setTimer: timers.setTimer });
    await queue.enqueue({ tenantId: 't', runId: 'r', attempt: 1 }, { delayMs: 100 });
    await queue.enqueue({ tenantId: 't', runId: 'r2', attempt: 1 });
    await queue.close();
    assert.equal(timers.pending(), 0);
    assert.equal(await queue.countWaiting(), 0);
    assert.equal(await queue.hasLiveJob('t', 'r'), false);
    assert.equal((await queue.check()).ok, false);
  });

  it('refuses a second consumer and a concurrency below one', async () => {
    const queue = createMemoryQueue();
    await assert.rejects(
      queue.consume(() => Promise.resolve(), { concurrency: 0 }),
      /positive integer/,
    );
    await queue.consume(() => Promise.resolve(), { concurrency: 1 });
    await assert.rejects(
      queue.consume(() => Promise.resolve(), { concurrency: 1 }),
      /already has a consumer/,
    );
    await queue.close();
  });
});
