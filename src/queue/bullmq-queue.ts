// The BullMQ-on-Redis JobQueue driver. Redis only dispatches: a job names a run, the database owns the
// run's state, retries and lease. No BullMQ retries; a stalled job (its worker died) is re-run by BullMQ.
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobQueue, RunJob } from '../domain/ports/job-queue.js';
import { parseRunJob, toBullmqJobId, toRunJobsKey } from './bullmq-job-id.js';

export interface BullmqQueueOptions {
  redisUrl: string;
  /** BullMQ key prefix; every key this driver writes starts with `<prefix>:<queueName>:`. */
  prefix: string;
  queueName?: string;
  onError?: (error: unknown, job?: RunJob) => void;
  /** How long a worker's lock on an active job lasts without renewal (renewed every half of it). */
  lockDurationMs?: number;
  /** How often each worker looks for active jobs whose lock expired (their worker died). */
  stalledIntervalMs?: number;
  /** How many times a stalled job goes back to wait before BullMQ fails it. */
  maxStalledCount?: number;
  /** How long the first of a batch of enqueues waits for others to share its Redis round trips (ms). */
  enqueueWindowMs?: number;
}

export const JOB_NAME = 'run.execute';
export const DEFAULT_QUEUE_NAME = 'runs';
export const DEFAULT_LOCK_DURATION_MS = 30_000;
export const DEFAULT_STALLED_INTERVAL_MS = 15_000;
export const DEFAULT_MAX_STALLED_COUNT = 3;
/** A run waits in the queue for seconds at worst anyway; 10 ms lets several intake batches share a flush. */
export const DEFAULT_ENQUEUE_WINDOW_MS = 10;
const MAX_ENQUEUES_PER_FLUSH = 500;
const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;
const CHECK_TIMEOUT_MS = 2_000;
/** A run's job-id index outlives any plausible retry schedule, then Redis drops it. */
const RUN_JOBS_TTL_SECONDS = 7 * 24 * 3600;
const DEAD_STATES = new Set(['completed', 'failed', 'unknown']);

type Settled = 'done' | 'timeout';

