// Server-sent events for the dashboard: one "change" event per run, draft or settings change of the
// tenant, whichever process made it. Clients reconnect on their own (retry:) and re-read on reconnect.
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../schemas/common.js';
import type { DashboardRouteContext } from './dashboard-deps.js';

export const LIVE_RETRY_MS = 3000;

export const eventRoutes: FastifyPluginCallbackZod<DashboardRouteContext> = (app, ctx, done) => {
  const { live } = ctx.dashboard;
  const heartbeatMs = ctx.dashboard.heartbeatMs ?? 15_000;
  const open = new Set<() => void>();
  // An open stream would hold app.close() forever: end them all when the server stops.
  app.addHook('preClose', (finish) => {
    for (const end of [...open]) end();
    finish();
  });

  app.get('/events', {
    schema: {
      tags: ['events'],
      summary: 'Live changes as server-sent events (text/event-stream)',
      description:
        'Events: `ready` once, then `change` with data {tenantId, kind: run|draft|settings, runId, draftId, status, at}. ' +
        'Carries ids only: re-read what changed through the API. Comments (`: ping`) keep idle streams open.',
      produces: ['text/event-stream'],
      response: { 200: z.string().meta({ description: 'An endless text/event-stream' }), ...errorResponses(401, 500) },
    },
    handler: (request, reply) => {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write(`retry: ${LIVE_RETRY_MS}\nevent: ready\ndata: {}\n\n`);
      const unsubscribe = live.subscribe(ctx.config.defaultTenantId, (event) => {
        raw.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
      });
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), heartbeatMs);
      heartbeat.unref();
      const end = (): void => {
        if (!open.delete(end)) return;
        clearInterval(heartbeat);
        unsubscribe();
        raw.end();
      };
      open.add(end);
      request.raw.on('close', end);
    },
  });
  done();
};
