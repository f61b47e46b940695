// Serves the built dashboard (web/dist) with an SPA fallback, or a placeholder page when it is not
// built; owns the 404 answer because the fallback and the JSON 404 decide on the same request.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './http-error.js';

const MACHINE_PREFIXES = ['/api', '/webhooks', '/health', '/docs'];

/** A browser navigation to a client-side route: GET, wants HTML, not an API path, not a file. */
export function isDashboardNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  if (MACHINE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
  if (/\.[A-Za-z0-9]+$/.test(path)) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export async function registerDashboard(app: FastifyInstance, staticDir: string | null): Promise<void> {
  if (staticDir !== null) {
    await app.register(fastifyStatic, { root: staticDir, prefix: '/', index: ['index.html'] });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE),
    );
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (staticDir !== null && isDashboardNavigation(request))
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return sendError(
      request,
      reply,
      'not-found',
      `no route for ${request.method} ${request.url.split('?')[0] ?? ''}`,
    );
  });
}

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sales Agent</title></head>
<body>
<h1>Sales Agent</h1>
<p>The dashboard is not built. Build it (web/) or use the API directly:</p>
<ul>
<li><a href="/docs">API documentation (/docs)</a></li>
<li><a href="/api/runs">Runs (/api/runs)</a></li>
</ul>
</body>
</html>
`;
