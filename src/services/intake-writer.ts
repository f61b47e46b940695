// Intake's writes: every submission with its run goes through one group commit, so concurrent webhooks
// share a statement and a commit instead of queueing for pool connections one by one. A caller is
// answered only once its rows are committed; a batch the database could not take fails its own callers
// (503, retry later) and nobody else's. Enqueueing stays with the caller, after the answer is known.
import { TransientError } from '../domain/errors.js';
import type { IntakeRecord, IntakeStore, RecordedSubmission } from '../domain/ports/intake-store.js';
import { createGroupCommit, type GroupCommitOptions, type Settled } from './group-commit.js';

/** Up to 64 leads per statement, 4 statements at once, a batch waits at most 2 ms for company. */
export const DEFAULT_INTAKE_BATCH: GroupCommitOptions = { maxItems: 64, maxWaitMs: 2, maxConcurrent: 4 };

export interface IntakeWriter {
  /** Stores the submission and its run (committed when this resolves), or finds the run holding its key. */
  record(item: IntakeRecord): Promise<RecordedSubmission>;
}

export function createIntakeWriter(
  intake: Pick<IntakeStore, 'recordSubmissions'>,
  options: { batch: GroupCommitOptions; retryAfterMs: number },
): IntakeWriter {
  const group = createGroupCommit<IntakeRecord, RecordedSubmission>(
    async (items) => {
      const outcomes = await intake.recordSubmissions(items);
      return outcomes.map((o): Settled<RecordedSubmission> =>
        o.ok ? { ok: true, value: { runId: o.runId, created: o.created } } : o,
      );
    },
    {
      ...options.batch,
      failBatch: (error, size) =>
        new TransientError(
          `the database could not take a batch of ${size} submission(s); none of them is known to be stored: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error, retryAfterMs: options.retryAfterMs },
        ),
    },
  );
  return { record: (item) => group.submit(item) };
}
