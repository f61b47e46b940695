// Wires what the dashboard needs around the core services: accounts and sessions, the live event bus
// (PostgreSQL LISTEN/NOTIFY across processes, in-process otherwise), audit search and the sample draft.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.js';
import type { LiveEventBus } from '../domain/ports/live-events.js';
import { createHttpAuth, type HttpAuth } from '../http/auth/create-http-auth.js';
import type { DashboardApiDeps } from '../http/routes/dashboard-deps.js';
import type { Logger } from '../observability/logger.js';
import { createAuditSearch } from '../services/audit-service.js';
import { createAuthService, type AuthService } from '../services/auth-service.js';
import { createLiveEventBus } from '../services/live-events.js';
import { withLiveEvents } from '../services/live-events-stores.js';
import { renderSampleDraft } from '../services/sample-draft-service.js';
import type { StorePorts } from '../services/service-deps.js';
import type { Services } from '../services/service-types.js';
import { createPostgresAuthStore } from '../store/auth-store.js';
import type { Database } from '../store/database.js';
import { createPostgresLiveEventChannel } from '../store/postgres-live-events.js';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface DashboardWiring {
  auth: AuthService;
  httpAuth: HttpAuth;
  live: LiveEventBus;
  /** The stores with live events published on every run, draft and settings write. */
  publishing(stores: StorePorts): StorePorts;
  api(services: Services, stores: StorePorts): DashboardApiDeps;
  /** Logs how to create the first account when there is none. */
  announceSetup(url: string | null): Promise<void>;
  close(): Promise<void>;
}

export function createDashboardWiring(config: Config, database: Database, log: Logger): DashboardWiring {
  const auth = createAuthService({ store: createPostgresAuthStore(database), clock: () => new Date(), newId: randomUUID, sessionTtlMs: SESSION_TTL_MS });
  const onError = (error: unknown): void => log.warn({ err: error }, 'live events: delivery problem (the dashboard re-reads when it reconnects)');
  const url = config.database.databaseUrl;
  const live = createLiveEventBus(url === null ? { onError } : { transport: createPostgresLiveEventChannel(database, url, { onError }), onError });
  const httpAuth = createHttpAuth(auth);
  return {
    auth,
    httpAuth,
    live,
    publishing: (stores) => withLiveEvents(stores, live, () => new Date()),
    api: (services, stores) => ({
      auth,
      httpAuth,
      live,
      audit: createAuditSearch(stores.audit),
      sampleDraft: async (tenantId, voice) => {
        const current = await services.settings.get(tenantId);
        if (!current.ok) return { ok: false, problems: [{ field: '', reason: `settings of tenant ${tenantId} cannot be read` }] };
        return renderSampleDraft(current.settings.seller, voice);
      },
    }),
    async announceSetup(at) {
      if ((await auth.countUsers()) > 0) return;
      log.warn(
        `No dashboard account exists yet. Create the first admin with:\n  npx sales-agent users add --email you@example.com --role admin\n` +
          `(or open ${at ?? 'the dashboard'} in a browser on this machine: while there are no users it offers a one-time "create the first admin" form)`,
      );
    },
    close: () => live.close(),
  };
}
