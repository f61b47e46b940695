// The three persistence ports bundled, for the composition root: the database-backed set, or the
// in-memory set for the CLI and tests. Both write the same audit events.
import type { AuditLog } from '../domain/ports/audit.js';
import type { RunStore } from '../domain/ports/run-store.js';
import type { SideEffectLedger } from '../domain/ports/side-effects.js';
import { createPostgresAuditLog } from './audit-log.js';
import type { Database } from './database-handle.js';
import { createMemoryAuditLog } from './memory-audit-log.js';
import { createMemoryRunStore } from './memory-run-store.js';
import { createMemorySideEffectLedger } from './memory-side-effect-ledger.js';
import { createPostgresRunStore } from './run-store.js';
import { createPostgresSideEffectLedger } from './side-effect-ledger.js';

export interface Stores {
  runStore: RunStore;
  ledger: SideEffectLedger;
  audit: AuditLog;
}

export function createPostgresStores(database: Database): Stores {
  return {
    runStore: createPostgresRunStore(database),
    ledger: createPostgresSideEffectLedger(database),
    audit: createPostgresAuditLog(database),
  };
}

export function createMemoryStores(): Stores {
  const audit = createMemoryAuditLog();
  return { runStore: createMemoryRunStore({ audit }), ledger: createMemorySideEffectLedger(), audit };
}
