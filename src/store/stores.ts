// The persistence ports bundled, for the composition root: the database-backed set, or the in-memory
// set for the CLI and tests. Both write the same audit events; the memory ports share one MemoryDatabase
// so, like the tables, each sees the others' writes.
import type { AuditLog } from '../domain/ports/audit.js';
import type { DraftStore } from '../domain/ports/draft-store.js';
import type { IntakeStore } from '../domain/ports/intake-store.js';
import type { RunDispatch, RunQueries } from '../domain/ports/run-queries.js';
import type { RunStore } from '../domain/ports/run-store.js';
import type { SettingsStore } from '../domain/ports/settings-store.js';
import type { SideEffectLedger } from '../domain/ports/side-effects.js';
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

export interface Stores {
  runStore: RunStore;
  ledger: SideEffectLedger;
  audit: AuditLog;
  intake: IntakeStore;
  runQueries: RunQueries;
  dispatch: RunDispatch;
  drafts: DraftStore;
  settings: SettingsStore;
}

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
  return {
    runStore: createMemoryRunStore({ database }),
    ledger: createMemorySideEffectLedger(),
    audit: database.audit,
    intake: createMemoryIntakeStore(database),
    runQueries: createMemoryRunQueries(database),
    dispatch: createMemoryRunDispatch(database),
    drafts: createMemoryDraftStore(database),
    settings: createMemorySettingsStore(database),
  };
}
