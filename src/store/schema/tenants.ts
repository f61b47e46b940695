// Tenant-level tables: the tenant itself, its settings document and its suppression list.
// Nothing here knows about runs; every other table carries tenant_id and is filtered by it.
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: instant('created_at')
    .notNull()
    .default(sql`now()`),
});

/** One settings document per tenant; `version` increases by one per saved change (optimistic locking). */
export const settings = pgTable('settings', {
  tenantId: text('tenant_id').primaryKey(),
  settings: jsonb('settings').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: instant('updated_at').notNull(),
});

/** An email address or `@domain` that must never be written to. */
export const suppression = pgTable(
  'suppression',
  {
    tenantId: text('tenant_id').notNull(),
    value: text('value').notNull(),
    reason: text('reason').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at'),
  },
  (t) => [primaryKey({ name: 'suppression_pkey', columns: [t.tenantId, t.value] })],
);
