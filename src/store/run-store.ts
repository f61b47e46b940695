// The RunStore port on PostgreSQL / PGlite. Each method is one SQL statement: a transition and its
// audit event are written together by data-modifying CTEs, so they cannot drift apart. Checkpoint
// batches of concurrent runs share a statement (checkpoint-group-writer.ts). Every statement filters by
// tenant_id.
import { sql } from 'drizzle-orm';
import { AppError } from '../domain/errors.js';
import type {
  NewRun,
  RunPatch,
  RunRecord,
  RunStore,
  StepEnd,
  StepRecord,
} from '../domain/ports/run-store.js';
import { stepEndedEventDetails, stepStartedEventDetails } from './audit-details-sql.js';
import type { Database } from './database-handle.js';
import {
  RUN_COLUMNS,
  STEP_COLUMNS,
  runFromRow,
  searchFieldsOf,
  stepFromRow,
  type RunRow,
  type StepRow,
} from './run-row.js';
import { startAttemptSql } from './checkpoint-batch-sql.js';
import { createCheckpointGroupWriter } from './checkpoint-group-writer.js';
import { buildRunUpdate } from './run-update-sql.js';
import { jsonParam, queryRows } from './sql-rows.js';

export function createPostgresRunStore(database: Database): RunStore {
  const { db } = database;
  // A quarter of the pool writes checkpoints (intake, claims, drafts and the dashboard use the rest);
  // while those statements run, the batches handed in meanwhile gather for the next one.
  const checkpoints = createCheckpointGroupWriter(db, {
    maxConcurrent: Math.max(1, Math.floor(database.connections / 4)),
    maxRuns: 64,
  });

  async function findByKey(tenantId: string, idempotencyKey: string): Promise<RunRecord | null> {
    const rows = await queryRows<RunRow>(
      db,
      sql`SELECT ${RUN_COLUMNS} FROM workflow_runs WHERE tenant_id = ${tenantId} AND idempotency_key = ${idempotencyKey}`,
    );
    return rows[0] ? runFromRow(rows[0]) : null;
  }

  return {
    async createRun(run: NewRun) {
      const rows = await queryRows<RunRow>(db, insertRunSql(run));
      if (rows[0]) return { run: runFromRow(rows[0]), created: true };
      // The key existed: one more round trip to read the run that holds it.
      const existing = await findByKey(run.tenantId, run.idempotencyKey);
      if (existing) return { run: existing, created: false };
      throw new AppError(
        'conflict',
        `run ${run.id} already exists for tenant ${run.tenantId} under another idempotency key`,
      );
    },

    async findRun(tenantId, runId) {
      const rows = await queryRows<RunRow>(
        db,
        sql`SELECT ${RUN_COLUMNS} FROM workflow_runs WHERE tenant_id = ${tenantId} AND id = ${runId}`,
      );
      return rows[0] ? runFromRow(rows[0]) : null;
    },

    async listSteps(tenantId, runId): Promise<StepRecord[]> {
      const rows = await queryRows<StepRow>(
        db,
        sql`SELECT ${STEP_COLUMNS} FROM step_runs WHERE tenant_id = ${tenantId} AND run_id = ${runId}
            ORDER BY started_at, attempt, seq`,
      );
      return rows.map(stepFromRow);
    },

    async updateRun(tenantId, runId, patch: RunPatch) {
      const rows = await queryRows<{ n: number }>(db, buildRunUpdate(tenantId, runId, patch));
      if (rows[0]?.n !== 1) throw runNotFound(tenantId, runId);
    },

    async startStep(tenantId, step) {
      const rows = await queryRows<{ n: number }>(db, startStepSql(tenantId, step));
      if (rows[0]?.n !== 1) throw runNotFound(tenantId, step.runId);
    },

    async startAttempt(tenantId, runId, at) {
      const rows = await queryRows<RunRow>(db, startAttemptSql(tenantId, runId, at));
      return rows[0] ? runFromRow(rows[0]) : null;
    },

    writeCheckpoints: (tenantId, runId, batch) => checkpoints.write(tenantId, runId, batch),

    async finishStep(tenantId, runId, stepId, attempt, end: StepEnd) {
      const rows = await queryRows<{ n: number }>(db, finishStepSql(tenantId, runId, stepId, attempt, end));
      if (rows[0]?.n !== 1) {
        throw new AppError(
          'not-found',
          `step ${stepId} attempt ${attempt} of run ${runId} not found for tenant ${tenantId}`,
        );
      }
    },
  };
}

