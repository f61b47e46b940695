// When a failed step is tried again, and after how long. Exponential backoff with full jitter,
// never shorter than what the server asked for (retry-after).
import type { AppError } from '../domain/errors.js';
import { RETRY_POLICY } from '../domain/errors.js';

export interface RetryPolicy {
  /** Attempts per step within one execution of a run, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Null: do not retry. Otherwise the delay before the next attempt. */
export function getRetryDelay(
  error: AppError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number | null {
  if (RETRY_POLICY[error.code] !== 'retry' || attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, error.retryAfterMs ?? 0);
}
