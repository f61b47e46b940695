// What the application services are built from: ports only, plus the clock and id maker.
import type { Connectors, StorePorts } from '../domain/ports/index.js';
import type { JobQueue } from '../domain/ports/job-queue.js';
import type { TenantSettings } from '../domain/settings.js';

export type { StorePorts };

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
