// The AuditLog port on PostgreSQL / PGlite. Appends only: the table's triggers refuse UPDATE, DELETE and
// TRUNCATE, so this module could not rewrite history even by mistake.
import { sql } from 'drizzle-orm';
import type { AuditEvent, AuditEventInput, AuditLog } from '../domain/ports/audit.js';
import type { Database } from './database-handle.js';
import { jsonParam, queryRows, toIso } from './sql-rows.js';

interface AuditRow {
  id: string;
  tenant_id: string;
  actor: string;
  action: string;
  run_id: string | null;
  step_id: string | null;
  details: Record<string, unknown>;
  at: string;
}

export function createPostgresAuditLog(database: Database): AuditLog {
  const { db } = database;
  return {
    async append(tenantId: string, event: AuditEventInput) {
      await db.execute(sql`
        INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
        VALUES (${tenantId}, ${event.actor}, ${event.action}, ${event.runId}, ${event.stepId},
                ${jsonParam(event.details)}::jsonb, ${event.at}::timestamptz)`);
    },

    /** Newest first, at most `limit` events. */
    async list(tenantId: string, filter: { runId?: string; limit: number }): Promise<AuditEvent[]> {
      const byRun = filter.runId === undefined ? sql`` : sql` AND run_id = ${filter.runId}`;
      const rows = await queryRows<AuditRow>(
        db,
        sql`SELECT id::text AS id, tenant_id, actor, action, run_id, step_id, details, at
            FROM audit_events WHERE tenant_id = ${tenantId}${byRun}
            ORDER BY id DESC LIMIT ${normaliseLimit(filter.limit)}::int`,
      );
      return rows.map(eventFromRow);
    },
  };
}

/** A non-positive or fractional limit reads as "that many whole events", never as "no limit". */
export function normaliseLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}

function eventFromRow(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    actor: row.actor,
    action: row.action,
    runId: row.run_id,
    stepId: row.step_id,
    details: row.details,
    at: toIso(row.at),
  };
}
