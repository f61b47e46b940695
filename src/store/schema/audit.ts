// The audit trail table. Append-only is enforced in the database by a trigger (migration
// 0001_audit_append_only.sql), not only by the code that writes it.
import { bigint, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

export const auditEvents = pgTable(
  'audit_events',
  {
    /** Identity: ordering by id is the order events were appended. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    runId: text('run_id'),
    stepId: text('step_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    index('audit_events_tenant_id_idx').on(t.tenantId, t.id.desc().nullsFirst()),
    index('audit_events_tenant_run_idx').on(t.tenantId, t.runId, t.id.desc().nullsFirst()),
  ],
);
