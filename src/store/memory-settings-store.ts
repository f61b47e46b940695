// The SettingsStore port in memory, over the shared MemoryDatabase: documents kept as JSON and parsed
// with the current schema on every read, versions checked like the SQL store's UPDATE ... WHERE version.
import { AppError } from '../domain/errors.js';
import type { SettingsStore, StoredSettings } from '../domain/ports/settings-store.js';
import { isoInstant, type MemoryDatabase, type MemorySettingsRow } from './memory-database.js';
import { parseStoredSettings } from './settings-document.js';
import { jsonClone, settle } from './sql-rows.js';

export function createMemorySettingsStore(database: MemoryDatabase): SettingsStore {
  const { tenants, settings } = database;

  function read(tenantId: string): StoredSettings | null {
    const row = settings.get(tenantId);
    return row ? fromRow(tenantId, row) : null;
  }

  return {
    ensureTenant(tenantId, name, initial, now) {
      return settle(() => {
        const at = isoInstant(now);
        if (!tenants.has(tenantId)) tenants.set(tenantId, { name, createdAt: at });
        if (!settings.has(tenantId))
          settings.set(tenantId, { document: jsonClone(initial), version: 1, updatedAt: at });
        const stored = read(tenantId);
        if (stored === null) throw new AppError('internal', `settings of tenant ${tenantId} were not stored`);
        return stored;
      });
    },

    getSettings(tenantId) {
      return settle(() => read(tenantId));
    },

    saveSettings(tenantId, next, expectedVersion, now) {
      return settle(() => {
        const row = settings.get(tenantId);
        if (!row || row.version !== expectedVersion) return null;
        Object.assign(row, {
          document: jsonClone(next),
          version: row.version + 1,
          updatedAt: isoInstant(now),
        });
        return fromRow(tenantId, row);
      });
    },
  };
}

function fromRow(tenantId: string, row: MemorySettingsRow): StoredSettings {
  return {
    tenantId,
    settings: parseStoredSettings(tenantId, jsonClone(row.document)),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}
