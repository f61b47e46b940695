// The reconciler over a fake dispatch query and the in-process queue: what the database lists as
// dispatchable ends up on the queue once, passes never overlap, and stop() waits for the pass in flight.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobQueue, RunJob } from '../domain/ports/job-queue.js';
import type { DispatchCandidate, RunDispatch } from '../domain/ports/run-queries.js';
import { createMemoryQueue } from './memory-queue.js';
import { createReconciler } from './reconciler.js';

const NOW = '2026-11-25T15:00:00.000Z';

function candidate(
  runId: string,
  attempt = 1,
  status: DispatchCandidate['status'] = 'pending',
): DispatchCandidate {
  return { tenantId: 'tenant-a', runId, status, attempt };
}

/** listDispatchable over a fixed list; `gate`, when set, holds each call until released. */
function fakeDispatch(candidates: DispatchCandidate[]) {
  const calls: { now: string; limit: number }[] = [];
  let active = 0;
  let maxActive = 0;
  let gate: Promise<void> | null = null;
  const dispatch: Pick<RunDispatch, 'listDispatchable'> = {
    async listDispatchable(now, limit) {
      calls.push({ now, limit });
      active += 1;
      maxActive = Math.max(maxActive, active);
      if (gate) await gate;
      active -= 1;
      return candidates.slice(0, limit);
    },
  };
  return {
    dispatch,
    calls,
    maxActive: () => maxActive,
    hold() {
      let release: () => void = () => undefined;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        gate = null;
        release();
      };
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await pause(10);
  assert.ok(condition(), `gave up waiting for ${what}`);
}

function recordingQueue(queue: JobQueue) {
  const enqueued: RunJob[] = [];
  const wrapped: Pick<JobQueue, 'enqueue' | 'hasLiveJob'> = {
    enqueue: (job, options) => {
      enqueued.push(job);
      return queue.enqueue(job, options);
    },
    hasLiveJob: (tenantId, runId) => queue.hasLiveJob(tenantId, runId),
  };
  return { wrapped, enqueued };
}

describe('createReconciler', () => {
  it('enqueues dispatchable runs that have no live job, for their current attempt', async () => {
    const queue = createMemoryQueue();
    await queue.enqueue({ tenantId: 'tenant-a', runId: 'queued', attempt: 1 });
    const fake = fakeDispatch([
      candidate('queued'),
      candidate('lost', 3),
      candidate('crashed', 2, 'running'),
    ]);
    const { wrapped, enqueued } = recordingQueue(queue);
    const reconciler = createReconciler({
      dispatch: fake.dispatch,
      queue: wrapped,
      now: () => NOW,
      intervalMs: 1000,
      batchSize: 50,
    });
    assert.deepEqual(await reconciler.runOnce(), { enqueued: 2 });
    assert.deepEqual(fake.calls, [{ now: NOW, limit: 50 }]);
    assert.deepEqual(enqueued, [
      { tenantId: 'tenant-a', runId: 'lost', attempt: 3 },
      { tenantId: 'tenant-a', runId: 'crashed', attempt: 2 },
    ]);
    assert.equal(await queue.hasLiveJob('tenant-a', 'lost'), true);
    assert.equal(await queue.countWaiting(), 3);
    // The next pass finds every run on the queue and adds nothing.
    assert.deepEqual(await reconciler.runOnce(), { enqueued: 0 });
    assert.equal(await queue.countWaiting(), 3);
    await queue.close();
  });

  it('keeps going past a run it cannot enqueue and reports the pass once', async () => {
    const queue = createMemoryQueue();
    const errors: unknown[] = [];
    const failing: Pick<JobQueue, 'enqueue' | 'hasLiveJob'> = {
      enqueue: (job) => (job.runId === 'bad' ? Promise.reject(new Error('redis down')) : queue.enqueue(job)),
      hasLiveJob: (t, r) => queue.hasLiveJob(t, r),
    };
    const fake = fakeDispatch([candidate('bad'), candidate('good')]);
    const reconciler = createReconciler({
      dispatch: fake.dispatch,
      queue: failing,
      now: () => NOW,
      intervalMs: 1000,
      onError: (e) => errors.push(e),
    });
    assert.deepEqual(await reconciler.runOnce(), { enqueued: 1 });
    assert.equal(await queue.hasLiveJob('tenant-a', 'good'), true);
    assert.equal(errors.length, 1);
    const [error] = errors;
    assert.ok(error instanceof Error);
    assert.match(error.message, /1 of 2/);
    assert.equal((error.cause as Error).message, 'redis down');
    await queue.close();
  });

  it('never runs two passes at once: a call during a pass joins it', async () => {
    const queue = createMemoryQueue();
    const fake = fakeDispatch([candidate('r1')]);
    const release = fake.hold();
    const reconciler = createReconciler({ dispatch: fake.dispatch, queue, now: () => NOW, intervalMs: 1000 });
    const first = reconciler.runOnce();
    const second = reconciler.runOnce();
    release();
    assert.deepEqual(await Promise.all([first, second]), [{ enqueued: 1 }, { enqueued: 1 }]);
    assert.equal(fake.calls.length, 1);
    assert.equal(await queue.countWaiting(), 1);
    await queue.close();
  });

  it('on start, passes repeatedly without overlap; stop waits for the pass in flight and ends the loop', async () => {
    const queue = createMemoryQueue();
    const fake = fakeDispatch([]);
    const reconciler = createReconciler({ dispatch: fake.dispatch, queue, now: () => NOW, intervalMs: 5 });
    reconciler.start();
    reconciler.start();
    await eventually('two passes', () => fake.calls.length >= 2);
    const release = fake.hold();
    const heldAt = fake.calls.length;
    await eventually('a held pass', () => fake.calls.length > heldAt);
    const events: string[] = [];
    const stopped = reconciler.stop().then(() => events.push('stopped'));
    await pause(30);
    events.push('released');
    release();
    await stopped;
    assert.deepEqual(events, ['released', 'stopped']);
    assert.equal(fake.maxActive(), 1);
    const callsAtStop = fake.calls.length;
    await pause(50);
    assert.equal(fake.calls.length, callsAtStop, 'no pass after stop');
    await queue.close();
  });

  it('restores runs whose jobs the queue lost, after a restart of the queue', async () => {
    const before = createMemoryQueue();
    await before.enqueue({ tenantId: 'tenant-a', runId: 'r1', attempt: 1 });
    await before.close();
    const after = createMemoryQueue();
    const fake = fakeDispatch([candidate('r1')]);
    const reconciler = createReconciler({
      dispatch: fake.dispatch,
      queue: after,
      now: () => NOW,
      intervalMs: 1000,
    });
    const handled: RunJob[] = [];
    await after.consume((job) => Promise.resolve(void handled.push(job)), { concurrency: 1 });
    await reconciler.runOnce();
    await eventually('the restored run', () => handled.length === 1);
    assert.deepEqual(handled, [{ tenantId: 'tenant-a', runId: 'r1', attempt: 1 }]);
    await after.close();
  });
});
