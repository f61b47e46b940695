// The runs API for the dashboard: list with filters and counts, one run's full trail, operator
// retry, and failures grouped by cause. Tenant and actor come from the context, never from headers.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { RunListFilter } from '../../domain/ports/run-queries.js';
import type { RouteContext } from '../app-deps.js';
import { sendError } from '../http-error.js';
import { errorResponses, IdParamsSchema } from '../schemas/common.js';
import {
  FailureGroupsSchema,
  RetryResultSchema,
  RunDetailSchema,
  RunListQuerySchema,
  RunListSchema,
} from '../schemas/runs.js';

export const DEFAULT_PAGE_SIZE = 50;

export const runRoutes: FastifyPluginCallbackZod<RouteContext> = (app, ctx, done) => {
  const tenantId = ctx.config.defaultTenantId;

  app.get('/runs', {
    schema: {
      tags: ['runs'],
      summary: 'List runs',
      querystring: RunListQuerySchema,
      response: { 200: RunListSchema, ...errorResponses(422, 500) },
    },
    handler: async (request) => {
      const q = request.query;
      const filter: RunListFilter = { limit: q.limit ?? DEFAULT_PAGE_SIZE, cursor: q.cursor ?? null };
      if (q.status !== undefined && q.status.length > 0) filter.statuses = q.status;
      if (q.from !== undefined) filter.from = q.from;
      if (q.to !== undefined) filter.to = q.to;
      if (q.q !== undefined && q.q.trim() !== '') filter.search = q.q.trim();
      return ctx.services.runs.list(tenantId, filter);
    },
  });

  app.get('/runs/:id', {
    schema: {
      tags: ['runs'],
      summary: 'One run with its steps, audit trail, submission and draft',
      params: IdParamsSchema,
      response: { 200: RunDetailSchema, ...errorResponses(404, 500) },
    },
    handler: async (request, reply) => {
      const detail = await ctx.services.runs.get(tenantId, request.params.id);
      if (detail === null)
        return sendError(request, reply, 'not-found', `run ${request.params.id} not found`);
      return detail;
    },
  });

  app.post('/runs/:id/retry', {
    schema: {
      tags: ['runs'],
      summary: 'Put a failed, dead-lettered or paused run back on the queue; it resumes at its failed step',
      params: IdParamsSchema,
      response: { 202: RetryResultSchema, ...errorResponses(404, 409, 500) },
    },
    handler: async (request, reply) => {
      const outcome = await ctx.services.runs.retry(tenantId, request.params.id, ctx.resolveActor(request));
      if (!outcome.ok) return sendError(request, reply, outcome.code, outcome.message);
      return reply.code(202).send({ run: outcome.run });
    },
  });

  app.get('/errors', {
    schema: {
      tags: ['runs'],
      summary: 'Failed runs grouped by error code and failing step',
      response: { 200: FailureGroupsSchema, ...errorResponses(500) },
    },
    handler: async () => ({ groups: await ctx.services.runs.failures(tenantId) }),
  });
  done();
};
