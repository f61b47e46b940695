// What the application services are built from: ports only, plus the clock and id maker.
import type { AuditLog } from '../domain/ports/audit.js';
import type { DraftStore } from '../domain/ports/draft-store.js';
import type { Connectors } from '../domain/ports/index.js';
import type { IntakeStore } from '../domain/ports/intake-store.js';
import type { JobQueue } from '../domain/ports/job-queue.js';
import type { RunDispatch, RunQueries } from '../domain/ports/run-queries.js';
import type { RunStore } from '../domain/ports/run-store.js';
import type { SettingsStore } from '../domain/ports/settings-store.js';
import type { SideEffectLedger } from '../domain/ports/side-effects.js';
import type { TenantSettings } from '../domain/settings.js';

export interface StorePorts {
  runStore: RunStore;
  ledger: SideEffectLedger;
  audit: AuditLog;
  intake: IntakeStore;
  runQueries: RunQueries;
  dispatch: RunDispatch;
  drafts: DraftStore;
  settings: SettingsStore;
}

export interface ServiceDeps {
  stores: StorePorts;
  queue: JobQueue;
  /** The external systems of a tenant, given its settings. */
  connectorsFor: (tenantId: string, settings: TenantSettings) => Connectors;
  /** Settings a tenant starts with the first time it is seen. */
  initialSettings: (tenantId: string) => TenantSettings;
  clock: () => Date;
  newId: () => string;
  globalKillSwitch: boolean;
}
