// HubSpot webhooks: workflow "Send a webhook" bodies (forms, workflow) and Webhooks API event batches.
// The body is kept as raw text, the signature is checked over those bytes first, then JSON is parsed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { IntakeRoute } from '../../services/service-types.js';
import type { RouteContext } from '../app-deps.js';
import { sendError } from '../http-error.js';
import { replyWithIntakeOutcome, throughGate } from '../intake-reply.js';
import { getRawBody, parseJson, useRawTextParser } from '../raw-body.js';
import { errorResponses } from '../schemas/common.js';
import {
  AnyJsonBodySchema,
  EventsResultSchema,
  IntakeAcceptedSchema,
  IntakeSettledSchema,
} from '../schemas/intake.js';
import { checkWebhookSignature } from '../webhook-signature.js';

const SINGLE_LEAD_ROUTES: { url: string; route: IntakeRoute; summary: string }[] = [
  {
    url: '/webhooks/hubspot/forms',
    route: 'hubspot-forms',
    summary: 'A form submission pushed by a HubSpot workflow',
  },
  {
    url: '/webhooks/hubspot/workflow',
    route: 'hubspot-workflow',
    summary: 'A HubSpot workflow "Send a webhook" body (contact profile or custom flat body)',
  },
];

const SIGNATURE_HEADERS =
  'Signed with X-HubSpot-Signature-v3 + X-HubSpot-Request-Timestamp (or legacy X-HubSpot-Signature v1/v2) when a client secret is configured. ' +
  'Retry-After on 429 is in MILLISECONDS, as HubSpot reads it.';

export const webhookRoutes: FastifyPluginCallbackZod<RouteContext> = (app, ctx, done) => {
  useRawTextParser(app);
  const secret = ctx.config.hubspotClientSecret;
  if (secret !== null) {
    app.addHook('preHandler', async (request, reply) => {
      const check = checkWebhookSignature(request, ctx.config.publicBaseUrl, secret, ctx.clock());
      if (check.ok) return;
      request.log.warn({ reason: check.reason, url: request.url }, 'webhook signature rejected');
      return sendError(request, reply, 'unauthorized', check.reason);
    });
  }

  for (const { url, route, summary } of SINGLE_LEAD_ROUTES) {
    app.post(url, {
      schema: {
        tags: ['webhooks'],
        summary,
        description: SIGNATURE_HEADERS,
        body: AnyJsonBodySchema,
        response: {
          200: IntakeSettledSchema,
          202: IntakeAcceptedSchema,
          ...errorResponses(400, 401, 413, 422, 429, 500),
        },
      },
      handler: async (request, reply) => {
        await submitLead(ctx, route, request, reply);
        return reply;
      },
    });
  }

  app.post('/webhooks/hubspot/events', {
    schema: {
      tags: ['webhooks'],
      summary: 'A Webhooks API batch (a JSON array of up to 100 thin events)',
      description: SIGNATURE_HEADERS,
      body: AnyJsonBodySchema,
      response: { 200: EventsResultSchema, ...errorResponses(400, 401, 413, 429, 500) },
    },
    handler: async (request, reply) => {
      await submitEvents(ctx, request, reply);
      return reply;
    },
  });
  done();
};

async function submitLead(
  ctx: RouteContext,
  route: IntakeRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const rawBody = getRawBody(request);
  const parsed = parseJson(rawBody);
  if (!parsed.ok) {
    sendError(request, reply, 'bad-request', parsed.message);
    return;
  }
  await throughGate(ctx.intakeGate, request, reply, 'ms', async () => {
    const outcome = await ctx.services.intake.submit({
      tenantId: ctx.config.defaultTenantId,
      route,
      rawBody,
      payload: parsed.value,
    });
    return replyWithIntakeOutcome(request, reply, outcome, 'ms');
  });
}

async function submitEvents(ctx: RouteContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const rawBody = getRawBody(request);
  const parsed = parseJson(rawBody);
  if (!parsed.ok) {
    sendError(request, reply, 'bad-request', parsed.message);
    return;
  }
  const events = parsed.value;
  if (!Array.isArray(events)) {
    sendError(request, reply, 'bad-request', 'a Webhooks API body must be a JSON array of events');
    return;
  }
  await throughGate(ctx.intakeGate, request, reply, 'ms', async () => {
    const result = await ctx.services.intake.submitEvents({
      tenantId: ctx.config.defaultTenantId,
      rawBody,
      events: events as unknown[],
    });
    return reply.code(200).send(result);
  });
}
