// How a RunJob is named in BullMQ. BullMQ 6 rejects custom job ids that are integers or contain ':'
// (except legacy three-part ids), so getJobId's `tenant:run:attempt` is mapped to a ':'-free form.
import type { RunJob } from '../domain/ports/job-queue.js';

/**
 * `encodeURIComponent(tenantId)|encodeURIComponent(runId)|attempt`: deterministic, injective (the
 * encoding escapes '|' and ':'), never an integer, and still readable in Bull Board.
 */
export function toBullmqJobId(job: RunJob): string {
  return `${encodeURIComponent(job.tenantId)}|${encodeURIComponent(job.runId)}|${job.attempt}`;
}

/** The Redis set of job ids ever enqueued for one run (pruned lazily): the index behind hasLiveJob. */
export function toRunJobsKey(prefix: string, queueName: string, tenantId: string, runId: string): string {
  return `${prefix}:${queueName}:run-jobs:${encodeURIComponent(tenantId)}|${encodeURIComponent(runId)}`;
}

/** Reads job data back into a RunJob; null when it is not one (a foreign or corrupted job). */
export function parseRunJob(data: unknown): RunJob | null {
  if (typeof data !== 'object' || data === null) return null;
  const { tenantId, runId, attempt } = data as Record<string, unknown>;
  if (typeof tenantId !== 'string' || typeof runId !== 'string') return null;
  if (typeof attempt !== 'number' || !Number.isInteger(attempt)) return null;
  return { tenantId, runId, attempt };
}
