// The BullMQ driver on a real Redis: the JobQueue contract, then what only Redis brings: losing every
// key (a flush) and a worker that dies holding a job. Each test uses its own key prefix and deletes it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { Redis } from 'ioredis';
import type { RunJob } from '../domain/ports/job-queue.js';
import type { BullmqQueueOptions } from './bullmq-queue.js';
import { createBullmqQueue } from './bullmq-queue.js';
import { toBullmqJobId } from './bullmq-job-id.js';
import { runJobQueueConformance } from './job-queue-conformance.js';
import { createReconciler } from './reconciler.js';

const redisUrl = (process.env['TEST_REDIS_URL'] ?? process.env['REDIS_URL'] ?? '').trim() || null;
const isCi = process.env['CI'] === 'true';

async function deleteKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<
      string[]
    >) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

function describeWithRedis(name: string, body: (url: string) => void): void {
  if (redisUrl !== null) {
    const url = redisUrl;
    describe(name, () => body(url));
  } else if (isCi) {
    describe(name, () => {
      it('has a Redis to test against', () =>
        assert.fail('CI requires Redis: set REDIS_URL (or TEST_REDIS_URL)'));
    });
  } else {
    describe(
      name,
      { skip: 'Redis tests skipped: set TEST_REDIS_URL or REDIS_URL to run them' },
      () => undefined,
    );
  }
}

function newPrefix(): string {
  return `sa-test-${randomUUID()}`;
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(what: string, condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await tick(20);
  }
  assert.fail(`gave up waiting for ${what}`);
}

describeWithRedis('createBullmqQueue', (url) => {
  runJobQueueConformance('bullmq', ({ onError }) => {
    const prefix = newPrefix();
    const queue = createBullmqQueue({ redisUrl: url, prefix, onError });
    const dispose = async () => {
      await queue.close({ timeoutMs: 100 });
      await deleteKeys(url, prefix);
    };
    return Promise.resolve({ queue, dispose });
  });

  function open(t: TestContext, prefix: string, extra: Partial<BullmqQueueOptions> = {}) {
    const errors: unknown[] = [];
    const queue = createBullmqQueue({ redisUrl: url, prefix, onError: (e) => errors.push(e), ...extra });
    t.after(async () => {
      await queue.close({ timeoutMs: 100 });
      await deleteKeys(url, prefix);
    });
    return { queue, errors };
  }

  it('names jobs with ids BullMQ accepts, even when tenant and run ids contain ":" or "|"', async (t) => {
    const { queue } = open(t, newPrefix());
    const job: RunJob = { tenantId: 'acme:eu|1', runId: '42', attempt: 1 };
    const other: RunJob = { tenantId: 'acme', runId: 'eu|1:42', attempt: 1 };
    assert.notEqual(toBullmqJobId(job), toBullmqJobId(other));
    await queue.enqueue(job);
    await queue.enqueue(other);
    assert.equal(await queue.countWaiting(), 2);
    assert.equal(await queue.hasLiveJob('acme:eu|1', '42'), true);
  });

  it('takes enqueues made together (a batch of new runs) as one, each still idempotent', async (t) => {
    const { queue } = open(t, newPrefix());
    const jobs: RunJob[] = Array.from({ length: 30 }, (_, i) => ({
      tenantId: 't1',
      runId: `run-${i}`,
      attempt: 0,
    }));
    const delayed: RunJob = { tenantId: 't1', runId: 'later', attempt: 1 };
    await Promise.all([
      ...jobs.map((job) => queue.enqueue(job)),
      queue.enqueue(jobs[0] as RunJob),
      queue.enqueue(delayed, { delayMs: 60_000 }),
    ]);
    assert.equal(await queue.countWaiting(), 31, 'every job once, the delayed one included');
    await Promise.all(jobs.slice(0, 5).map((job) => queue.enqueue(job)));
    assert.equal(await queue.countWaiting(), 31, 'a job still waiting is not added twice');
    for (const job of [...jobs, delayed]) assert.equal(await queue.hasLiveJob(job.tenantId, job.runId), true);
  });

  it('forgets every job when its Redis keys are lost, and the reconciler restores them', async (t) => {
    const prefix = newPrefix();
    const { queue } = open(t, prefix);
    const waiting: RunJob = { tenantId: 't1', runId: 'r1', attempt: 1 };
    const delayed: RunJob = { tenantId: 't1', runId: 'r2', attempt: 2 };
    await queue.enqueue(waiting);
    await queue.enqueue(delayed, { delayMs: 60_000 });
    assert.equal(await queue.hasLiveJob('t1', 'r1'), true);
    assert.ok((await deleteKeys(url, prefix)) > 0);
    assert.equal(await queue.hasLiveJob('t1', 'r1'), false);
    assert.equal(await queue.hasLiveJob('t1', 'r2'), false);
    assert.equal(await queue.countWaiting(), 0);
    // The database still lists both runs as due; the reconciler puts them back under the same ids.
    const dispatchable = [waiting, delayed].map((j) => ({ ...j, status: 'pending' as const }));
    const reconciler = createReconciler({
      dispatch: { listDispatchable: () => Promise.resolve(dispatchable) },
      queue,
      now: () => '2026-11-25T15:00:00.000Z',
      intervalMs: 1000,
    });
    assert.deepEqual(await reconciler.runOnce(), { enqueued: 2 });
    const seen: RunJob[] = [];
    await queue.consume((j) => Promise.resolve(void seen.push(j)), { concurrency: 1 });
    await eventually('the restored jobs', () => Promise.resolve(seen.length === 2));
    assert.deepEqual(seen, [waiting, delayed]);
    assert.deepEqual(
      await reconciler.runOnce(),
      { enqueued: 2 },
      'completed jobs are not live: due runs go back',
    );
  });

  it('re-runs a job whose worker died holding it, once its lock expires', async (t) => {
    const prefix = newPrefix();
    const fast = { lockDurationMs: 1_000, stalledIntervalMs: 300 };
    const dying = open(t, prefix, fast);
    const job: RunJob = { tenantId: 't1', runId: 'r1', attempt: 1 };
    let firstStarted = false;
    await dying.queue.enqueue(job);
    await dying.queue.consume(
      async () => {
        firstStarted = true;
        await new Promise<never>(() => undefined);
      },
      { concurrency: 1 },
    );
    await eventually('the first worker to take the job', () => Promise.resolve(firstStarted));
    // A close that times out cuts the connection without finishing the job: the job is left active
    // with a lock nobody renews, as after a SIGKILL.
    await dying.queue.close({ timeoutMs: 50 });
    const survivor = open(t, prefix, fast);
    assert.equal(
      await survivor.queue.hasLiveJob('t1', 'r1'),
      true,
      'still active until the stall is detected',
    );
    const rerun: RunJob[] = [];
    await survivor.queue.consume((j) => Promise.resolve(void rerun.push(j)), { concurrency: 1 });
    await eventually('the stalled job to run again', () => Promise.resolve(rerun.length === 1));
    assert.deepEqual(rerun, [job]);
    await eventually('the re-run to complete', async () => !(await survivor.queue.hasLiveJob('t1', 'r1')));
  });

  it('reports unhealthy when Redis cannot be reached', async (t) => {
    const queue = createBullmqQueue({
      redisUrl: 'redis://127.0.0.1:1',
      prefix: newPrefix(),
      onError: () => undefined,
    });
    t.after(() => queue.close({ timeoutMs: 100 }));
    const health = await queue.check();
    assert.equal(health.ok, false);
    await assert.rejects(queue.enqueue({ tenantId: 't', runId: 'r', attempt: 1 }));
  });
});
