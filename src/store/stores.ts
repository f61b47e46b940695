// The persistence ports bundled, for the composition root: the database-backed set, or the in-memory
// set for the CLI and tests. Both write the same audit events; the memory ports share one MemoryDatabase
// so, like the tables, each sees the others' writes.
import type { StorePorts } from '../domain/ports/index.js';
import { createPostgresAuditLog } from './audit-log.js';
import type { Database } from './database-handle.js';
import { createPostgresDraftStore } from './draft-store.js';
import { createPostgresIntakeStore } from './intake-store.js';
import { createMemoryDatabase } from './memory-database.js';
import { createMemoryDraftStore } from './memory-draft-store.js';
import { createMemoryIntakeStore } from './memory-intake-store.js';
import { createMemoryRunDispatch } from './memory-run-dispatch.js';
import { createMemoryRunQueries } from './memory-run-queries.js';
import { createMemoryRunStore } from './memory-run-store.js';
import { createMemorySettingsStore } from './memory-settings-store.js';
import { createMemorySideEffectLedger } from './memory-side-effect-ledger.js';
import { createPostgresRunDispatch } from './run-dispatch.js';
import { createPostgresRunQueries } from './run-queries.js';
import { createPostgresRunStore } from './run-store.js';
import { createPostgresSettingsStore } from './settings-store.js';
import { createPostgresSideEffectLedger } from './side-effect-ledger.js';

export type Stores = StorePorts;

export function createPostgresStores(database: Database): Stores {
  return {
    runStore: createPostgresRunStore(database),
    ledger: createPostgresSideEffectLedger(database),
    audit: createPostgresAuditLog(database),
    intake: createPostgresIntakeStore(database),
    runQueries: createPostgresRunQueries(database),
    dispatch: createPostgresRunDispatch(database),
    drafts: createPostgresDraftStore(database),
    settings: createPostgresSettingsStore(database),
  };
}

export function createMemoryStores(): Stores {
  const database = createMemoryDatabase();
  const ledger = createMemorySideEffectLedger();
  return {
    runStore: createMemoryRunStore({ database, ledger }),
    ledger,
    audit: database.audit,
    intake: createMemoryIntakeStore(database),
    runQueries: createMemoryRunQueries(database),
    dispatch: createMemoryRunDispatch(database),
    drafts: createMemoryDraftStore(database),
    settings: createMemorySettingsStore(database),
  };
}
