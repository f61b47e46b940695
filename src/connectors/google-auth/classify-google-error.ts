// Turns whatever a Google call threw (a gaxios error from the API or the token endpoint, a network
// failure, a response we could not parse) into one of the domain errors. It decides; it never
// retries or sleeps. Read structurally: googleapis-common and google-auth-library carry two gaxios
// copies, so `instanceof GaxiosError` is not reliable.
import { z } from 'zod';
import {
  AppError,
  NeedsReauthError,
  PermanentError,
  QuotaExhaustedError,
  RateLimitedError,
  TransientError,
  toAppError,
} from '../../domain/errors.js';
import { GoogleApiErrorBody, OAuthErrorBody } from './schemas.js';

export interface GoogleCallContext {
  system: 'Gmail' | 'Drive' | 'Calendar' | 'Google OAuth';
  /** The API method, e.g. `threads.get`. */
  operation: string;
  /** The thing acted on (thread id, calendar id, folder id), when there is one. */
  id?: string;
  tenantId?: string;
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'sharingRateLimitExceeded']);
const QUOTA_REASONS = new Set(['dailyLimitExceeded', 'quotaExceeded']);
/** Token-endpoint errors that only a person can fix (re-consent, or an admin granting delegation). */
const REAUTH_OAUTH_ERRORS = new Set(['invalid_grant', 'unauthorized_client']);

interface Failure {
  status: number | null;
  data: unknown;
  retryAfter: string | null;
  /** True when the error came out of gaxios (so a missing response means a network failure). */
  fromHttpClient: boolean;
  message: string;
}

export function classifyGoogleError(error: unknown, context: GoogleCallContext, nowMs: number): AppError {
  if (error instanceof AppError) return error;
  const what = describe(context);
  if (error instanceof z.ZodError) {
    return new PermanentError(`${what} returned a response we could not read: ${error.issues[0]?.message ?? 'invalid'}`, {
      cause: error,
      details: { tenantId: context.tenantId },
    });
  }
  const failure = readFailure(error);
  if (failure === null) return toAppError(error);
  if (failure.status === null) {
    if (!failure.fromHttpClient) return toAppError(error);
    return new TransientError(`${what} failed without a response (network or timeout): ${failure.message}`, {
      cause: error,
      details: { tenantId: context.tenantId },
    });
  }
  const oauth = OAuthErrorBody.safeParse(failure.data);
  if (oauth.success) return classifyOAuthFailure(failure.status, oauth.data, what, error);
  return classifyApiFailure(failure, what, error, context, nowMs);
}

function classifyOAuthFailure(status: number, body: OAuthErrorBody, what: string, cause: unknown): AppError {
  const message = `${what} could not get an access token: HTTP ${status} ${body.error}${body.error_description ? ` (${body.error_description})` : ''}`;
  const details = { status, oauthError: body.error };
  if (REAUTH_OAUTH_ERRORS.has(body.error)) return new NeedsReauthError(message, { cause, details });
  if (status === 429) return new RateLimitedError(message, { cause, details });
  if (status >= 500) return new TransientError(message, { cause, details });
  return new PermanentError(message, { cause, details });
}

function classifyApiFailure(failure: Failure, what: string, cause: unknown, context: GoogleCallContext, nowMs: number): AppError {
  const status = failure.status ?? 0;
  const parsed = GoogleApiErrorBody.safeParse(failure.data);
  const apiError = parsed.success ? parsed.data.error : undefined;
  const reasons = [
    ...(apiError?.errors ?? []).map((e) => e.reason),
    ...(apiError?.details ?? []).map((d) => d.reason),
  ].filter((r): r is string => typeof r === 'string');
  const apiMessage = apiError?.message ?? failure.message;
  const message = `${what} failed: HTTP ${status}${reasons[0] ? ` ${reasons[0]}` : ''}: ${apiMessage}`;
  const retryAfterMs = parseRetryAfter(failure.retryAfter, apiMessage, nowMs);
  const options = { cause, details: { status, reasons, tenantId: context.tenantId }, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };

  if (reasons.some((r) => QUOTA_REASONS.has(r))) return new QuotaExhaustedError(message, options);
  if (status === 429 || (status === 403 && reasons.some((r) => RATE_LIMIT_REASONS.has(r)))) {
    return new RateLimitedError(message, options);
  }
  if (status >= 500 || status === 408) return new TransientError(message, options);
  // The auth client has already refreshed once and retried (create-google-auth.ts): a second 401
  // means the grant no longer works for this API, which a person has to fix.
  if (status === 401) return new NeedsReauthError(message, options);
  return new PermanentError(message, options);
}

/** Retry-After as seconds or an HTTP date, else Gmail's "Retry after <RFC3339>" in the message. */
export function parseRetryAfter(header: string | null, message: string, nowMs: number): number | undefined {
  if (header !== null && header.trim() !== '') {
    const trimmed = header.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
    const at = Date.parse(trimmed);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  const match = /retry after (\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:\d{2}))/i.exec(message);
  if (match?.[1] !== undefined) {
    const at = Date.parse(match[1]);
    if (!Number.isNaN(at)) return Math.max(0, at - nowMs);
  }
  return undefined;
}

function describe(context: GoogleCallContext): string {
  return `${context.system} ${context.operation}${context.id === undefined ? '' : ` for ${context.id}`}`;
}

function readFailure(error: unknown): Failure | null {
  if (typeof error !== 'object' || error === null) return null;
  const record = error as { response?: unknown; config?: unknown; message?: unknown };
  const message = typeof record.message === 'string' ? record.message : 'unknown error';
  const fromHttpClient = 'config' in record;
  const response = record.response as { status?: unknown; data?: unknown; headers?: unknown } | undefined;
  if (response === undefined || typeof response.status !== 'number') {
    return { status: null, data: undefined, retryAfter: null, fromHttpClient, message };
  }
  return { status: response.status, data: response.data, retryAfter: readHeader(response.headers, 'retry-after'), fromHttpClient, message };
}

function readHeader(headers: unknown, name: string): string | null {
  if (typeof headers !== 'object' || headers === null) return null;
  // gaxios hands back a fetch Headers, but not always this realm's class: test for `get` instead.
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, name);
    return typeof value === 'string' ? value : null;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return null;
}
