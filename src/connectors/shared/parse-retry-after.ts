// Reads an HTTP Retry-After value (delta-seconds or an HTTP date, RFC 9110 §10.2.3) as milliseconds
// to wait. It knows nothing about which system sent it; HubSpot's "Retry-After in ms" quirk applies
// only to HubSpot calling us, never to its API answering us.

/** Milliseconds to wait, or undefined when the value is missing or unreadable. Never negative. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date has a weekday name; a bare number-like string that failed above is garbage.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
