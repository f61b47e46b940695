// POST /api/leads: a plain JSON lead (or any HubSpot shape) through the same intake as the webhooks.
// Not signed: authentication (an API key) arrives through the /api authenticate hook.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../app-deps.js';
import { replyWithIntakeOutcome, throughGate } from '../intake-reply.js';
import { getRawBody } from '../raw-body.js';
import { errorResponses } from '../schemas/common.js';
import { IntakeAcceptedSchema, IntakeSettledSchema, LeadBodySchema } from '../schemas/intake.js';

export const leadRoutes: FastifyPluginCallbackZod<RouteContext> = (app, ctx, done) => {
  app.post('/leads', {
    schema: {
      tags: ['leads'],
      summary: 'Submit a lead',
      description:
        '202 starts a run; 200 for a duplicate (the existing run) or a deliberately ignored lead. Retry-After on 429 is in seconds.',
      body: LeadBodySchema,
      response: {
        200: IntakeSettledSchema,
        202: IntakeAcceptedSchema,
        ...errorResponses(400, 413, 415, 422, 429, 500),
      },
    },
    handler: async (request, reply) => {
      await throughGate(ctx.intakeGate, request, reply, 's', async () => {
        const outcome = await ctx.services.intake.submit({
          tenantId: ctx.config.defaultTenantId,
          route: 'api',
          rawBody: getRawBody(request),
          payload: request.body,
        });
        replyWithIntakeOutcome(request, reply, outcome, 's');
      });
      return reply;
    },
  });
  done();
};
