// Signs requests the way HubSpot does (api-contracts.md 1.2), written independently of the domain
// verifier so HTTP tests check the app against the documented formula, not against itself.
import { createHash, createHmac } from 'node:crypto';

export function signV3(secret: string, method: string, url: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret)
    .update(method + url + body + timestamp, 'utf8')
    .digest('base64');
}

export function signV2(secret: string, method: string, url: string, body: string): string {
  return createHash('sha256')
    .update(secret + method + url + body, 'utf8')
    .digest('hex');
}

export function v3Headers(
  secret: string,
  url: string,
  body: string,
  timestampMs: number,
): Record<string, string> {
  const timestamp = String(timestampMs);
  return {
    'content-type': 'application/json',
    'x-hubspot-signature-v3': signV3(secret, 'POST', url, body, timestamp),
    'x-hubspot-request-timestamp': timestamp,
  };
}
