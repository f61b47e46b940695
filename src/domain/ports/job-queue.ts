// The job queue port: a dispatcher, never the system of record. A job names a run; the run's state,
// retries and dead-letter status live in the database. Drivers: BullMQ on Redis, and in-process.
export interface RunJob {
  tenantId: string;
  runId: string;
  /** The run's attempt the job is for; with the run id it makes the deterministic job id. */
  attempt: number;
}

export interface JobQueue {
  /** Idempotent: a job with the same id that is still waiting, delayed or active is not added twice. */
  enqueue(job: RunJob, options?: { delayMs?: number }): Promise<void>;
  /** Starts handing jobs to the handler, at most `concurrency` at once. A handler error is logged, never retried by the queue. */
  consume(handler: (job: RunJob) => Promise<void>, options: { concurrency: number }): Promise<void>;
  /** Is a job for this run waiting, delayed or active? (the reconciler's question) */
  hasLiveJob(tenantId: string, runId: string): Promise<boolean>;
  /** Jobs waiting or delayed, for back-pressure. */
  countWaiting(): Promise<number>;
  check(): Promise<{ ok: boolean; detail: string }>;
  /** Stops taking jobs, waits for active handlers (up to the timeout), then closes connections. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

export function getJobId(job: RunJob): string {
  return `${job.tenantId}:${job.runId}:${job.attempt}`;
}
