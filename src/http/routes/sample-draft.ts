// The voice editor's preview: renders a sample draft for a voice profile (saved or not) with the
// tenant's seller details. Changes nothing, so any signed-in role may call it.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { describeProblems, sendError } from '../http-error.js';
import { errorResponses } from '../schemas/common.js';
import { SampleDraftBodySchema, SampleDraftSchema } from '../schemas/dashboard.js';
import type { DashboardRouteContext } from './dashboard-deps.js';

export const sampleDraftRoutes: FastifyPluginCallbackZod<DashboardRouteContext> = (app, ctx, done) => {
  app.post('/settings/sample-draft', {
    schema: {
      tags: ['settings'],
      summary: 'Render a sample draft for a voice profile, on a fixed made-up lead (nothing is saved)',
      body: SampleDraftBodySchema,
      response: { 200: SampleDraftSchema, ...errorResponses(404, 422, 500) },
    },
    handler: async (request, reply) => {
      const outcome = await ctx.dashboard.sampleDraft(ctx.config.defaultTenantId, request.body.voice);
      if (outcome.ok) return { subject: outcome.subject, body: outcome.body, lint: outcome.lint, lead: outcome.lead };
      return sendError(request, reply, 'validation', `the voice profile is invalid: ${describeProblems(outcome.problems)}`, { problems: outcome.problems });
    },
  });
  done();
};
