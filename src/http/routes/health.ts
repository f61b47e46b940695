// Liveness (the process answers) and readiness (its dependencies answer): 503 tells a load balancer
// to send traffic elsewhere while keeping the process alive.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../app-deps.js';

const LiveSchema = z.object({ status: z.literal('ok') });
const ReadySchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), detail: z.string() })),
});

export const healthRoutes: FastifyPluginCallbackZod<RouteContext> = (app, ctx, done) => {
  app.get('/health/live', {
    schema: { tags: ['health'], summary: 'The process is up', response: { 200: LiveSchema } },
    handler: () => {
      ctx.services.health.live();
      return { status: 'ok' as const };
    },
  });

  app.get('/health/ready', {
    schema: {
      tags: ['health'],
      summary: 'Dependencies (database, queue) answer',
      response: { 200: ReadySchema, 503: ReadySchema },
    },
    handler: async (request, reply) => {
      const ready = await ctx.services.health.ready().catch((error: unknown) => {
        // A readiness probe that throws is itself a "not ready", not a server error.
        request.log.error({ err: error }, 'readiness check threw');
        return {
          ok: false,
          checks: { readiness: { ok: false, detail: 'the readiness check failed; see the log' } },
        };
      });
      return reply
        .code(ready.ok ? 200 : 503)
        .send({ status: ready.ok ? 'ok' : 'unavailable', checks: ready.checks });
    },
  });
  done();
};
