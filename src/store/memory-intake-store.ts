// The IntakeStore port in memory, over the shared MemoryDatabase: the submission and its run are written
// together, with no await in between, so concurrent deliveries of one key find the first one's run.
import { AppError } from '../domain/errors.js';
import type { IntakeStore, NewSubmission, RecordOutcome } from '../domain/ports/intake-store.js';
import type { NewRun } from '../domain/ports/run-store.js';
import { insertRun, insertSubmission, isoInstant, rowKey, type MemoryDatabase } from './memory-database.js';
import { appendRunCreated, findRunByKey, newMemoryRun } from './memory-run-store.js';
import { jsonClone, settle } from './sql-rows.js';

type IntakeRun = NewRun & { email: string | null; company: string | null };

export function createMemoryIntakeStore(database: MemoryDatabase): IntakeStore {
  const { runs, submissions, index } = database;

  /** The run reached through the submission holding this key, if any. */
  function heldViaSubmission(tenantId: string, idempotencyKey: string) {
    const held = index.submissionByKey.get(rowKey(tenantId, idempotencyKey));
    return held === undefined ? undefined : index.runBySubmission.get(rowKey(tenantId, held.id));
  }

  /** The run holding the run's key, or the submission's key (through its submission): as on PostgreSQL. */
  function findExisting(submission: NewSubmission, run: IntakeRun): string | null {
    const byKey = findRunByKey(database, run.tenantId, run.idempotencyKey);
    if (byKey) return byKey.id;
    return heldViaSubmission(submission.tenantId, submission.idempotencyKey)?.id ?? null;
  }

  const store: IntakeStore = {
    async recordSubmission(submission, run) {
      if (submission.tenantId !== run.tenantId) {
        throw new AppError('validation', 'a submission and its run must belong to the same tenant');
      }
      const existing = findExisting(submission, run);
      if (existing !== null) return { runId: existing, created: false };
      if (
        submissions.has(rowKey(submission.tenantId, submission.id)) ||
        runs.has(rowKey(run.tenantId, run.id))
      ) {
        throw new AppError(
          'conflict',
          `submission ${submission.id} or run ${run.id} already exists for tenant ${run.tenantId} under another idempotency key`,
        );
      }
      insertSubmission(
        database,
        Object.assign({}, submission, {
          payload: jsonClone(submission.payload),
          receivedAt: isoInstant(submission.receivedAt),
        }),
      );
      const record = newMemoryRun(run, {
        submissionId: submission.id,
        email: run.email,
        company: run.company,
        formId: submission.formId,
      });
      insertRun(database, record);
      await appendRunCreated(database.audit, record);
      return { runId: run.id, created: true };
    },

    /** One after another: in memory a batch saves no round trip, and order settles repeated keys. */
    async recordSubmissions(items) {
      const outcomes: RecordOutcome[] = [];
      for (const { submission, run } of items) {
        try {
          outcomes.push({ ok: true, ...(await store.recordSubmission(submission, run)) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      return outcomes;
    },

    findRunIdByIdempotencyKey(tenantId, idempotencyKey) {
      return settle(() => {
        return (
          (heldViaSubmission(tenantId, idempotencyKey) ?? findRunByKey(database, tenantId, idempotencyKey))
            ?.id ?? null
        );
      });
    },

    findSubmissionForRun(tenantId, runId) {
      return settle(() => {
        const submissionId = runs.get(rowKey(tenantId, runId))?.submissionId ?? null;
        const stored = submissionId === null ? undefined : submissions.get(rowKey(tenantId, submissionId));
        return stored === undefined ? null : { ...structuredClone(stored), runId };
      });
    },
  };
  return store;
}
