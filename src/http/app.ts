// The Fastify app: webhooks, the dashboard API, health, OpenAPI docs and the dashboard's files. It
// calls application services through their interfaces; it knows no SQL, queue or connector.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { BuildAppDeps, RouteContext } from './app-deps.js';
import { registerDashboard } from './dashboard.js';
import { registerDocs } from './docs.js';
import { handleError } from './error-handler.js';
import { createIntakeGate } from './intake-gate.js';
import { registerAuthRoutes, registerProtectedDashboardRoutes } from './routes/dashboard-api.js';
import type { DashboardApiDeps } from './routes/dashboard-deps.js';
import { useJsonParsers } from './raw-body.js';
import { generateRequestId, REQUEST_ID_HEADER } from './request-id.js';
import { draftRoutes } from './routes/drafts.js';
import { healthRoutes } from './routes/health.js';
import { leadRoutes } from './routes/leads.js';
import { runRoutes } from './routes/runs.js';
import { settingsRoutes } from './routes/settings.js';
import { webhookRoutes } from './routes/webhooks.js';

export const UNSIGNED_WEBHOOKS_WARNING = 'webhook signatures are not verified: set HUBSPOT_CLIENT_SECRET';

/** `dashboardApi` adds sign-in, live events, audit search and the sample draft (the composition root sets it). */
export async function buildApp(deps: BuildAppDeps & { dashboardApi?: DashboardApiDeps }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: 'info' },
    bodyLimit: deps.config.bodyLimitBytes,
    genReqId: generateRequestId,
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    return payload;
  });
  useJsonParsers(app);
  await registerDocs(app);

  const ctx: RouteContext = {
    services: deps.services,
    config: deps.config,
    clock: deps.clock,
    resolveActor: deps.resolveActor ?? (() => 'system'),
    intakeGate: createIntakeGate(deps.config.intake.maxInFlight),
  };
  const authenticate = deps.authenticate ?? null;
  await app.register(webhookRoutes, ctx);
  await app.register(
    async (api) => {
      // The authentication hook runs on request, before the body is read or validated, so an
      // unauthenticated caller learns nothing about the payload rules.
      if (authenticate !== null) api.addHook('onRequest', authenticate);
      await api.register(leadRoutes, ctx);
      await api.register(runRoutes, ctx);
      await api.register(draftRoutes, ctx);
      await api.register(settingsRoutes, ctx);
      if (deps.dashboardApi) await registerProtectedDashboardRoutes(api, { ...ctx, dashboard: deps.dashboardApi });
    },
    { prefix: '/api' },
  );
  if (deps.dashboardApi) await registerAuthRoutes(app, { ...ctx, dashboard: deps.dashboardApi });
  await app.register(healthRoutes, ctx);
  await registerDashboard(app, deps.staticDir ?? null);

  if (deps.config.hubspotClientSecret === null) app.log.warn(UNSIGNED_WEBHOOKS_WARNING);
  return app;
}
