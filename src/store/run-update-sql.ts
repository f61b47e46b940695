// The one statement behind RunStore.updateRun: applies the patch and, when the status changed, appends a
// `run.<status>` audit event, reading the old status under a row lock in the same statement.
import { sql, type SQL } from 'drizzle-orm';
import type { RunPatch } from '../domain/ports/run-store.js';
import { runStatusEventDetails } from './audit-details-sql.js';

export function buildRunUpdate(tenantId: string, runId: string, patch: RunPatch): SQL {
  const assignments = sql.join(setClauses(patch), sql`, `);
  return sql`
    WITH upd AS (
      UPDATE workflow_runs AS r SET ${assignments}
      FROM (SELECT status FROM workflow_runs WHERE tenant_id = ${tenantId} AND id = ${runId} FOR UPDATE) AS old
      WHERE r.tenant_id = ${tenantId} AND r.id = ${runId}
      RETURNING r.tenant_id, r.id, r.status, r.attempt, r.error_code, r.error_message, r.reason, r.updated_at,
                old.status AS old_status
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'run.' || status, id, NULL,
             ${runStatusEventDetails('upd')}, updated_at
      FROM upd WHERE status IS DISTINCT FROM old_status
    )
    SELECT count(*)::int AS n FROM upd`;
}

/** Only the fields present in the patch are written; `updated_at` always is. */
export function setClauses(patch: RunPatch): SQL[] {
  const set: SQL[] = [sql`updated_at = ${patch.updatedAt}::timestamptz`];
  if (patch.status !== undefined) set.push(sql`status = ${patch.status}::text`);
  if (patch.currentStep !== undefined) set.push(sql`current_step = ${patch.currentStep}::text`);
  if (patch.attempt !== undefined) set.push(sql`attempt = ${patch.attempt}::int`);
  if (patch.error !== undefined) {
    set.push(
      sql`error_code = ${patch.error?.code ?? null}::text`,
      sql`error_message = ${patch.error?.message ?? null}::text`,
    );
  }
  if (patch.reason !== undefined) set.push(sql`reason = ${patch.reason}::text`);
  if (patch.finishedAt !== undefined) set.push(sql`finished_at = ${patch.finishedAt}::timestamptz`);
  return set;
}
