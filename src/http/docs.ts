// The OpenAPI document, generated from the routes' zod schemas: JSON at /docs/json, a UI at /docs.
// Register before the routes: @fastify/swagger collects them as they are added.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export const DOCS_PREFIX = '/docs';

export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sales Agent API',
        version: '1',
        description:
          'HubSpot webhooks (intake) and the dashboard API. Errors are always { code, message, requestId } (+ problems for validation); ' +
          'every response carries x-request-id.',
      },
      tags: [
        {
          name: 'webhooks',
          description: 'HubSpot pushes; the status code is a promise (2xx is not retried)',
        },
        { name: 'leads', description: 'Leads through the API' },
        { name: 'runs', description: 'Workflow runs, retries and failures' },
        { name: 'drafts', description: 'Draft review: edit, approve, reject, send' },
        { name: 'settings', description: 'Tenant settings and the sending mode' },
        { name: 'health', description: 'Liveness and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });
}
