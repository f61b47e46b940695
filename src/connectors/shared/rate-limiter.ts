// The contract every outbound call goes through to stay under a provider's rate limit. Keys are
// per tenant (and per limit, e.g. `hubspot:<tenant>` and `hubspot-search:<tenant>`), so one tenant's
// burst never spends another's budget.

/**
 * A slot stays taken for `intervalMs` after its call **settled**, not after it started: the server
 * counts arrivals, and an arrival lies between our start and our end. Releasing from the end means a
 * later call never lands in the same server window as this one, whatever the latency.
 */
export interface RateLimiter {
  /** Runs `fn` when the key has budget, in FIFO order per key; resolves or rejects with its result. */
  schedule<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface RateLimitWindow {
  /** Requests allowed per window. */
  limit: number;
  /** The window length in ms (HubSpot's burst window is 10,000). */
  intervalMs: number;
}

export function assertWindow(window: RateLimitWindow): void {
  if (!Number.isInteger(window.limit) || window.limit < 1) {
    throw new RangeError(`rate limit must be a positive integer, got ${window.limit}`);
  }
  if (!Number.isFinite(window.intervalMs) || window.intervalMs <= 0) {
    throw new RangeError(`rate limit interval must be positive, got ${window.intervalMs}`);
  }
}
