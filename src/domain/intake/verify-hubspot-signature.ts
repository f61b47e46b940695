// HubSpot request signatures (api-contracts.md 1.2): v3 (HMAC-SHA256 over method + public URL + raw
// body + timestamp, 5-minute window) and the legacy v1/v2 SHA-256 forms. A trust boundary, so the
// answer is a value, never an exception; comparisons are constant-time (the SDK's `===` is not).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000;

export interface SignedRequest {
  method: string;
  /** The full public URL HubSpot called: scheme, host, path and query. */
  url: string;
  /** The raw body exactly as received, decoded as UTF-8. */
  rawBody: string;
  /** Header names lower-cased. */
  headers: Record<string, string | string[] | undefined>;
}

export type SignatureCheck = { ok: true; version: 'v1' | 'v2' | 'v3' } | { ok: false; reason: string };

export function verifyHubspotSignature(request: SignedRequest, clientSecret: string, nowMs: number): SignatureCheck {
  const v3 = header(request.headers, 'x-hubspot-signature-v3');
  if (v3 !== null) return verifyV3(request, clientSecret, v3, nowMs);
  const legacy = header(request.headers, 'x-hubspot-signature');
  if (legacy === null) return { ok: false, reason: 'missing signature: no X-HubSpot-Signature-v3 or X-HubSpot-Signature header' };
  const version = (header(request.headers, 'x-hubspot-signature-version') ?? 'v1').toLowerCase();
  if (version !== 'v1' && version !== 'v2') return { ok: false, reason: `unsupported X-HubSpot-Signature-Version ${version}` };
  const expected = version === 'v1' ? computeV1(clientSecret, request.rawBody) : computeV2(clientSecret, request.method, request.url, request.rawBody);
  return safeEqual(expected, legacy.toLowerCase()) ? { ok: true, version } : { ok: false, reason: `${version} signature does not match` };
}

function verifyV3(request: SignedRequest, clientSecret: string, signature: string, nowMs: number): SignatureCheck {
  const timestamp = header(request.headers, 'x-hubspot-request-timestamp');
  if (timestamp === null) return { ok: false, reason: 'missing X-HubSpot-Request-Timestamp header' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'X-HubSpot-Request-Timestamp is not epoch milliseconds' };
  const age = nowMs - Number(timestamp);
  if (age > SIGNATURE_MAX_AGE_MS) return { ok: false, reason: `timestamp is ${Math.round(age / 1000)} s old (limit 300 s)` };
  if (age < -SIGNATURE_MAX_AGE_MS) return { ok: false, reason: 'timestamp is more than 5 minutes in the future' };
  const expected = computeV3(clientSecret, request.method, request.url, request.rawBody, timestamp);
  return safeEqual(expected, signature) ? { ok: true, version: 'v3' } : { ok: false, reason: 'v3 signature does not match' };
}

export function computeV1(secret: string, body: string): string {
  return createHash('sha256').update(secret + body, 'utf8').digest('hex');
}

export function computeV2(secret: string, method: string, url: string, body: string): string {
  return createHash('sha256').update(secret + method.toUpperCase() + url + body, 'utf8').digest('hex');
}

export function computeV3(secret: string, method: string, url: string, body: string, timestamp: string): string {
  const message = method.toUpperCase() + decodeSignedUri(url) + body + timestamp;
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64');
}

// HubSpot decodes these percent-encodings in the URI before hashing (api-contracts.md 1.2, step 2).
const DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

function decodeSignedUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODED[m.toUpperCase()] ?? m);
}

function header(headers: SignedRequest['headers'], name: string): string | null {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? null : first.trim();
}

function safeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
