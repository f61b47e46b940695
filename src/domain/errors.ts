// One small error hierarchy for the whole service. Connectors classify failures into these;
// the engine's retry policy and the HTTP layer decide from the code alone. Adding a code does not
// compile until RETRY_POLICY and HTTP_STATUS below both say what it means.

export const ERROR_CODES = [
  'validation',
  'not-found',
  'conflict',
  'transient',
  'rate-limited',
  'permanent',
  'needs-reauth',
  'quota-exhausted',
  'crashed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What the engine does with a failed step of this class. */
export type RetryDecision = 'retry' | 'fail' | 'pause';

export const RETRY_POLICY: Record<ErrorCode, RetryDecision> = {
  validation: 'fail',
  'not-found': 'fail',
  conflict: 'fail',
  transient: 'retry',
  'rate-limited': 'retry',
  permanent: 'fail',
  'needs-reauth': 'pause',
  'quota-exhausted': 'pause',
  crashed: 'retry',
  internal: 'fail',
};

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 422,
  'not-found': 404,
  conflict: 409,
  transient: 503,
  'rate-limited': 429,
  permanent: 502,
  'needs-reauth': 502,
  'quota-exhausted': 503,
  crashed: 500,
  internal: 500,
};

export interface AppErrorOptions {
  cause?: unknown;
  /** Milliseconds the server asked us to wait before trying again. */
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}

/** Worth retrying with backoff: 5xx, network, timeouts. Honours the server's retry-after. */
export class TransientError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('transient', message, options);
  }
}

/** 429: retry, after the time the server gave. */
export class RateLimitedError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('rate-limited', message, options);
  }
}

/** A 4xx other than 429, or a rule that will not change by trying again. */
export class PermanentError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('permanent', message, options);
  }
}

/** A revoked or invalid grant: pause and ask a person to reconnect. */
export class NeedsReauthError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('needs-reauth', message, options);
  }
}

/** A daily quota is used up: not retried until it resets (retryAfterMs says when, if known). */
export class QuotaExhaustedError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('quota-exhausted', message, options);
  }
}

/** Bad input. `problems` lists every field that is wrong, never only the first. */
export class ValidationError extends AppError {
  readonly problems: readonly FieldProblem[];
  constructor(message: string, problems: readonly FieldProblem[], options: AppErrorOptions = {}) {
    super('validation', message, { ...options, details: { problems } });
    this.problems = problems;
  }
}

export interface FieldProblem {
  /** Dotted path of the field, e.g. `email` or `fieldValues[2].value`. */
  field: string;
  reason: string;
}

/** Any thrown value as an AppError, keeping the original as `cause`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', message, { cause: error });
}

export function isRetryable(error: AppError): boolean {
  return RETRY_POLICY[error.code] === 'retry';
}
