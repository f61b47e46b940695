// The SideEffectLedger port on PostgreSQL / PGlite: the intent is inserted once per (tenant, key), so
// a retried step finds what its earlier attempt recorded instead of writing to the outside twice.
import { sql } from 'drizzle-orm';
import { AppError } from '../domain/errors.js';
import type { SideEffectLedger, SideEffectRecord } from '../domain/ports/side-effects.js';
import type { Database } from './database-handle.js';
import { jsonParam, queryRows, toIso } from './sql-rows.js';

export const SIDE_EFFECT_COLUMNS = sql.raw(
  'tenant_id, idempotency_key, run_id, step_id, kind, status, external_id, result, created_at, updated_at',
);

export interface SideEffectRow {
  tenant_id: string;
  idempotency_key: string;
  run_id: string;
  step_id: string;
  kind: string;
  status: 'intent' | 'done';
  external_id: string | null;
  result: unknown;
  created_at: string;
  updated_at: string;
}

export function createPostgresSideEffectLedger(database: Database): SideEffectLedger {
  const { db } = database;
  return {
    async recordIntent(tenantId, intent) {
      const inserted = await queryRows<SideEffectRow>(
        db,
        sql`INSERT INTO side_effects (tenant_id, idempotency_key, run_id, step_id, kind, status, created_at, updated_at)
            VALUES (${tenantId}, ${intent.idempotencyKey}, ${intent.runId}, ${intent.stepId}, ${intent.kind}, 'intent',
                    ${intent.at}::timestamptz, ${intent.at}::timestamptz)
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            RETURNING ${SIDE_EFFECT_COLUMNS}`,
      );
      if (inserted[0]) return { record: sideEffectFromRow(inserted[0]), created: true };
      const existing = await queryRows<SideEffectRow>(
        db,
        sql`SELECT ${SIDE_EFFECT_COLUMNS} FROM side_effects WHERE tenant_id = ${tenantId} AND idempotency_key = ${intent.idempotencyKey}`,
      );
      if (!existing[0])
        throw new AppError(
          'internal',
          `side effect ${intent.idempotencyKey} vanished while recording its intent`,
        );
      return { record: sideEffectFromRow(existing[0]), created: false };
    },

    async recordDone(tenantId, idempotencyKey, done) {
      const rows = await queryRows<{ n: number }>(
        db,
        sql`WITH upd AS (
              UPDATE side_effects SET status = 'done', external_id = ${done.externalId}, result = ${jsonParam(done.result)}::jsonb,
                                      updated_at = ${done.at}::timestamptz
              WHERE tenant_id = ${tenantId} AND idempotency_key = ${idempotencyKey}
              RETURNING 1
            ) SELECT count(*)::int AS n FROM upd`,
      );
      if (rows[0]?.n !== 1) {
        throw new AppError(
          'not-found',
          `no side-effect intent ${idempotencyKey} for tenant ${tenantId}: record the intent first`,
        );
      }
    },
  };
}

export function sideEffectFromRow(row: SideEffectRow): SideEffectRecord {
  return {
    tenantId: row.tenant_id,
    idempotencyKey: row.idempotency_key,
    runId: row.run_id,
    stepId: row.step_id,
    kind: row.kind,
    status: row.status,
    externalId: row.external_id,
    result: row.result ?? null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
