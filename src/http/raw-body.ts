// Body parsing that keeps the raw text: HubSpot signs the bytes as received, and intake stores them,
// so the JSON is parsed here from the kept string rather than by Fastify's default parser.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';

// Kept on the request itself: a WeakMap keyed by every request in flight costs the young-generation
// garbage collector an ephemeron pass per request it copies, at thousands of requests a second.
const RAW_BODY = Symbol('sales-agent.rawBody');
type WithRawBody = FastifyRequest & { [RAW_BODY]?: string };

/** Declares the property on every request of the app up front, so requests keep one shape. */
function declareRawBody(app: FastifyInstance): void {
  if (!app.hasRequestDecorator(RAW_BODY)) app.decorateRequest(RAW_BODY, '');
}

function keepRawBody(request: FastifyRequest, raw: string): void {
  (request as WithRawBody)[RAW_BODY] = raw;
}

/** The body exactly as received ('' when there was none). */
export function getRawBody(request: FastifyRequest): string {
  return (request as WithRawBody)[RAW_BODY] ?? '';
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(raw: string): JsonParse {
  if (raw.trim() === '') return { ok: false, message: 'the request body is empty; expected JSON' };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return {
      ok: false,
      message: `the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** API parsers: application/json and text/plain both parse as JSON; the raw text is kept. */
export function useJsonParsers(app: FastifyInstance): void {
  declareRawBody(app);
  app.removeContentTypeParser(['application/json', 'text/plain']);
  const parse = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ): void => {
    const raw = typeof body === 'string' ? body : body.toString('utf8');
    keepRawBody(request, raw);
    // An empty body with a JSON content type is common from fetch() on body-less POSTs: no body,
    // and a route that needs one says so through its schema (422).
    if (raw.trim() === '') return done(null, undefined);
    const parsed = parseJson(raw);
    if (parsed.ok) done(null, parsed.value);
    else done(new HttpError(400, 'bad-request', parsed.message));
  };
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, parse);
}

/**
 * Webhook parser: any content type, kept as text and NOT parsed, so the signature is checked before
 * anything looks at the JSON (a forged body must get 401, not 400). Scope it to the webhook plugin.
 */
export function useRawTextParser(app: FastifyInstance): void {
  declareRawBody(app);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const raw = typeof body === 'string' ? body : body.toString('utf8');
    keepRawBody(request, raw);
    done(null, raw);
  });
}