interface PendingEnqueue {
  job: RunJob;
  delayMs: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | Settled> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Settles with the handler, or rejects as soon as the worker aborts the job (a close that timed out). */
function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return work;
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new Error(`job aborted: ${String(signal.reason)}`));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const { prefix } = options;
  const onError = options.onError ?? (() => undefined);
  // Producers fail fast: an enqueue that cannot reach Redis is repaired by the reconciler from the database.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
  connection.on('error', (error) => onError(error));
  const queue = new Queue<RunJob>(queueName, { connection, prefix });
  queue.on('error', (error) => onError(error));
  let worker: Worker<RunJob> | null = null;
  let workerConnection: Redis | null = null;
  let closing: Promise<void> | null = null;

  const runJobsKey = (tenantId: string, runId: string) => toRunJobsKey(prefix, queueName, tenantId, runId);

  function startWorker(handler: (job: RunJob) => Promise<void>, concurrency: number): Worker<RunJob> {
    workerConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    workerConnection.on('error', (error) => onError(error));
    const processor = async (job: Job<RunJob>, _token?: string, signal?: AbortSignal): Promise<void> => {
      const runJob = parseRunJob(job.data);
      if (runJob === null) throw new Error(`job ${job.id ?? '?'} in queue ${queueName} is not a run job`);
      await untilAborted(handler(runJob), signal);
    };
    const created = new Worker<RunJob>(queueName, processor, {
      connection: workerConnection,
      prefix,
      concurrency,
      lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
      stalledInterval: options.stalledIntervalMs ?? DEFAULT_STALLED_INTERVAL_MS,
      maxStalledCount: options.maxStalledCount ?? DEFAULT_MAX_STALLED_COUNT,
    });
    created.on('error', (error) => onError(error));
    // Handler errors and stalled-too-often both end here; the job stays in `failed` for inspection.
    created.on('failed', (job, error) =>
      onError(error, job ? (parseRunJob(job.data) ?? undefined) : undefined),
    );
    return created;
  }

  async function closeWorker(timeoutMs: number): Promise<void> {
    if (worker === null) return;
    const outcome = await withTimeout(worker.close(), timeoutMs);
    if (outcome === 'timeout') {
      onError(
        new Error(`worker of queue ${queueName} did not finish its active jobs within ${timeoutMs} ms`),
      );
      // Connections first, so the abandoned jobs cannot be marked failed: they stay active with a lock
      // nobody renews, and another worker re-runs them once it expires, as if this process had been killed.
      // Aborting then lets the worker stop tracking them and release its timers.
      workerConnection?.disconnect();
      await worker.disconnect().catch(() => undefined);
      worker.cancelAllJobs('job queue closed before the job finished');
      return;
    }
    await workerConnection?.quit().catch(() => workerConnection?.disconnect());
  }

  /**
   * Enqueues made within enqueueWindowMs of each other (the batches of intake runs arriving together, a
   * reconciler pass) go out together: one MULTI indexes the ids and asks which of them name a finished
   * job, one addBulk adds them. Nobody waits on it for an answer to a webhook: the run is stored first.
   */
  const windowMs = options.enqueueWindowMs ?? DEFAULT_ENQUEUE_WINDOW_MS;
  let pending: PendingEnqueue[] = [];
  let flushTimer: NodeJS.Timeout | null = null;
  const flushing = new Set<Promise<void>>();

  function flushEnqueues(): void {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const sent = enqueueMany(batch);
    flushing.add(sent);
    void sent.finally(() => flushing.delete(sent));
  }

  async function enqueueMany(batch: PendingEnqueue[]): Promise<void> {
    const first = new Map<string, PendingEnqueue>();
    for (const p of batch) if (!first.has(toBullmqJobId(p.job))) first.set(toBullmqJobId(p.job), p);
    try {
      // Index first, then add: a crash in between leaves an id with no job, which reads as "not live".
      const finished = await indexAndFindFinished([...first.values()].map((p) => p.job));
      // A finished job would swallow the add of its id: free the id first. A live one swallows it on
      // purpose (BullMQ adds nothing for an id it holds), so the attempt is never queued twice.
      await Promise.all(finished.map((id) => queue.remove(id).catch((error: unknown) => onError(error))));
      await queue.addBulk(
        [...first.entries()].map(([jobId, { job, delayMs }]) => ({
          name: JOB_NAME,
          data: { tenantId: job.tenantId, runId: job.runId, attempt: job.attempt },
          opts: {
            jobId,
            delay: Math.max(0, delayMs),
            attempts: 1,
            removeOnComplete: true,
            removeOnFail: { count: 1000 },
          },
        })),
      );
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  /**
   * Adds each job's id to its run's index and returns the ids whose job is completed or failed, in one
   * round trip: one ZMSCORE per finished set for the whole batch (Redis 6.2+), not getJobState, whose
   * LPOS walks the whole wait list.
   */
  async function indexAndFindFinished(jobs: RunJob[]): Promise<string[]> {
    const multi = connection.multi();
    const ids = jobs.map(toBullmqJobId);
    jobs.forEach((job, i) => {
      const key = runJobsKey(job.tenantId, job.runId);
      multi.sadd(key, ids[i] as string).expire(key, RUN_JOBS_TTL_SECONDS);
    });
    multi.zmscore(queue.toKey('completed'), ...ids).zmscore(queue.toKey('failed'), ...ids);
    const replies = (await multi.exec()) ?? [];
    const failure = replies.find(([error]) => error !== null)?.[0];
    if (failure) throw failure;
    const scores = (reply: [Error | null, unknown] | undefined): unknown[] =>
      Array.isArray(reply?.[1]) ? reply[1] : [];
    const [completed, failed] = [scores(replies[2 * jobs.length]), scores(replies[2 * jobs.length + 1])];
    return ids.filter((_, i) => (completed[i] ?? null) !== null || (failed[i] ?? null) !== null);
  }

  return {
    enqueue(job, enqueueOptions) {
      if (closing !== null) return Promise.reject(new Error('job queue is closed'));
      return new Promise<void>((resolve, reject) => {
        pending.push({ job, delayMs: enqueueOptions?.delayMs ?? 0, resolve, reject });
        if (pending.length >= MAX_ENQUEUES_PER_FLUSH) flushEnqueues();
        else if (pending.length === 1) flushTimer = setTimeout(flushEnqueues, windowMs);
      });
    },

    consume(handler, consumeOptions) {
      if (closing !== null) return Promise.reject(new Error('job queue is closed'));
      if (worker !== null) return Promise.reject(new Error('job queue already has a consumer'));
      if (!Number.isInteger(consumeOptions.concurrency) || consumeOptions.concurrency < 1) {
        return Promise.reject(
          new Error(`concurrency must be a positive integer, got ${consumeOptions.concurrency}`),
        );
      }
      worker = startWorker(handler, consumeOptions.concurrency);
      return Promise.resolve();
    },

    async hasLiveJob(tenantId, runId) {
      const key = runJobsKey(tenantId, runId);
      const ids = await connection.smembers(key);
      const states = await Promise.all(ids.map(async (id) => ({ id, state: await queue.getJobState(id) })));
      const dead = states.filter((s) => DEAD_STATES.has(s.state)).map((s) => s.id);
      // Pruning races a concurrent enqueue harmlessly: every enqueue re-adds its id before checking.
      if (dead.length > 0) await connection.srem(key, ...dead);
      return dead.length < states.length;
    },

    countWaiting() {
      return queue.getJobCountByTypes('wait', 'prioritized', 'delayed');
    },

    async check() {
      try {
        const outcome = await withTimeout(
          Promise.all([connection.ping(), queue.getJobCountByTypes('wait', 'delayed')]),
          CHECK_TIMEOUT_MS,
        );
        if (outcome === 'timeout')
          return { ok: false, detail: `redis did not answer within ${CHECK_TIMEOUT_MS} ms` };
        const [pong, waiting] = outcome;
        return {
          ok: pong === 'PONG',
          detail: `redis ${pong}; queue ${queueName}: ${waiting} waiting or delayed`,
        };
      } catch (error) {
        return { ok: false, detail: `redis unreachable: ${errorMessage(error)}` };
      }
    },

    close(closeOptions) {
      closing ??= (async () => {
        // Enqueues accepted before the close still go out.
        flushEnqueues();
        await Promise.all(flushing);
        await closeWorker(closeOptions?.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
        await queue.close().catch((error: unknown) => onError(error));
        await connection.quit().catch(() => connection.disconnect());
      })();
      return closing;
    },
  };
}
