// The RunStore port in memory, for the CLI and tests. It follows the PostgreSQL store statement for
// statement: the same records (ISO times, JSON-cloned values), the same errors, the same audit events.
// Its rows live in a MemoryDatabase, shared with the other memory ports (intake, queries, dispatch).
import { AppError } from '../domain/errors.js';
import type { AuditLog } from '../domain/ports/audit.js';
import {
  STEP_STATUSES,
  type CheckpointBatch,
  type NewRun,
  type RunPatch,
  type RunRecord,
  type RunStore,
  type StepEnd,
} from '../domain/ports/run-store.js';
import type { SideEffectLedger } from '../domain/ports/side-effects.js';
import {
  createMemoryDatabase,
  insertRun,
  rowKey,
  toRunRecord,
  type MemoryDatabase,
  type MemoryRun,
  type MemoryStep,
} from './memory-database.js';
import { createMemorySideEffectLedger } from './memory-side-effect-ledger.js';
import { searchFieldsOf } from './run-row.js';
import { jsonClone } from './sql-rows.js';

export interface MemoryRunStore extends RunStore {
  /** Where the store writes its run and step events (the one passed in, or its own). */
  readonly audit: AuditLog;
  /** The rows behind the store, for the other memory ports to share. */
  readonly database: MemoryDatabase;
  /** The ledger writeCheckpoints records intents and outcomes in (the one passed in, or its own). */
  readonly ledger: SideEffectLedger;
}

const iso = (at: string): string => new Date(at).toISOString();

/** A new pending run row; `extra` carries what intake knows beyond the run itself. */
export function newMemoryRun(
  run: NewRun,
  extra: {
    submissionId?: string | null;
    email?: string | null;
    company?: string | null;
    formId?: string | null;
  } = {},
): MemoryRun {
  const createdAt = iso(run.createdAt);
  const search = searchFieldsOf(run.input);
  return {
    id: run.id,
    tenantId: run.tenantId,
    workflow: run.workflow,
    idempotencyKey: run.idempotencyKey,
    status: 'pending',
    currentStep: null,
    attempt: 0,
    input: jsonClone(run.input),
    error: null,
    reason: null,
    traceId: run.traceId,
    createdAt,
    updatedAt: createdAt,
    finishedAt: null,
    submissionId: extra.submissionId ?? null,
    email: extra.email !== undefined ? extra.email : search.email,
    company: extra.company !== undefined ? extra.company : search.company,
    formId: extra.formId ?? null,
    leaseOwner: null,
    leaseUntil: null,
    dueAt: null,
    deadLetteredAt: null,
  };
}

/** The run holding this idempotency key in the tenant, if any. */
export function findRunByKey(
  database: MemoryDatabase,
  tenantId: string,
  idempotencyKey: string,
): MemoryRun | undefined {
  return database.index.runByKey.get(rowKey(tenantId, idempotencyKey));
}

