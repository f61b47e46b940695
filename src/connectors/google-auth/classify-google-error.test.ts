// Unit tests of the Google error classifier with the documented error bodies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { AppError, PermanentError } from '../../domain/errors.js';
import { classifyGoogleError, parseRetryAfter } from './classify-google-error.js';

const context = { system: 'Gmail', operation: 'threads.get', id: 'thread-9', tenantId: 't1' } as const;
const NOW = Date.parse('2026-03-04T15:00:00Z');

function httpError(status: number, data: unknown, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`Request failed with status ${status}`), { config: {}, response: { status, data, headers: new Headers(headers) } });
}

function apiBody(code: number, reason: string, message = reason): unknown {
  return { error: { code, message, errors: [{ message, domain: 'usageLimits', reason }] } };
}

describe('classifyGoogleError', () => {
  it('treats 429 and 403 rate-limit reasons as rate limited, with the Retry-After wait', () => {
    const error = classifyGoogleError(httpError(429, apiBody(429, 'rateLimitExceeded'), { 'Retry-After': '7' }), context, NOW);
    assert.equal(error.code, 'rate-limited');
    assert.equal(error.retryAfterMs, 7000);
    for (const reason of ['rateLimitExceeded', 'userRateLimitExceeded']) {
      assert.equal(classifyGoogleError(httpError(403, apiBody(403, reason)), context, NOW).code, 'rate-limited');
    }
  });

  it('reads "Retry after <RFC3339>" from the message when there is no header', () => {
    const body = apiBody(403, 'userRateLimitExceeded', 'User-rate limit exceeded.  Retry after 2026-03-04T15:00:30.000Z');
    assert.equal(classifyGoogleError(httpError(403, body), context, NOW).retryAfterMs, 30_000);
  });

  it('treats daily and quota exhaustion as quota-exhausted, not a retry', () => {
    assert.equal(classifyGoogleError(httpError(403, apiBody(403, 'dailyLimitExceeded')), context, NOW).code, 'quota-exhausted');
    assert.equal(classifyGoogleError(httpError(403, apiBody(403, 'quotaExceeded')), context, NOW).code, 'quota-exhausted');
  });

  it('treats 5xx and failures without a response as transient', () => {
    assert.equal(classifyGoogleError(httpError(503, apiBody(503, 'backendError')), context, NOW).code, 'transient');
    assert.equal(classifyGoogleError(httpError(502, '<html>Bad Gateway</html>'), context, NOW).code, 'transient');
    const network = Object.assign(new Error('connect ECONNREFUSED'), { config: {}, code: 'ECONNREFUSED' });
    assert.equal(classifyGoogleError(network, context, NOW).code, 'transient');
  });

  it('needs re-auth on invalid_grant from the token endpoint', () => {
    const error = classifyGoogleError(httpError(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }), context, NOW);
    assert.equal(error.code, 'needs-reauth');
  });

  it('treats other 4xx as permanent, naming system, operation and id, keeping the cause', () => {
    const original = httpError(404, { error: { code: 404, message: 'Requested entity was not found.', errors: [{ reason: 'notFound' }] } });
    const error = classifyGoogleError(original, context, NOW);
    assert.ok(error instanceof PermanentError);
    assert.match(error.message, /^Gmail threads\.get for thread-9 failed: HTTP 404 notFound/);
    assert.equal(error.cause, original);
  });

  it('passes domain errors through and turns unreadable responses into permanent errors', () => {
    const own = new AppError('conflict', 'x');
    assert.equal(classifyGoogleError(own, context, NOW), own);
    const parse = z.object({ id: z.string() }).safeParse({});
    assert.equal(classifyGoogleError(parse.error, context, NOW).code, 'permanent');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('2', '', NOW), 2000);
    assert.equal(parseRetryAfter('Wed, 04 Mar 2026 15:00:10 GMT', '', NOW), 10_000);
    assert.equal(parseRetryAfter(null, 'no hint', NOW), undefined);
  });
});
