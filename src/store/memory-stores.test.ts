// The in-memory stores against the same conformance suites as the database.
import { createMemoryAuditLog } from './memory-audit-log.js';
import { createMemoryRunStore } from './memory-run-store.js';
import { createMemorySideEffectLedger } from './memory-side-effect-ledger.js';
import { runAuditLogConformance } from '../testing/audit-log-conformance.js';
import { runRunStoreConformance } from '../testing/run-store-conformance.js';
import { runSideEffectLedgerConformance } from '../testing/side-effect-ledger-conformance.js';

runRunStoreConformance('memory', () => {
  const runStore = createMemoryRunStore();
  return { runStore, audit: runStore.audit };
});
runSideEffectLedgerConformance('memory', () => createMemorySideEffectLedger());
runAuditLogConformance('memory', () => createMemoryAuditLog());
