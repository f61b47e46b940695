// The settings API: read, replace (optimistic locking by version) and change the sending mode.
// Turning SEND on needs the confirmation phrase and is refused while a kill switch is on.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { SEND_CONFIRMATION_PHRASE } from '../../domain/settings.js';
import type { SettingsOutcome } from '../../services/service-types.js';
import type { RouteContext } from '../app-deps.js';
import { describeProblems, sendError } from '../http-error.js';
import { errorResponses } from '../schemas/common.js';
import { SetModeBodySchema, SettingsResultSchema, UpdateSettingsBodySchema } from '../schemas/settings.js';

export const settingsRoutes: FastifyPluginCallbackZod<RouteContext> = (app, ctx, done) => {
  const tenantId = ctx.config.defaultTenantId;
  const settings = ctx.services.settings;

  app.get('/settings', {
    schema: {
      tags: ['settings'],
      summary: "The tenant's settings, version and the global kill switch",
      response: { 200: SettingsResultSchema, ...errorResponses(404, 500) },
    },
    handler: async (request, reply) =>
      replyWithSettings(request, reply, await settings.get(tenantId), 'settings are invalid'),
  });

  app.put('/settings', {
    schema: {
      tags: ['settings'],
      summary: 'Replace the settings document',
      description:
        'Every problem is listed (422). A version other than the stored one is a 409: reload and reapply.',
      body: UpdateSettingsBodySchema,
      response: { 200: SettingsResultSchema, ...errorResponses(404, 409, 422, 500) },
    },
    handler: async (request, reply) => {
      const outcome = await settings.update(
        tenantId,
        request.body.settings,
        request.body.version,
        ctx.resolveActor(request),
      );
      return replyWithSettings(request, reply, outcome, 'the settings are invalid');
    },
  });

  app.post('/settings/mode', {
    schema: {
      tags: ['settings'],
      summary: 'Switch between DRAFT_ONLY and SEND',
      description: `SEND needs confirmation "${SEND_CONFIRMATION_PHRASE}" (422 otherwise) and is refused (409) while a kill switch is on.`,
      body: SetModeBodySchema,
      response: { 200: SettingsResultSchema, ...errorResponses(404, 409, 422, 500) },
    },
    handler: async (request, reply) => {
      const outcome = await settings.setMode(tenantId, request.body, ctx.resolveActor(request));
      const needsPhrase =
        request.body.mode === 'SEND' && request.body.confirmation?.trim() !== SEND_CONFIRMATION_PHRASE;
      const lead = needsPhrase
        ? `switching to SEND needs the confirmation phrase "${SEND_CONFIRMATION_PHRASE}"`
        : 'the mode change is invalid';
      return replyWithSettings(request, reply, outcome, lead);
    },
  });
  done();
};

function replyWithSettings(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: SettingsOutcome,
  invalidLead: string,
): FastifyReply {
  if (outcome.ok)
    return reply
      .code(200)
      .send({
        settings: outcome.settings,
        version: outcome.version,
        globalKillSwitch: outcome.globalKillSwitch,
      });
  if (outcome.code === 'validation') {
    return sendError(request, reply, 'validation', `${invalidLead}: ${describeProblems(outcome.problems)}`, {
      problems: outcome.problems,
    });
  }
  return sendError(request, reply, outcome.code, outcome.message);
}
