// Turns what the openai SDK threw into a domain error. The two meanings of a 429 are told apart by
// the error code: `insufficient_quota` (billing used up: pause, do not retry) and everything else
// (a short-window limit: retry after `retry-after-ms`, else `retry-after`). It never retries.
import {
  AppError,
  NeedsReauthError,
  PermanentError,
  QuotaExhaustedError,
  RateLimitedError,
  TransientError,
} from '../../domain/errors.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';

/** What the SDK's APIError carries, read structurally (its subclasses are many). */
interface ApiFailure {
  status: number | undefined;
  headers: Headers | undefined;
  code: string | null | undefined;
  type: string | undefined;
  message: string;
  requestID?: string | null | undefined;
}

const QUOTA_CODES = new Set(['insufficient_quota', 'billing_hard_limit_reached']);

export function classifyOpenAiError(error: unknown, operation: string, nowMs: number): AppError {
  if (error instanceof AppError) return error;
  const failure = readFailure(error);
  if (failure === null) return new TransientError(`LLM ${operation} failed: ${describe(error)}`, { cause: error });
  const { status } = failure;
  const details = { status, code: failure.code ?? null, type: failure.type ?? null, requestId: failure.requestID ?? null };
  const message = `LLM ${operation} failed: ${status === undefined ? 'no response' : `HTTP ${status}`}${failure.code ? ` ${failure.code}` : ''}: ${failure.message}`;
  const options = { cause: error, details };
  if (status === undefined) return new TransientError(message, options);
  if (QUOTA_CODES.has(failure.code ?? '') || failure.type === 'insufficient_quota') return new QuotaExhaustedError(message, options);
  if (status === 429) return new RateLimitedError(message, { ...options, retryAfterMs: retryAfterOf(failure.headers, nowMs) ?? 1000 });
  if (status >= 500 || status === 408 || status === 409) {
    const retryAfterMs = retryAfterOf(failure.headers, nowMs);
    return new TransientError(message, retryAfterMs === undefined ? options : { ...options, retryAfterMs });
  }
  if (status === 401) return new NeedsReauthError(`${message} (check OPENAI_API_KEY)`, options);
  return new PermanentError(message, options);
}

/** `retry-after-ms` (OpenAI's own, milliseconds) wins over `retry-after` (seconds or an HTTP date). */
export function retryAfterOf(headers: Headers | undefined, nowMs: number): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms !== null && ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  return parseRetryAfter(headers?.get('retry-after'), nowMs);
}

function readFailure(error: unknown): ApiFailure | null {
  if (typeof error !== 'object' || error === null || !('status' in error) || !('headers' in error)) return null;
  const e = error as Partial<ApiFailure> & { message?: unknown };
  return {
    status: typeof e.status === 'number' ? e.status : undefined,
    headers: e.headers instanceof Headers ? e.headers : undefined,
    code: typeof e.code === 'string' ? e.code : null,
    type: typeof e.type === 'string' ? e.type : undefined,
    message: typeof e.message === 'string' ? e.message : 'unknown error',
    requestID: typeof e.requestID === 'string' ? e.requestID : null,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
