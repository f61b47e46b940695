// Retry-After has two dialects here: HubSpot's workflow sender reads it as MILLISECONDS
// (api-contracts.md 1.3), every other client reads RFC 9110 seconds.

export type RetryAfterUnit = 'ms' | 's';

export function formatRetryAfter(retryAfterMs: number, unit: RetryAfterUnit): string {
  const ms = Math.max(0, Math.ceil(retryAfterMs));
  return unit === 'ms' ? String(ms) : String(Math.max(1, Math.ceil(ms / 1000)));
}
