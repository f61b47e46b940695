// The in-memory stores against the same conformance suites as the database.
import { createMemoryAuditLog } from './memory-audit-log.js';
import { createMemoryRunStore } from './memory-run-store.js';
import { createMemorySideEffectLedger } from './memory-side-effect-ledger.js';
import { runAuditLogConformance } from '../testing/audit-log-conformance.js';
import { runRunStoreConformance } from '../testing/run-store-conformance.js';
import { runSideEffectLedgerConformance } from '../testing/side-effect-ledger-conformance.js';
import { runDraftStoreConformance } from '../testing/draft-store-conformance.js';
import { runIntakeStoreConformance } from '../testing/intake-store-conformance.js';
import { runRunDispatchConformance } from '../testing/run-dispatch-conformance.js';
import { runRunQueriesConformance } from '../testing/run-queries-conformance.js';
import { runSettingsStoreConformance } from '../testing/settings-store-conformance.js';
import { createMemoryStores } from './stores.js';

runRunStoreConformance('memory', () => {
  const runStore = createMemoryRunStore();
  return { runStore, audit: runStore.audit, ledger: runStore.ledger };
});
runSideEffectLedgerConformance('memory', () => createMemorySideEffectLedger());
runAuditLogConformance('memory', () => createMemoryAuditLog());
runRunStoreConformance('memory bundle', () => createMemoryStores());
runIntakeStoreConformance('memory', () => createMemoryStores());
runRunQueriesConformance('memory', () => createMemoryStores());
runRunDispatchConformance('memory', () => createMemoryStores());
runDraftStoreConformance('memory', () => createMemoryStores());
runSettingsStoreConformance('memory', () => createMemoryStores());
