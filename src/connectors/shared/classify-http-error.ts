// Maps a failed HTTP exchange (status, body, headers) onto the domain error classes, so the engine's
// retry policy can decide from the class alone. System quirks (HubSpot's DAILY policy, Google's 403
// rateLimitExceeded) are detected by the connector and passed in as hints; this file knows none.
import {
  AppError,
  NeedsReauthError,
  PermanentError,
  QuotaExhaustedError,
  RateLimitedError,
  TransientError,
} from '../../domain/errors.js';
import { parseRetryAfter } from './parse-retry-after.js';

export type HeaderBag = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Where a call was made: names the system, the operation and the record, for messages and details. */
export interface CallSite {
  system: string;
  operation: string;
  /** The record the call was about (a contact id, an email, a form guid), when there is one. */
  id?: string | null;
}

export interface HttpFailure extends CallSite {
  status: number;
  body?: unknown;
  headers?: HeaderBag;
  cause?: unknown;
  /** The system says a daily (or longer) quota is used up, e.g. HubSpot's `policyName: "DAILY"`. */
  quotaExhausted?: boolean;
  /** A short-window limit signalled without a 429 (e.g. Google's 403 `rateLimitExceeded`). */
  rateLimited?: boolean;
  /** The wait to report when a rate-limited response has no Retry-After. */
  fallbackRetryAfterMs?: number;
  /** True when the caller can refresh the credential itself: a 401 is then worth one retry. */
  canRefreshAuth?: boolean;
  /** Clock for HTTP-date Retry-After values; injected by tests. */
  nowMs?: number;
}

// 423 Locked: HubSpot asks for at least 2 s. 477 Migration in progress sends Retry-After (seconds).
const LOCKED_MIN_WAIT_MS = 2000;
const TRANSIENT_4XX = new Set([408, 423, 425, 477]);

export function classifyHttpError(failure: HttpFailure): AppError {
  const { status } = failure;
  const retryAfterMs = parseRetryAfter(
    readHeader(failure.headers, 'retry-after'),
    failure.nowMs ?? Date.now(),
  );
  const options = { cause: failure.cause, details: detailsOf(failure) };
  const message = `${describeCallSite(failure)} failed: HTTP ${status}${summarizeBody(failure.body)}`;

  if (failure.quotaExhausted === true) return new QuotaExhaustedError(message, { ...options, retryAfterMs });
  if (status === 429 || failure.rateLimited === true) {
    return new RateLimitedError(message, {
      ...options,
      retryAfterMs: retryAfterMs ?? failure.fallbackRetryAfterMs,
    });
  }
  if (status === 401) {
    return failure.canRefreshAuth === true
      ? new TransientError(message, options)
      : new NeedsReauthError(`${message}; the credential was rejected, reconnect the account`, options);
  }
  if (isInvalidGrant(failure.body)) {
    return new NeedsReauthError(
      `${message}; the grant was revoked or expired, reconnect the account`,
      options,
    );
  }
  if (status === 423) {
    return new TransientError(message, {
      ...options,
      retryAfterMs: Math.max(retryAfterMs ?? 0, LOCKED_MIN_WAIT_MS),
    });
  }
  if (status >= 500 || TRANSIENT_4XX.has(status))
    return new TransientError(message, { ...options, retryAfterMs });
  return new PermanentError(message, options);
}

/** A call that never got an HTTP answer: connection refused or reset, DNS, socket timeouts. */
export function classifyNetworkError(error: unknown, site: CallSite): AppError {
  if (error instanceof AppError) return error;
  const code = errorCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  return new TransientError(
    `${describeCallSite(site)} failed: network error${code ? ` (${code})` : ''}: ${reason}`,
    {
      cause: error,
      details: { system: site.system, operation: site.operation, id: site.id ?? null, networkCode: code },
    },
  );
}

/** `HubSpot createTask (contact 101)`: the prefix every connector message starts with. */
export function describeCallSite(site: CallSite): string {
  const id = site.id === null || site.id === undefined || site.id === '' ? '' : ` (${site.id})`;
  return `${site.system} ${site.operation}${id}`;
}

export function readHeader(headers: HeaderBag | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(', ');
  }
  return undefined;
}

function detailsOf(failure: HttpFailure): Record<string, unknown> {
  const body = isRecord(failure.body) ? failure.body : {};
  return {
    system: failure.system,
    operation: failure.operation,
    id: failure.id ?? null,
    status: failure.status,
    ...(typeof body['correlationId'] === 'string' ? { correlationId: body['correlationId'] } : {}),
    ...(typeof body['category'] === 'string' ? { category: body['category'] } : {}),
  };
}

/** The server's own words, short: `: <message>` or nothing. Never the whole body (it may hold PII). */
function summarizeBody(body: unknown): string {
  const text = bodyMessage(body);
  if (text === undefined || text.trim() === '') return '';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `: ${oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine}`;
}

function bodyMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.startsWith('<') ? undefined : body;
  if (!isRecord(body)) return undefined;
  if (typeof body['message'] === 'string') return body['message'];
  const nested = body['error'];
  if (isRecord(nested) && typeof nested['message'] === 'string') return nested['message'];
  if (typeof body['error_description'] === 'string') return body['error_description'];
  if (typeof nested === 'string') return nested;
  return undefined;
}

function isInvalidGrant(body: unknown): boolean {
  return isRecord(body) && body['error'] === 'invalid_grant';
}

function errorCode(error: unknown): string | null {
  if (!isRecord(error)) return null;
  const code = error['code'] ?? (isRecord(error['cause']) ? error['cause']['code'] : undefined);
  return typeof code === 'string' ? code : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
