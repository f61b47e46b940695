// The idempotency key of a lead: every route a submission can arrive by (form webhook, workflow
// webhook, poller, CLI) yields the same key for the same submission, so it starts one run only.
import { createHash } from 'node:crypto';
import type { Lead } from './lead.js';

export function deriveLeadIdempotencyKey(lead: Lead, rawPayload: unknown): string {
  const { portalId, formId, submissionId } = lead.source;
  if (submissionId !== null) return `submission:${portalId ?? '-'}:${formId ?? '-'}:${submissionId}`;
  return `payload:${hashCanonical(rawPayload)}`;
}

function hashCanonical(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
}

/** JSON with object keys sorted, so key order in a payload does not change its hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