function runNotFound(tenantId: string, runId: string): AppError {
  return new AppError('not-found', `run ${runId} not found for tenant ${tenantId}`);
}

/** ON CONFLICT DO NOTHING covers both the idempotency key and the primary key; the audit row follows the insert. */
function insertRunSql(run: NewRun) {
  const { email, company } = searchFieldsOf(run.input);
  return sql`
    WITH ins AS (
      INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, status, attempt, input, trace_id,
                                 email, company, created_at, updated_at)
      VALUES (${run.tenantId}, ${run.id}, ${run.workflow}, ${run.idempotencyKey}, 'pending', 0, ${jsonParam(run.input)}::jsonb,
              ${run.traceId}, ${email}, ${company}, ${run.createdAt}::timestamptz, ${run.createdAt}::timestamptz)
      ON CONFLICT DO NOTHING
      RETURNING ${RUN_COLUMNS}
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'run.created', id, NULL,
             jsonb_build_object('workflow', workflow, 'idempotencyKey', idempotency_key), created_at
      FROM ins
    )
    SELECT ${RUN_COLUMNS} FROM ins`;
}

/**
 * Marks the run running at this step, opens the attempt's row and audits it. Starting an attempt that
 * already has a row restarts it (a redelivered job), rather than failing.
 */
function startStepSql(
  tenantId: string,
  step: { runId: string; stepId: string; attempt: number; startedAt: string },
) {
  return sql`
    WITH run AS (
      UPDATE workflow_runs SET current_step = ${step.stepId}::text, status = 'running', updated_at = ${step.startedAt}::timestamptz
      WHERE tenant_id = ${tenantId} AND id = ${step.runId}
      RETURNING tenant_id, id
    ), step AS (
      INSERT INTO step_runs (tenant_id, run_id, step_id, attempt, status, started_at)
      SELECT tenant_id, id, ${step.stepId}::text, ${step.attempt}::int, 'running', ${step.startedAt}::timestamptz FROM run
      ON CONFLICT (tenant_id, run_id, step_id, attempt) DO UPDATE
        SET status = 'running', started_at = EXCLUDED.started_at, output = NULL, error_code = NULL,
            error_message = NULL, finished_at = NULL, duration_ms = NULL
      RETURNING tenant_id, run_id, step_id, attempt, started_at
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'step.started', run_id, step_id, ${stepStartedEventDetails('step')}, started_at
      FROM step
    )
    SELECT count(*)::int AS n FROM step`;
}

function finishStepSql(tenantId: string, runId: string, stepId: string, attempt: number, end: StepEnd) {
  return sql`
    WITH step AS (
      UPDATE step_runs
      SET status = ${end.status}::text, output = ${jsonParam(end.output)}::jsonb, error_code = ${end.error?.code ?? null}::text,
          error_message = ${end.error?.message ?? null}::text, finished_at = ${end.finishedAt}::timestamptz,
          duration_ms = ${Math.round(end.durationMs)}::int
      WHERE tenant_id = ${tenantId} AND run_id = ${runId} AND step_id = ${stepId} AND attempt = ${attempt}::int
      RETURNING tenant_id, run_id, step_id, attempt, status, error_code, error_message, duration_ms, finished_at
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'step.' || status, run_id, step_id, ${stepEndedEventDetails('step')}, finished_at
      FROM step
    )
    SELECT count(*)::int AS n FROM step`;
}
