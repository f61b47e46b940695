// The RunDispatch port on PostgreSQL / PGlite: run leases (one worker per run), retries with a due
// time, dead-lettering, and the reconciler's scan. Each write is one statement; the transitions an
// operator sees (claim, retry, dead letter) append their audit event in that same statement.
import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../domain/errors.js';
import type { DispatchCandidate, RunDispatch } from '../domain/ports/run-queries.js';
import type { RunStatus } from '../domain/ports/run-store.js';
import type { Database } from './database-handle.js';
import { pageLimit } from './keyset-cursor.js';
import { RUN_COLUMNS, runColumnsOf, runFromRow, type RunRow } from './run-row.js';
import { queryRows } from './sql-rows.js';

/**
 * Claimable: pending and due, or running with no live lease (it lapsed: the worker died; or it was
 * released: the worker let go without finishing). `now` is a parameter; the database clock is not used.
 */
function claimable(now: string): SQL {
  return sql`((r.status = 'pending' AND (r.due_at IS NULL OR r.due_at <= ${now}::timestamptz))
           OR (r.status = 'running' AND (r.lease_until IS NULL OR r.lease_until < ${now}::timestamptz)))`;
}

export function createPostgresRunDispatch(database: Database): RunDispatch {
  const { db } = database;
  return {
    async claimRun(tenantId, runId, claim) {
      const rows = await queryRows<RunRow>(db, claimSql(tenantId, runId, claim));
      return rows[0] ? runFromRow(rows[0]) : null;
    },

    async renewLease(tenantId, runId, owner, leaseUntil) {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`WITH upd AS (
              UPDATE workflow_runs SET lease_until = ${leaseUntil}::timestamptz
              WHERE tenant_id = ${tenantId} AND id = ${runId} AND lease_owner = ${owner}
              RETURNING 1
            ) SELECT count(*)::int AS n FROM upd`,
      );
      return rows[0]?.n === 1;
    },

    async releaseLease(tenantId, runId, owner) {
      await db.execute(
        sql`UPDATE workflow_runs SET lease_owner = NULL, lease_until = NULL
            WHERE tenant_id = ${tenantId} AND id = ${runId} AND lease_owner = ${owner}`,
      );
    },

    async scheduleRetry(tenantId, runId, retry) {
      const rows = await queryRows<{ n: number }>(db, scheduleRetrySql(tenantId, runId, retry));
      return rows[0]?.n === 1;
    },

    async markDeadLettered(tenantId, runId, now) {
      const rows = await queryRows<{ n: number; found: boolean }>(db, deadLetterSql(tenantId, runId, now));
      if (rows[0]?.found !== true) {
        throw new AppError('not-found', `run ${runId} not found for tenant ${tenantId}`);
      }
    },

    async listDispatchable(now, limit): Promise<DispatchCandidate[]> {
      const rows = await queryRows<{ tenant_id: string; id: string; status: RunStatus; attempt: number }>(
        db,
        sql`SELECT r.tenant_id, r.id, r.status, r.attempt FROM workflow_runs AS r
            WHERE ${claimable(now)}
            ORDER BY r.created_at, r.tenant_id COLLATE "C", r.id COLLATE "C" LIMIT ${pageLimit(limit, 10_000)}::int`,
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, runId: r.id, status: r.status, attempt: r.attempt }));
    },
  };
}

/**
 * Two workers claiming at once: the second waits on the row lock, then re-checks the WHERE against the
 * first one's committed row (now running, leased) and updates nothing.
 */
function claimSql(
  tenantId: string,
  runId: string,
  claim: { owner: string; now: string; leaseUntil: string },
) {
  return sql`
    WITH old AS (
      SELECT tenant_id, id, status FROM workflow_runs WHERE tenant_id = ${tenantId} AND id = ${runId} FOR UPDATE
    ), claimed AS (
      UPDATE workflow_runs AS r
      SET status = 'running', lease_owner = ${claim.owner}::text, lease_until = ${claim.leaseUntil}::timestamptz,
          due_at = NULL, updated_at = ${claim.now}::timestamptz
      FROM old
      WHERE r.tenant_id = old.tenant_id AND r.id = old.id AND ${claimable(claim.now)}
      RETURNING ${runColumnsOf('r')}, old.status AS old_status, r.lease_owner
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'run.claimed', id, NULL,
             jsonb_build_object('from', old_status, 'owner', lease_owner, 'leaseUntil', ${isoText(claim.leaseUntil)}::text,
                                'attempt', attempt),
             updated_at
      FROM claimed
    )
    SELECT ${RUN_COLUMNS} FROM claimed`;
}

/** Back to pending, due at `dueAt`; the last error stays visible until the next attempt starts. */
function scheduleRetrySql(
  tenantId: string,
  runId: string,
  retry: { dueAt: string; now: string; actor: string },
) {
  return sql`
    WITH old AS (
      SELECT tenant_id, id, status FROM workflow_runs WHERE tenant_id = ${tenantId} AND id = ${runId} FOR UPDATE
    ), upd AS (
      UPDATE workflow_runs AS r
      SET status = 'pending', due_at = ${retry.dueAt}::timestamptz, dead_lettered_at = NULL, finished_at = NULL,
          lease_owner = NULL, lease_until = NULL, updated_at = ${retry.now}::timestamptz
      FROM old
      WHERE r.tenant_id = old.tenant_id AND r.id = old.id AND r.status IN ('failed', 'paused', 'pending')
      RETURNING r.tenant_id, r.id, r.attempt, r.updated_at, old.status AS old_status
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, ${retry.actor}::text, 'run.retry-scheduled', id, NULL,
             jsonb_build_object('from', old_status, 'dueAt', ${isoText(retry.dueAt)}::text, 'attempt', attempt), updated_at
      FROM upd
    )
    SELECT count(*)::int AS n FROM upd`;
}

/** Only a failed run, and only once: marking it again appends no second event. */
function deadLetterSql(tenantId: string, runId: string, now: string) {
  return sql`
    WITH upd AS (
      UPDATE workflow_runs SET dead_lettered_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
      WHERE tenant_id = ${tenantId} AND id = ${runId} AND status = 'failed' AND dead_lettered_at IS NULL
      RETURNING tenant_id, id, attempt, error_code, error_message, dead_lettered_at
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'run.dead-lettered', id, NULL,
             jsonb_build_object('attempt', attempt,
               'error', CASE WHEN error_code IS NULL THEN NULL
                             ELSE jsonb_build_object('code', error_code, 'message', error_message) END),
             dead_lettered_at
      FROM upd
    )
    SELECT (SELECT count(*)::int FROM upd) AS n,
           EXISTS (SELECT 1 FROM workflow_runs WHERE tenant_id = ${tenantId} AND id = ${runId}) AS found`;
}

/** ISO-8601 in UTC, as the memory store writes it into audit details. */
function isoText(at: string): string {
  return new Date(at).toISOString();
}
