import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  NeedsReauthError,
  PermanentError,
  QuotaExhaustedError,
  RateLimitedError,
  TransientError,
  isRetryable,
} from '../../domain/errors.js';
import { classifyHttpError, classifyNetworkError, readHeader } from './classify-http-error.js';
import { parseRetryAfter } from './parse-retry-after.js';

const site = { system: 'HubSpot', operation: 'createTask', id: 'contact 101' };
const NOW = Date.parse('2025-03-04T12:00:00.000Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds as milliseconds', () => {
    assert.equal(parseRetryAfter('7', NOW), 7000);
    assert.equal(parseRetryAfter(' 0 ', NOW), 0);
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    assert.equal(parseRetryAfter('Tue, 04 Mar 2025 12:00:30 GMT', NOW), 30_000);
    assert.equal(parseRetryAfter('Tue, 04 Mar 2025 11:00:00 GMT', NOW), 0);
  });

  it('ignores missing and unreadable values', () => {
    for (const value of [undefined, null, '', 'soon', '-3', '1e3'])
      assert.equal(parseRetryAfter(value, NOW), undefined);
  });
});

describe('classifyHttpError', () => {
  it('makes a 429 a RateLimitedError with the Retry-After wait, keeping the cause', () => {
    const cause = new Error('sdk');
    const error = classifyHttpError({
      ...site,
      status: 429,
      headers: { 'Retry-After': '3' },
      cause,
      nowMs: NOW,
    });
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfterMs, 3000);
    assert.equal(error.cause, cause);
    assert.match(error.message, /^HubSpot createTask \(contact 101\) failed: HTTP 429/);
  });

  it('falls back to the given wait when a 429 has no Retry-After', () => {
    const error = classifyHttpError({ ...site, status: 429, fallbackRetryAfterMs: 10_000 });
    assert.equal(error.retryAfterMs, 10_000);
  });

  it('makes a daily-quota hint a QuotaExhaustedError (paused, not retried)', () => {
    const error = classifyHttpError({
      ...site,
      status: 429,
      quotaExhausted: true,
      body: { message: 'daily limit' },
    });
    assert.ok(error instanceof QuotaExhaustedError);
    assert.equal(isRetryable(error), false);
  });

  it('makes 5xx, 524, 423 and 477 transient; 423 waits at least 2 s', () => {
    for (const status of [500, 502, 503, 504, 524, 477, 408]) {
      assert.ok(classifyHttpError({ ...site, status }) instanceof TransientError, `status ${status}`);
    }
    const locked = classifyHttpError({ ...site, status: 423, headers: { 'retry-after': '1' }, nowMs: NOW });
    assert.ok(locked instanceof TransientError);
    assert.equal(locked.retryAfterMs, 2000);
    const migrating = classifyHttpError({
      ...site,
      status: 477,
      headers: new Headers({ 'Retry-After': '5' }),
      nowMs: NOW,
    });
    assert.equal(migrating.retryAfterMs, 5000);
  });

  it('makes a 401 NeedsReauth when the credential cannot be refreshed, transient when it can', () => {
    assert.ok(classifyHttpError({ ...site, status: 401 }) instanceof NeedsReauthError);
    assert.ok(classifyHttpError({ ...site, status: 401, canRefreshAuth: true }) instanceof TransientError);
  });

  it('makes an OAuth invalid_grant NeedsReauth', () => {
    const error = classifyHttpError({
      ...site,
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    assert.ok(error instanceof NeedsReauthError);
    assert.match(error.message, /expired or revoked/);
  });

  it('makes every other 4xx permanent and names the server message and correlation id', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 499 }).filter((s) => ![401, 408, 423, 425, 429, 477].includes(s)),
        (status) => {
          const body = {
            status: 'error',
            message: 'Property values were not valid',
            correlationId: 'c-1',
            category: 'VALIDATION_ERROR',
          };
          const error = classifyHttpError({ ...site, status, body });
          assert.ok(error instanceof PermanentError);
          assert.match(error.message, /Property values were not valid/);
          assert.equal(error.details?.['correlationId'], 'c-1');
          assert.equal(error.details?.['category'], 'VALIDATION_ERROR');
        },
      ),
    );
  });

  it('does not copy an HTML error page into the message', () => {
    const error = classifyHttpError({ ...site, status: 502, body: '<html><body>Bad gateway</body></html>' });
    assert.equal(error.message, 'HubSpot createTask (contact 101) failed: HTTP 502');
  });
});

describe('classifyNetworkError', () => {
  it('makes a connection failure transient and names the network code', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = classifyNetworkError(cause, site);
    assert.ok(error instanceof TransientError);
    assert.match(error.message, /ECONNREFUSED/);
    assert.equal(error.cause, cause);
  });

  it('passes an already classified error through unchanged', () => {
    const original = new PermanentError('x');
    assert.equal(classifyNetworkError(original, site), original);
  });
});

describe('readHeader', () => {
  it('reads case-insensitively from plain objects and Headers', () => {
    assert.equal(readHeader({ 'retry-after': '2' }, 'Retry-After'), '2');
    assert.equal(readHeader(new Headers({ 'Retry-After': '2' }), 'retry-after'), '2');
    assert.equal(readHeader({ a: ['1', '2'] }, 'A'), '1, 2');
  });
});
