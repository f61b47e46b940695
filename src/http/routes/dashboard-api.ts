// Registers the dashboard's own endpoints: the protected ones inside /api (behind the auth hook) and
// the sign-in ones beside it (they must answer before anyone is signed in).
import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import type { DashboardRouteContext } from './dashboard-deps.js';
import { eventRoutes } from './events.js';
import { sampleDraftRoutes } from './sample-draft.js';

/** Call inside the /api plugin, after its authentication hook. */
export async function registerProtectedDashboardRoutes(api: FastifyInstance, ctx: DashboardRouteContext): Promise<void> {
  await api.register(eventRoutes, ctx);
  await api.register(auditRoutes, ctx);
  await api.register(sampleDraftRoutes, ctx);
}

/** Call at the root: /api/auth/* stays outside the authentication hook. */
export async function registerAuthRoutes(app: FastifyInstance, ctx: DashboardRouteContext): Promise<void> {
  await app.register(authRoutes, { ...ctx, prefix: '/api' });
}
