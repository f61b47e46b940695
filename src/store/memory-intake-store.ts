// The IntakeStore port in memory, over the shared MemoryDatabase: the submission and its run are written
// together, with no await in between, so concurrent deliveries of one key find the first one's run.
import { AppError } from '../domain/errors.js';
import type { IntakeStore, NewSubmission } from '../domain/ports/intake-store.js';
import type { NewRun } from '../domain/ports/run-store.js';
import { isoInstant, rowKey, type MemoryDatabase } from './memory-database.js';
import { appendRunCreated, findRunByKey, newMemoryRun } from './memory-run-store.js';
import { jsonClone, settle } from './sql-rows.js';

type IntakeRun = NewRun & { email: string | null; company: string | null };

export function createMemoryIntakeStore(database: MemoryDatabase): IntakeStore {
  const { runs, submissions } = database;

  /** The run holding the submission's key (through its submission) or the run's key. */
  function findExisting(submission: NewSubmission, run: IntakeRun): string | null {
    const held = [...submissions.values()].find(
      (s) => s.tenantId === submission.tenantId && s.idempotencyKey === submission.idempotencyKey,
    );
    const viaSubmission =
      held === undefined
        ? undefined
        : [...runs.values()].find((r) => r.tenantId === held.tenantId && r.submissionId === held.id);
    return (viaSubmission ?? findRunByKey(database, run.tenantId, run.idempotencyKey))?.id ?? null;
  }

  return {
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
      submissions.set(rowKey(submission.tenantId, submission.id), {
        ...submission,
        payload: jsonClone(submission.payload),
        receivedAt: isoInstant(submission.receivedAt),
      });
      const record = newMemoryRun(run, {
        submissionId: submission.id,
        email: run.email,
        company: run.company,
        formId: submission.formId,
      });
      runs.set(rowKey(run.tenantId, run.id), record);
      await appendRunCreated(database.audit, record);
      return { runId: run.id, created: true };
    },

    findRunIdByIdempotencyKey(tenantId, idempotencyKey) {
      return settle(() => {
        const held = [...submissions.values()].find((s) => s.tenantId === tenantId && s.idempotencyKey === idempotencyKey);
        const viaSubmission = held === undefined ? undefined : [...runs.values()].find((r) => r.tenantId === tenantId && r.submissionId === held.id);
        return (viaSubmission ?? findRunByKey(database, tenantId, idempotencyKey))?.id ?? null;
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
}
