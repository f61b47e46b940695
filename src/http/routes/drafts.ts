// The drafts API: the review queue and the operator actions. Send is refused (409 send-refused, with
// the failing check) unless every safety check holds at the moment of sending.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, DraftActionOutcome } from '../../services/service-types.js';
import type { RouteContext } from '../app-deps.js';
import { sendError } from '../http-error.js';
import { errorResponses, IdParamsSchema } from '../schemas/common.js';
import {
  DraftListQuerySchema,
  DraftListSchema,
  DraftResultSchema,
  EditDraftBodySchema,
  RejectDraftBodySchema,
} from '../schemas/drafts.js';
import { DEFAULT_PAGE_SIZE } from './runs.js';

const ACTION_ERRORS = errorResponses(404, 409, 422, 500);

export const draftRoutes: FastifyPluginCallbackZod<RouteContext> = (app, ctx, done) => {
  const tenantId = ctx.config.defaultTenantId;
  const drafts = ctx.services.drafts;

  app.get('/drafts', {
    schema: {
      tags: ['drafts'],
      summary: 'List drafts',
      querystring: DraftListQuerySchema,
      response: { 200: DraftListSchema, ...errorResponses(422, 500) },
    },
    handler: async (request) => {
      const { state, limit, cursor } = request.query;
      return drafts.list(tenantId, {
        ...(state === undefined ? {} : { state }),
        limit: limit ?? DEFAULT_PAGE_SIZE,
        cursor: cursor ?? null,
      });
    },
  });

  app.get('/drafts/:id', {
    schema: {
      tags: ['drafts'],
      summary: 'One draft',
      params: IdParamsSchema,
      response: { 200: DraftResultSchema, ...errorResponses(404, 500) },
    },
    handler: async (request, reply) => {
      const draft = await drafts.get(tenantId, request.params.id);
      if (draft === null)
        return sendError(request, reply, 'not-found', `draft ${request.params.id} not found`);
      return { draft };
    },
  });

  app.patch('/drafts/:id', {
    schema: {
      tags: ['drafts'],
      summary: 'Edit the subject and/or body; the linter re-runs and its problems come back on the draft',
      params: IdParamsSchema,
      body: EditDraftBodySchema,
      response: { 200: DraftResultSchema, ...ACTION_ERRORS },
    },
    handler: async (request, reply) =>
      replyWithDraftOutcome(
        request,
        reply,
        await drafts.edit(tenantId, request.params.id, request.body, ctx.resolveActor(request)),
      ),
  });

  for (const { action, summary, description, run } of bodylessActions(ctx)) {
    app.post(`/drafts/:id/${action}`, {
      schema: {
        tags: ['drafts'],
        summary,
        description,
        params: IdParamsSchema,
        response: { 200: DraftResultSchema, ...ACTION_ERRORS },
      },
      handler: async (request, reply) =>
        replyWithDraftOutcome(request, reply, await run(request.params.id, ctx.resolveActor(request))),
    });
  }

  app.post('/drafts/:id/reject', {
    schema: {
      tags: ['drafts'],
      summary: 'Reject a draft, with a reason',
      params: IdParamsSchema,
      body: RejectDraftBodySchema,
      response: { 200: DraftResultSchema, ...ACTION_ERRORS },
    },
    handler: async (request, reply) =>
      replyWithDraftOutcome(
        request,
        reply,
        await drafts.reject(tenantId, request.params.id, request.body.reason, ctx.resolveActor(request)),
      ),
  });

  done();
};

function bodylessActions(ctx: RouteContext): {
  action: 'approve' | 'send';
  summary: string;
  description: string;
  run: (draftId: string, actor: Actor) => Promise<DraftActionOutcome>;
}[] {
  const { drafts } = ctx.services;
  const tenantId = ctx.config.defaultTenantId;
  return [
    {
      action: 'approve',
      summary: 'Approve a pending draft',
      description: 'Approval is audited with the actor.',
      run: (id, actor) => drafts.approve(tenantId, id, actor),
    },
    {
      action: 'send',
      summary: 'Send an approved draft (SEND mode only); every safety check is re-run first',
      description: 'A refusal is 409 with code send-refused and `check` naming the check that failed.',
      run: (id, actor) => drafts.send(tenantId, id, actor),
    },
  ];
}

function replyWithDraftOutcome(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: DraftActionOutcome,
): FastifyReply {
  if (outcome.ok) return reply.code(200).send({ draft: outcome.draft });
  if (outcome.code === 'send-refused')
    return sendError(request, reply, 'send-refused', outcome.message, { check: outcome.check });
  if (outcome.code === 'validation')
    return sendError(request, reply, 'validation', outcome.message, {
      problems: [{ field: '', reason: outcome.message }],
    });
  return sendError(request, reply, outcome.code, outcome.message);
}