export function createMemoryRunStore(
  options: { audit?: AuditLog; database?: MemoryDatabase; ledger?: SideEffectLedger } = {},
): MemoryRunStore {
  const database =
    options.database ?? createMemoryDatabase(options.audit === undefined ? {} : { audit: options.audit });
  const ledger = options.ledger ?? createMemorySideEffectLedger();
  const { audit, runs, steps } = database;
  function getRun(tenantId: string, runId: string): MemoryRun {
    const run = runs.get(rowKey(tenantId, runId));
    if (!run) throw new AppError('not-found', `run ${runId} not found for tenant ${tenantId}`);
    return run;
  }

  function findStep(
    tenantId: string,
    runId: string,
    stepId: string,
    attempt: number,
  ): MemoryStep | undefined {
    return steps.get(rowKey(tenantId, runId))?.find((s) => s.stepId === stepId && s.attempt === attempt);
  }

  /** Opens (or restarts) an attempt's row and audits step.started; the run row is the caller's. */
  async function openStep(
    tenantId: string,
    step: { runId: string; stepId: string; attempt: number; startedAt: string },
  ): Promise<void> {
    const startedAt = iso(step.startedAt);
    const fresh = {
      status: 'running' as const,
      output: null,
      error: null,
      startedAt,
      finishedAt: null,
      durationMs: null,
    };
    const existing = findStep(tenantId, step.runId, step.stepId, step.attempt);
    if (existing) Object.assign(existing, fresh);
    else {
      const row: MemoryStep = {
        tenantId,
        seq: database.nextStepSeq++,
        runId: step.runId,
        stepId: step.stepId,
        attempt: step.attempt,
        ...fresh,
      };
      const key = rowKey(tenantId, step.runId);
      const mine = steps.get(key);
      if (mine) mine.push(row);
      else steps.set(key, [row]);
    }
    await audit.append(tenantId, {
      actor: 'system',
      action: 'step.started',
      runId: step.runId,
      stepId: step.stepId,
      details: { attempt: step.attempt },
      at: startedAt,
    });
  }

  async function closeStep(
    tenantId: string,
    runId: string,
    stepId: string,
    attempt: number,
    end: StepEnd,
  ): Promise<void> {
    const step = findStep(tenantId, runId, stepId, attempt);
    if (!step)
      throw new AppError(
        'not-found',
        `step ${stepId} attempt ${attempt} of run ${runId} not found for tenant ${tenantId}`,
      );
    const durationMs = Math.round(end.durationMs);
    const finishedAt = iso(end.finishedAt);
    const error = end.error ? { code: end.error.code, message: end.error.message } : null;
    Object.assign(step, {
      status: end.status,
      output: jsonClone(end.output),
      error,
      finishedAt,
      durationMs,
    });
    const details = { attempt, durationMs, ...(error ? { error } : {}) };
    await audit.append(tenantId, {
      actor: 'system',
      action: `step.${end.status}`,
      runId,
      stepId,
      details,
      at: finishedAt,
    });
  }

  async function patchRun(tenantId: string, runId: string, patch: RunPatch): Promise<void> {
    const run = getRun(tenantId, runId);
    const from = run.status;
    // Patched on a copy first, so a bad value leaves the stored run untouched.
    const next = { ...run };
    applyPatch(next, patch);
    Object.assign(run, next);
    if (run.status === from) return;
    const details = {
      from,
      to: run.status,
      attempt: run.attempt,
      reason: run.reason,
      error: run.error ? { ...run.error } : null,
    };
    await audit.append(tenantId, {
      actor: 'system',
      action: `run.${run.status}`,
      runId,
      stepId: null,
      details,
      at: run.updatedAt,
    });
  }

  return {
    audit,
    database,
    ledger,

    async createRun(run: NewRun) {
      const existing = findRunByKey(database, run.tenantId, run.idempotencyKey);
      if (existing) return { run: toRunRecord(existing), created: false };
      if (runs.has(rowKey(run.tenantId, run.id))) {
        throw new AppError(
          'conflict',
          `run ${run.id} already exists for tenant ${run.tenantId} under another idempotency key`,
        );
      }
      const record = newMemoryRun(run);
      insertRun(database, record);
      await appendRunCreated(audit, record);
      return { run: toRunRecord(record), created: true };
    },

    findRun(tenantId, runId) {
      const run = runs.get(rowKey(tenantId, runId));
      return Promise.resolve(run ? toRunRecord(run) : null);
    },

    listSteps(tenantId, runId) {
      const mine = [...(steps.get(rowKey(tenantId, runId)) ?? [])];
      mine.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.attempt - b.attempt || a.seq - b.seq);
      return Promise.resolve(mine.map(({ tenantId: _t, seq: _s, ...step }) => structuredClone(step)));
    },

    updateRun: patchRun,

    async startStep(tenantId, step) {
      const run = getRun(tenantId, step.runId);
      Object.assign(run, { currentStep: step.stepId, status: 'running', updatedAt: iso(step.startedAt) });
      await openStep(tenantId, step);
    },

    finishStep: closeStep,

    async startAttempt(tenantId, runId, at) {
      const run = runs.get(rowKey(tenantId, runId));
      if (!run || FINAL.has(run.status)) return null;
      await patchRun(tenantId, runId, {
        status: 'running',
        attempt: run.attempt + 1,
        error: null,
        updatedAt: at,
      });
      return toRunRecord(run);
    },

    async writeCheckpoints(tenantId, runId, batch: CheckpointBatch) {
      // Checked before anything is written, so a bad batch leaves no trace (the SQL statement is atomic).
      getRun(tenantId, runId);
      for (const step of batch.steps) {
        // The step table's check constraint, so a batch the database refuses is refused here too.
        if (step.end && !ENDED_STATUSES.has(step.end.status)) {
          throw new AppError(
            'validation',
            `step ${step.stepId} of run ${runId} cannot end as "${String(step.end.status)}"`,
          );
        }
        if (!step.opens && !findStep(tenantId, runId, step.stepId, step.attempt)) {
          throw new AppError(
            'not-found',
            `step ${step.stepId} attempt ${step.attempt} of run ${runId} not found for tenant ${tenantId}`,
          );
        }
      }
      for (const step of batch.steps) {
        if (step.opens) await openStep(tenantId, { runId, ...step });
        if (step.end) await closeStep(tenantId, runId, step.stepId, step.attempt, step.end);
      }
      for (const { idempotencyKey, ...done } of batch.done)
        await ledger.recordDone(tenantId, idempotencyKey, done);
      const intents = [];
      for (const intent of batch.intents) intents.push(await ledger.recordIntent(tenantId, intent));
      if (batch.run) await patchRun(tenantId, runId, batch.run);
      return { intents };
    },
  };
}

const FINAL = new Set(['succeeded', 'skipped', 'failed']);
const ENDED_STATUSES = new Set<string>(STEP_STATUSES.filter((s) => s !== 'running'));

/** The `run.created` event createRun and recordSubmission both append. */
export function appendRunCreated(audit: AuditLog, run: MemoryRun): Promise<void> {
  return audit.append(run.tenantId, {
    actor: 'system',
    action: 'run.created',
    runId: run.id,
    stepId: null,
    details: { workflow: run.workflow, idempotencyKey: run.idempotencyKey },
    at: run.createdAt,
  });
}

function applyPatch(run: RunRecord, patch: RunPatch): void {
  run.updatedAt = iso(patch.updatedAt);
  if (patch.status !== undefined) run.status = patch.status;
  if (patch.currentStep !== undefined) run.currentStep = patch.currentStep;
  if (patch.attempt !== undefined) run.attempt = patch.attempt;
  if (patch.error !== undefined)
    run.error = patch.error === null ? null : { code: patch.error.code, message: patch.error.message };
  if (patch.reason !== undefined) run.reason = patch.reason;
  if (patch.finishedAt !== undefined)
    run.finishedAt = patch.finishedAt === null ? null : iso(patch.finishedAt);
}
