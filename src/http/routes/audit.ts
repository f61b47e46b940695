// The audit log API: every operator action and run transition, newest first, searchable by actor,
// action, run and date, with a cursor.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../schemas/common.js';
import { AuditPageSchema, AuditQuerySchema } from '../schemas/dashboard.js';
import type { DashboardRouteContext } from './dashboard-deps.js';
import { DEFAULT_PAGE_SIZE } from './runs.js';

export const auditRoutes: FastifyPluginCallbackZod<DashboardRouteContext> = (app, ctx, done) => {
  app.get('/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Search the audit log',
      querystring: AuditQuerySchema,
      response: { 200: AuditPageSchema, ...errorResponses(422, 500) },
    },
    handler: async (request) => {
      const { actor, action, runId, from, to, limit, cursor } = request.query;
      const trimmed = (value: string | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);
      return ctx.dashboard.audit.search(ctx.config.defaultTenantId, {
        ...(trimmed(actor) === undefined ? {} : { actor: trimmed(actor) }),
        ...(trimmed(action) === undefined ? {} : { action: trimmed(action) }),
        ...(trimmed(runId) === undefined ? {} : { runId: trimmed(runId) }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        limit: limit ?? DEFAULT_PAGE_SIZE,
        cursor: cursor ?? null,
      });
    },
  });
  done();
};
