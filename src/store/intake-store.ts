// The IntakeStore port on PostgreSQL / PGlite: the raw submission, its pending run and the run's
// `run.created` event in one statement, so an accepted lead is never half stored, and the
// (tenant, idempotency key) unique constraints make a repeated or concurrent delivery start no second run.
// Many submissions at once share one statement (record-submissions.ts).
import { sql } from 'drizzle-orm';
import { AppError } from '../domain/errors.js';
import type {
  IntakeRecord,
  IntakeStore,
  NewSubmission,
  SubmissionRecord,
} from '../domain/ports/intake-store.js';
import type { LeadSourceKind } from '../domain/lead.js';
import type { Database } from './database-handle.js';
import { recordSubmissions } from './record-submissions.js';
import { sqlState } from './sql-errors.js';
import { jsonParam, queryRows, toIso } from './sql-rows.js';

type IntakeRun = IntakeRecord['run'];

interface SubmissionRow {
  tenant_id: string;
  id: string;
  idempotency_key: string;
  source_kind: LeadSourceKind;
  portal_id: string | null;
  form_id: string | null;
  submission_id: string | null;
  raw_payload: string;
  payload: unknown;
  received_at: string;
  run_id: string | null;
}

export function createPostgresIntakeStore(database: Database): IntakeStore {
  const { db } = database;

  /**
   * The run already holding the run's key or the submission's key (through its submission). The run's
   * key first: an index lookup, where the way through the submission reads all the tenant's runs.
   */
  async function findExisting(submission: NewSubmission, run: IntakeRun): Promise<string | null> {
    const rows = await queryRows<{ id: string | null }>(
      db,
      sql`SELECT coalesce(
            (SELECT id FROM workflow_runs WHERE tenant_id = ${run.tenantId} AND idempotency_key = ${run.idempotencyKey}),
            (SELECT r.id FROM form_submissions AS s
               JOIN workflow_runs AS r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
             WHERE s.tenant_id = ${submission.tenantId} AND s.idempotency_key = ${submission.idempotencyKey})
          ) AS id`,
    );
    return rows[0]?.id ?? null;
  }

  const recordSubmission: IntakeStore['recordSubmission'] = async (submission, run) => {
    if (submission.tenantId !== run.tenantId) {
      throw new AppError('validation', 'a submission and its run must belong to the same tenant');
    }
    let inserted: { id: string }[] = [];
    try {
      inserted = await queryRows<{ id: string }>(db, insertSubmissionSql(submission, run));
    } catch (error) {
      // A run holding the run's key or id appeared between our check and our insert: the statement
      // rolled back whole, so nothing was written; answer from what is there.
      if (!isUniqueViolation(error)) throw error;
    }
    if (inserted[0]) return { runId: inserted[0].id, created: true };
    const existing = await findExisting(submission, run);
    if (existing !== null) return { runId: existing, created: false };
    throw new AppError(
      'conflict',
      `submission ${submission.id} or run ${run.id} already exists for tenant ${run.tenantId} under another idempotency key`,
    );
  };

  return {
    recordSubmission,
    recordSubmissions: (items) =>
      recordSubmissions(db, items, ({ submission, run }) => recordSubmission(submission, run)),

    async findRunIdByIdempotencyKey(tenantId, idempotencyKey) {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`SELECT r.id FROM workflow_runs AS r WHERE r.tenant_id = ${tenantId} AND r.idempotency_key = ${idempotencyKey}
            UNION ALL
            SELECT r.id FROM form_submissions AS s
            JOIN workflow_runs AS r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
            WHERE s.tenant_id = ${tenantId} AND s.idempotency_key = ${idempotencyKey}
            LIMIT 1`,
      );
      return rows[0]?.id ?? null;
    },

    async findSubmissionForRun(tenantId, runId): Promise<SubmissionRecord | null> {
      const rows = await queryRows<SubmissionRow>(
        db,
        sql`SELECT s.tenant_id, s.id, s.idempotency_key, s.source_kind, s.portal_id, s.form_id, s.submission_id,
                   s.raw_payload, s.payload, s.received_at, r.id AS run_id
            FROM workflow_runs AS r
            JOIN form_submissions AS s ON s.tenant_id = r.tenant_id AND s.id = r.submission_id
            WHERE r.tenant_id = ${tenantId} AND r.id = ${runId}`,
      );
      return rows[0] ? submissionFromRow(rows[0]) : null;
    },
  };
}

/**
 * Inserts nothing when the tenant holds the submission's key (ON CONFLICT) or a run already holds the
 * run's key (NOT EXISTS). The run goes in without ON CONFLICT: should it collide after all, the unique
 * violation rolls the submission back with it.
 */
function insertSubmissionSql(submission: NewSubmission, run: IntakeRun) {
  return sql`
    WITH sub AS (
      INSERT INTO form_submissions (tenant_id, id, idempotency_key, source_kind, portal_id, form_id, submission_id,
                                    raw_payload, payload, received_at)
      SELECT ${submission.tenantId}, ${submission.id}, ${submission.idempotencyKey}, ${submission.sourceKind},
             ${submission.portalId}, ${submission.formId}, ${submission.submissionId}, ${submission.rawPayload},
             ${jsonParam(submission.payload)}::jsonb, ${submission.receivedAt}::timestamptz
      WHERE NOT EXISTS (SELECT 1 FROM workflow_runs
                        WHERE tenant_id = ${run.tenantId} AND idempotency_key = ${run.idempotencyKey})
      ON CONFLICT DO NOTHING
      RETURNING tenant_id, id, form_id
    ), run AS (
      INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, submission_id, status, attempt, input,
                                 trace_id, email, company, form_id, created_at, updated_at)
      SELECT tenant_id, ${run.id}, ${run.workflow}, ${run.idempotencyKey}, id, 'pending', 0, ${jsonParam(run.input)}::jsonb,
             ${run.traceId}, ${run.email}, ${run.company}, form_id, ${run.createdAt}::timestamptz, ${run.createdAt}::timestamptz
      FROM sub
      RETURNING tenant_id, id, workflow, idempotency_key, created_at
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'run.created', id, NULL,
             jsonb_build_object('workflow', workflow, 'idempotencyKey', idempotency_key), created_at
      FROM run
    )
    SELECT id FROM run`;
}

/** SQLSTATE 23505, wherever drizzle put the driver's error in the cause chain. */
function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

function submissionFromRow(row: SubmissionRow): SubmissionRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    idempotencyKey: row.idempotency_key,
    sourceKind: row.source_kind,
    portalId: row.portal_id,
    formId: row.form_id,
    submissionId: row.submission_id,
    rawPayload: row.raw_payload,
    payload: row.payload ?? null,
    receivedAt: toIso(row.received_at),
    runId: row.run_id,
  };
}
