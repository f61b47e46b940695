// The AuditLog port on PostgreSQL / PGlite. Appends only: the table's triggers refuse UPDATE, DELETE and
// TRUNCATE, so this module could not rewrite history even by mistake.
import { sql, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditEventInput, AuditFilter, AuditLog } from '../domain/ports/audit.js';
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
    async list(tenantId: string, filter: AuditFilter): Promise<AuditEvent[]> {
      const rows = await queryRows<AuditRow>(
        db,
        sql`SELECT id::text AS id, tenant_id, actor, action, run_id, step_id, details, at
            FROM audit_events WHERE tenant_id = ${tenantId}${auditConditions(filter)}
            ORDER BY audit_events.id DESC LIMIT ${normaliseLimit(filter.limit)}::int`,
      );
      return rows.map(eventFromRow);
    },
  };
}

function auditConditions(filter: AuditFilter): SQL {
  const parts: SQL[] = [];
  if (filter.runId !== undefined) parts.push(sql` AND run_id = ${filter.runId}`);
  if (filter.actor !== undefined) parts.push(prefixOrExact('actor', filter.actor, ':'));
  if (filter.action !== undefined) parts.push(prefixOrExact('action', filter.action, '.'));
  if (filter.from !== undefined) parts.push(sql` AND at >= ${filter.from}::timestamptz`);
  if (filter.to !== undefined) parts.push(sql` AND at < ${filter.to}::timestamptz`);
  if (filter.beforeId !== undefined && /^\d+$/.test(filter.beforeId)) parts.push(sql` AND id < ${filter.beforeId}::bigint`);
  return sql.join(parts, sql``);
}

/** `user:` and `draft.` match by prefix (LIKE with the wildcards escaped); anything else exactly. */
function prefixOrExact(column: 'actor' | 'action', value: string, separator: string): SQL {
  const name = sql.raw(column);
  if (!value.endsWith(separator)) return sql` AND ${name} = ${value}`;
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql` AND ${name} LIKE ${`${escaped}%`}`;
}

/** True when the event passes the filter: the memory log's version of the WHERE clause above. */
export function matchesAuditFilter(event: AuditEvent, filter: AuditFilter): boolean {
  const matches = (value: string, wanted: string | undefined, separator: string): boolean =>
    wanted === undefined || (wanted.endsWith(separator) ? value.startsWith(wanted) : value === wanted);
  const at = Date.parse(event.at);
  return (
    (filter.runId === undefined || event.runId === filter.runId) &&
    matches(event.actor, filter.actor, ':') &&
    matches(event.action, filter.action, '.') &&
    (filter.from === undefined || at >= Date.parse(filter.from)) &&
    (filter.to === undefined || at < Date.parse(filter.to)) &&
    (filter.beforeId === undefined || !/^\d+$/.test(filter.beforeId) || BigInt(event.id) < BigInt(filter.beforeId))
  );
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
