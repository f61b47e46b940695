// The queue's repair loop: the database says which runs should be on the queue; whatever the queue lost
// (a worker crash, a Redis flush, an enqueue that failed after the run was stored) is enqueued again.
// It never decides a run's fate: claiming, leases and retries stay with the service and the database.
import type { JobQueue, RunJob } from '../domain/ports/job-queue.js';
import type { RunDispatch } from '../domain/ports/run-queries.js';

export interface ReconcilerDeps {
  dispatch: Pick<RunDispatch, 'listDispatchable'>;
  queue: Pick<JobQueue, 'enqueue' | 'hasLiveJob'>;
  /** ISO instant; the database decides what is due and which leases expired. */
  now: () => string;
  /** Pause between the end of one pass and the start of the next. */
  intervalMs: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

export interface Reconciler {
  /** One pass; a call while a pass is running joins that pass instead of starting another. */
  runOnce(): Promise<{ enqueued: number }>;
  /** Runs a pass now, then one every interval after the previous ends; the timer never holds the process open. */
  start(): void;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

export const DEFAULT_RECONCILE_BATCH = 200;

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const batchSize = deps.batchSize ?? DEFAULT_RECONCILE_BATCH;
  const onError = deps.onError ?? (() => undefined);
  let inFlight: Promise<{ enqueued: number }> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  async function pass(): Promise<{ enqueued: number }> {
    const candidates = await deps.dispatch.listDispatchable(deps.now(), batchSize);
    let enqueued = 0;
    const failures: unknown[] = [];
    for (const candidate of candidates) {
      // The job id is deterministic per attempt, so racing another enqueuer adds nothing twice.
      const job: RunJob = {
        tenantId: candidate.tenantId,
        runId: candidate.runId,
        attempt: candidate.attempt,
      };
      try {
        if (await deps.queue.hasLiveJob(job.tenantId, job.runId)) continue;
        await deps.queue.enqueue(job);
        enqueued += 1;
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      // One report per pass: when Redis is down every candidate fails the same way.
      const message = `reconciler could not enqueue ${failures.length} of ${candidates.length} dispatchable runs`;
      onError(new Error(message, { cause: failures[0] }));
    }
    return { enqueued };
  }

  function runOnce(): Promise<{ enqueued: number }> {
    inFlight ??= pass().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      timer = null;
      runOnce()
        .catch((error: unknown) => onError(error))
        .finally(() => {
          // A stop() and start() during the pass may have scheduled already.
          if (running && timer === null) schedule(deps.intervalMs);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await inFlight?.catch(() => undefined);
    },
  };
}
