// The SettingsStore port on PostgreSQL / PGlite: the tenant and its settings document, saved with an
// optimistic version check. The `settings.updated` audit event is the settings service's to append.
import { sql } from 'drizzle-orm';
import { AppError } from '../domain/errors.js';
import type { SettingsStore, StoredSettings } from '../domain/ports/settings-store.js';
import type { Database } from './database-handle.js';
import { parseStoredSettings } from './settings-document.js';
import { jsonParam, queryRows, toIso } from './sql-rows.js';

interface SettingsRow {
  tenant_id: string;
  settings: unknown;
  version: number;
  updated_at: string;
}

const COLUMNS = sql.raw('tenant_id, settings, version, updated_at');

export function createPostgresSettingsStore(database: Database): SettingsStore {
  const { db } = database;

  async function read(tenantId: string): Promise<StoredSettings | null> {
    const rows = await queryRows<SettingsRow>(
      db,
      sql`SELECT ${COLUMNS} FROM settings WHERE tenant_id = ${tenantId}`,
    );
    return rows[0] ? fromRow(rows[0]) : null;
  }

  return {
    async ensureTenant(tenantId, name, initial, now) {
      // Each insert does nothing when its row exists, so a tenant missing only its settings gets them.
      const rows = await queryRows<SettingsRow>(
        db,
        sql`WITH tenant AS (
              INSERT INTO tenants (id, name, created_at) VALUES (${tenantId}, ${name}, ${now}::timestamptz)
              ON CONFLICT DO NOTHING
            ), doc AS (
              INSERT INTO settings (tenant_id, settings, version, updated_at)
              VALUES (${tenantId}, ${jsonParam(initial)}::jsonb, 1, ${now}::timestamptz)
              ON CONFLICT DO NOTHING
              RETURNING ${COLUMNS}
            )
            SELECT ${COLUMNS} FROM doc`,
      );
      if (rows[0]) return fromRow(rows[0]);
      // Already there (or a concurrent call just made it): this statement's snapshot could not see it.
      const stored = await read(tenantId);
      if (stored) return stored;
      throw new AppError('internal', `settings of tenant ${tenantId} vanished while ensuring the tenant`);
    },

    getSettings: read,

    async saveSettings(tenantId, settings, expectedVersion, now) {
      const rows = await queryRows<SettingsRow>(
        db,
        sql`UPDATE settings SET settings = ${jsonParam(settings)}::jsonb, version = version + 1,
                                updated_at = ${now}::timestamptz
            WHERE tenant_id = ${tenantId} AND version = ${expectedVersion}::int
            RETURNING ${COLUMNS}`,
      );
      return rows[0] ? fromRow(rows[0]) : null;
    },
  };
}

function fromRow(row: SettingsRow): StoredSettings {
  return {
    tenantId: row.tenant_id,
    settings: parseStoredSettings(row.tenant_id, row.settings),
    version: row.version,
    updatedAt: toIso(row.updated_at),
  };
}
