// The in-process JobQueue driver: FIFO, delayed jobs on timers, bounded concurrency, dedupe by job id.
// It holds hints only: nothing survives the process, and the database's reconciler re-enqueues what is lost.
import { getJobId } from '../domain/ports/job-queue.js';
import type { JobQueue, RunJob } from '../domain/ports/job-queue.js';

/** Schedules `callback` after `delayMs`; returns a function that cancels it. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void;

export interface MemoryQueueOptions {
  /** Milliseconds clock; orders delayed jobs that fall due together. */
  now?: () => number;
  setTimer?: SetTimer;
  /** Where handler errors go; the job is then dropped (the service retries through the database). */
  onError?: (error: unknown, job?: RunJob) => void;
}

interface DelayedJob {
  job: RunJob;
  dueAt: number;
  seq: number;
  cancel: () => void;
}

const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

const realSetTimer: SetTimer = (callback, delayMs) => {
  const handle = setTimeout(callback, Math.max(0, delayMs));
  return () => clearTimeout(handle);
};

function runKey(tenantId: string, runId: string): string {
  return JSON.stringify([tenantId, runId]);
}

export function createMemoryQueue(options: MemoryQueueOptions = {}): JobQueue {
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? realSetTimer;
  const onError = options.onError ?? (() => undefined);

  const waiting: RunJob[] = [];
  const delayed = new Map<string, DelayedJob>();
  const active = new Map<string, Promise<void>>();
  /** Live job ids per run, for hasLiveJob in O(1). */
  const liveByRun = new Map<string, Set<string>>();
  let handler: ((job: RunJob) => Promise<void>) | null = null;
  let concurrency = 0;
  let delayedSeq = 0;
  let closing: Promise<void> | null = null;

  function isLive(job: RunJob): boolean {
    return liveByRun.get(runKey(job.tenantId, job.runId))?.has(getJobId(job)) ?? false;
  }

  function track(job: RunJob): void {
    const key = runKey(job.tenantId, job.runId);
    const ids = liveByRun.get(key) ?? new Set<string>();
    ids.add(getJobId(job));
    liveByRun.set(key, ids);
  }

  function untrack(job: RunJob): void {
    const key = runKey(job.tenantId, job.runId);
    const ids = liveByRun.get(key);
    ids?.delete(getJobId(job));
    if (ids?.size === 0) liveByRun.delete(key);
  }

  function start(job: RunJob, run: (job: RunJob) => Promise<void>): void {
    const id = getJobId(job);
    // The handler runs on a later tick so a synchronous throw is caught like a rejection.
    const done = Promise.resolve()
      .then(() => run(job))
      .catch((error: unknown) => onError(error, job))
      .finally(() => {
        active.delete(id);
        untrack(job);
        pump();
      });
    active.set(id, done);
  }

  function pump(): void {
    while (handler !== null && closing === null && active.size < concurrency) {
      const job = waiting.shift();
      if (job === undefined) return;
      start(job, handler);
    }
  }

  /** Moves every delayed job that is due to the waiting line, earliest first. */
  function promoteDue(): void {
    const due = [...delayed.values()]
      .filter((entry) => entry.dueAt <= now())
      .sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    for (const entry of due) {
      delayed.delete(getJobId(entry.job));
      waiting.push(entry.job);
    }
    pump();
  }

  function addDelayed(job: RunJob, delayMs: number): void {
    const entry: DelayedJob = { job, dueAt: now() + delayMs, seq: delayedSeq++, cancel: () => undefined };
    delayed.set(getJobId(job), entry);
    entry.cancel = setTimer(() => {
      // A timer can fire early on a coarse clock; the job is then promoted anyway, as it is due by its timer.
      if (delayed.get(getJobId(job)) === entry) entry.dueAt = Math.min(entry.dueAt, now());
      promoteDue();
    }, delayMs);
  }

  async function drainActive(timeoutMs: number): Promise<void> {
    if (active.size === 0) return;
    let cancelTimer: () => void = () => undefined;
    const timedOut = new Promise<void>((resolve) => {
      cancelTimer = setTimer(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...active.values()]).then(() => undefined), timedOut]);
    cancelTimer();
  }

  return {
    enqueue(job, enqueueOptions) {
      if (closing !== null) return Promise.reject(new Error('job queue is closed'));
      if (isLive(job)) return Promise.resolve();
      const copy: RunJob = { tenantId: job.tenantId, runId: job.runId, attempt: job.attempt };
      track(copy);
      const delayMs = enqueueOptions?.delayMs ?? 0;
      if (delayMs > 0) addDelayed(copy, delayMs);
      else waiting.push(copy);
      pump();
      return Promise.resolve();
    },

    consume(consumeHandler, consumeOptions) {
      if (closing !== null) return Promise.reject(new Error('job queue is closed'));
      if (handler !== null) return Promise.reject(new Error('job queue already has a consumer'));
      if (!Number.isInteger(consumeOptions.concurrency) || consumeOptions.concurrency < 1) {
        return Promise.reject(
          new Error(`concurrency must be a positive integer, got ${consumeOptions.concurrency}`),
        );
      }
      handler = consumeHandler;
      concurrency = consumeOptions.concurrency;
      pump();
      return Promise.resolve();
    },

    hasLiveJob(tenantId, runId) {
      return Promise.resolve(liveByRun.has(runKey(tenantId, runId)));
    },

    countWaiting() {
      return Promise.resolve(waiting.length + delayed.size);
    },

    check() {
      const ok = closing === null;
      return Promise.resolve({ ok, detail: ok ? 'in-process queue' : 'in-process queue is closed' });
    },

    close(closeOptions) {
      closing ??= (async () => {
        // Waiting and delayed jobs are dropped: they are hints, and the database still lists their runs.
        for (const entry of delayed.values()) {
          entry.cancel();
          untrack(entry.job);
        }
        delayed.clear();
        for (const job of waiting.splice(0)) untrack(job);
        await drainActive(closeOptions?.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
      })();
      return closing;
    },
  };
}
