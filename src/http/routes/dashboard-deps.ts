// What the dashboard's own endpoints (sign-in, live events, audit search, sample draft) need beyond
// the core services. Optional in buildApp: without it the API has no sign-in, as in the HTTP tests.
import type { LiveEventBus } from '../../domain/ports/live-events.js';
import type { AuditSearch } from '../../services/audit-service.js';
import type { AuthService } from '../../services/auth-service.js';
import type { SampleDraftOutcome } from '../../services/sample-draft-service.js';
import type { RouteContext } from '../app-deps.js';
import type { HttpAuth } from '../auth/create-http-auth.js';

export interface DashboardApiDeps {
  auth: AuthService;
  httpAuth: HttpAuth;
  live: LiveEventBus;
  audit: AuditSearch;
  sampleDraft: (tenantId: string, voice: unknown) => Promise<SampleDraftOutcome>;
  /** How often an idle event stream sends a comment, so proxies keep it open. */
  heartbeatMs?: number;
}

export interface DashboardRouteContext extends RouteContext {
  dashboard: DashboardApiDeps;
}
