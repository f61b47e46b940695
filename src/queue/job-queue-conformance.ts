// The JobQueue contract as tests, run against the in-process and the BullMQ drivers: delivery, dedupe by
// job id, delays, the concurrency bound, live-job answers, back-pressure counts and a graceful close.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import type { JobQueue, RunJob } from '../domain/ports/job-queue.js';

export interface QueueUnderTest {
  queue: JobQueue;
  /** Closes the queue if the test did not, and removes everything it stored. */
  dispose(): Promise<void>;
}

export type MakeQueue = (options: {
  onError: (error: unknown, job?: RunJob) => void;
}) => Promise<QueueUnderTest>;

/** How long a test waits for something the queue must eventually do; a hang fails instead of stalling CI. */
const PATIENCE_MS = 10_000;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function within<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const fail = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what}`)), PATIENCE_MS);
  });
  return Promise.race([promise, fail]).finally(() => clearTimeout(timer));
}

async function eventually(what: string, condition: () => Promise<boolean>): Promise<void> {
  const poll = async () => {
    while (!(await condition())) await pause(20);
  };
  await within(what, poll());
}

function newJob(attempt = 1): RunJob {
  return { tenantId: `tenant-${randomUUID()}`, runId: `run-${randomUUID()}`, attempt };
}

export function runJobQueueConformance(name: string, makeQueue: MakeQueue): void {
  async function setup(t: TestContext) {
    const errors: { error: unknown; job?: RunJob }[] = [];
    const made = await makeQueue({ onError: (error, job) => errors.push({ error, job }) });
    t.after(() => made.dispose());
    return { queue: made.queue, errors };
  }

  describe(`JobQueue conformance: ${name}`, () => {
    it('hands an enqueued job to the handler', async (t) => {
      const { queue } = await setup(t);
      const job = newJob();
      const handled = deferred<RunJob>();
      await queue.enqueue(job);
      await queue.consume((j) => Promise.resolve(handled.resolve(j)), { concurrency: 1 });
      assert.deepEqual(await within('the job', handled.promise), job);
    });

    it('runs a job enqueued twice (same run and attempt) once, but another attempt separately', async (t) => {
      const { queue } = await setup(t);
      const job = newJob(1);
      const nextAttempt = { ...job, attempt: 2 };
      const sentinel = newJob();
      await queue.enqueue(job);
      await queue.enqueue({ ...job });
      await queue.enqueue(nextAttempt);
      await queue.enqueue(sentinel);
      assert.equal(await queue.countWaiting(), 3);
      const seen: RunJob[] = [];
      const sentinelDone = deferred();
      await queue.consume(
        (j) => {
          seen.push(j);
          if (j.runId === sentinel.runId) sentinelDone.resolve();
          return Promise.resolve();
        },
        { concurrency: 1 },
      );
      await within('the sentinel job', sentinelDone.promise);
      // One at a time and first in, first out: the sentinel runs after anything enqueued before it.
      assert.deepEqual(seen, [job, nextAttempt, sentinel]);
    });

    it('runs a delayed job after the delay: after an immediate job enqueued later', async (t) => {
      const { queue } = await setup(t);
      const late = newJob();
      const early = newJob();
      await queue.enqueue(late, { delayMs: 300 });
      await queue.enqueue(early);
      const seen: string[] = [];
      const lateDone = deferred();
      await queue.consume(
        (j) => {
          seen.push(j.runId);
          if (j.runId === late.runId) lateDone.resolve();
          return Promise.resolve();
        },
        { concurrency: 4 },
      );
      await within('the delayed job', lateDone.promise);
      assert.deepEqual(seen, [early.runId, late.runId]);
    });

    it('never runs more handlers at once than the concurrency, and uses it', async (t) => {
      const { queue } = await setup(t);
      const jobs = Array.from({ length: 6 }, () => newJob());
      for (const job of jobs) await queue.enqueue(job);
      let inFlight = 0;
      let maxInFlight = 0;
      let started = 0;
      let finished = 0;
      const twoStarted = deferred();
      const allDone = deferred();
      await queue.consume(
        async () => {
          inFlight += 1;
          started += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          // The first two wait for each other, so a driver running one at a time hangs and fails.
          if (started === 2) twoStarted.resolve();
          if (started <= 2) await twoStarted.promise;
          await pause(15);
          inFlight -= 1;
          finished += 1;
          if (finished === jobs.length) allDone.resolve();
        },
        { concurrency: 2 },
      );
      await within('all jobs', allDone.promise);
      assert.equal(maxInFlight, 2);
    });

    it('says a run has a live job while it waits, is delayed or is active, and not after it completed', async (t) => {
      const { queue } = await setup(t);
      const waitingJob = newJob(1);
      const delayedJob = newJob(3);
      assert.equal(await queue.hasLiveJob(waitingJob.tenantId, waitingJob.runId), false);
      await queue.enqueue(waitingJob);
      await queue.enqueue(delayedJob, { delayMs: 60_000 });
      assert.equal(await queue.hasLiveJob(waitingJob.tenantId, waitingJob.runId), true);
      assert.equal(
        await queue.hasLiveJob(delayedJob.tenantId, delayedJob.runId),
        true,
        'delayed, any attempt',
      );
      assert.equal(
        await queue.hasLiveJob(waitingJob.tenantId, delayedJob.runId),
        false,
        'tenant and run together',
      );
      const started = deferred();
      const release = deferred();
      await queue.consume(
        async () => {
          started.resolve();
          await release.promise;
        },
        { concurrency: 1 },
      );
      await within('the handler to start', started.promise);
      assert.equal(await queue.hasLiveJob(waitingJob.tenantId, waitingJob.runId), true, 'active');
      release.resolve();
      await eventually(
        'the job to complete',
        async () => !(await queue.hasLiveJob(waitingJob.tenantId, waitingJob.runId)),
      );
      assert.equal(await queue.hasLiveJob(delayedJob.tenantId, delayedJob.runId), true);
    });

    it('accepts a completed job id again, for a run that must run once more', async (t) => {
      const { queue } = await setup(t);
      const job = newJob();
      let runs = 0;
      const second = deferred();
      await queue.consume(
        () => {
          runs += 1;
          if (runs === 2) second.resolve();
          return Promise.resolve();
        },
        { concurrency: 1 },
      );
      await queue.enqueue(job);
      await eventually(
        'the first run',
        async () => runs === 1 && !(await queue.hasLiveJob(job.tenantId, job.runId)),
      );
      await queue.enqueue(job);
      await within('the second run', second.promise);
    });

    it('accepts failed and completed job ids again in one batch with new ones, each run once more', async (t) => {
      const { queue } = await setup(t);
      const [failing, completing, fresh] = [newJob(), newJob(), newJob()];
      const seen: string[] = [];
      let broken = true;
      await queue.consume(
        (j) => {
          seen.push(j.runId);
          return broken && j.runId === failing.runId ? Promise.reject(new Error('handler broke')) : Promise.resolve();
        },
        { concurrency: 1 },
      );
      await Promise.all([queue.enqueue(failing), queue.enqueue(completing)]);
      await eventually('both first runs to end', async () => {
        const live = await Promise.all([failing, completing].map((j) => queue.hasLiveJob(j.tenantId, j.runId)));
        return seen.length === 2 && !live.includes(true);
      });
      broken = false;
      // Enqueued together: one batch holding a failed id, a completed id and a new one.
      await Promise.all([failing, completing, fresh].map((j) => queue.enqueue(j)));
      await eventually('the three runs', () => Promise.resolve(seen.length === 5));
      assert.deepEqual([...seen.slice(2)].sort(), [failing.runId, completing.runId, fresh.runId].sort());
    });

    it('reports a failing handler to onError and drops the job without retrying it', async (t) => {
      const { queue, errors } = await setup(t);
      const job = newJob();
      const sentinel = newJob();
      const seen: string[] = [];
      const sentinelDone = deferred();
      await queue.enqueue(job);
      await queue.enqueue(sentinel);
      await queue.consume(
        (j) => {
          seen.push(j.runId);
          if (j.runId !== sentinel.runId) return Promise.reject(new Error('handler broke'));
          sentinelDone.resolve();
          return Promise.resolve();
        },
        { concurrency: 1 },
      );
      await within('the sentinel', sentinelDone.promise);
      await eventually('the failure report', () => Promise.resolve(errors.length > 0));
      await eventually(
        'the job to be dropped',
        async () => !(await queue.hasLiveJob(job.tenantId, job.runId)),
      );
      assert.deepEqual(seen, [job.runId, sentinel.runId]);
      const [report] = errors;
      assert.equal(report?.error instanceof Error ? report.error.message : report?.error, 'handler broke');
      assert.deepEqual(report?.job, job);
    });

    it('counts waiting and delayed jobs, not active ones', async (t) => {
      const { queue } = await setup(t);
      assert.equal(await queue.countWaiting(), 0);
      const first = newJob();
      await queue.enqueue(first);
      await queue.enqueue(newJob());
      await queue.enqueue(newJob(), { delayMs: 60_000 });
      assert.equal(await queue.countWaiting(), 3);
      const started = deferred();
      const release = deferred();
      await queue.consume(
        async (j) => {
          if (j.runId === first.runId) started.resolve();
          await release.promise;
        },
        { concurrency: 1 },
      );
      await within('the first job', started.promise);
      assert.equal(await queue.countWaiting(), 2);
      release.resolve();
      await eventually('the waiting job to run', async () => (await queue.countWaiting()) === 1);
    });

    it('on close, waits for the active handler to finish, then refuses new jobs', async (t) => {
      const { queue } = await setup(t);
      const events: string[] = [];
      const started = deferred();
      const release = deferred();
      await queue.enqueue(newJob());
      await queue.consume(
        async () => {
          started.resolve();
          await release.promise;
          events.push('handler finished');
        },
        { concurrency: 1 },
      );
      await within('the handler to start', started.promise);
      const closed = queue.close({ timeoutMs: PATIENCE_MS }).then(() => events.push('closed'));
      await pause(100);
      events.push('released');
      release.resolve();
      await within('close', closed);
      assert.deepEqual(events, ['released', 'handler finished', 'closed']);
      await assert.rejects(queue.enqueue(newJob()));
    });

    it('on close, gives up on a handler that never finishes once the timeout passes', async (t) => {
      const { queue } = await setup(t);
      const started = deferred();
      await queue.enqueue(newJob());
      await queue.consume(
        async () => {
          started.resolve();
          await new Promise<never>(() => undefined);
        },
        { concurrency: 1 },
      );
      await within('the handler to start', started.promise);
      await within('close', queue.close({ timeoutMs: 100 }));
    });

    it('reports itself healthy while open', async (t) => {
      const { queue } = await setup(t);
      const health = await queue.check();
      assert.equal(health.ok, true, health.detail);
    });
  });
}
