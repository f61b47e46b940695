// Reads a submission time (epoch milliseconds as a number or digits, or an ISO-8601 date-time with
// a zone) into an ISO instant. It never reads the clock and refuses zone-less times, which would
// otherwise depend on the server's local zone.
import { DateTime } from 'luxon';
import { describeKind, quote } from './json-value.js';

export type SubmittedAtResult = { ok: true; iso: string | null } | { ok: false; reason: string };

const EPOCH_DIGITS = /^\d{1,16}$/;
const YEAR_10000 = Date.UTC(10000, 0, 1);
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const EXPECTED =
  'expected epoch milliseconds or an ISO-8601 date-time with a zone (e.g. 2024-03-04T14:00:00Z)';

function fromEpochMs(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < 0) return null;
  // Date writes what luxon writes in UTC for years up to 9999, without building a DateTime.
  if (ms < YEAR_10000) return new Date(ms).toISOString();
  const instant = DateTime.fromMillis(ms, { zone: 'utc' });
  return instant.isValid ? instant.toISO() : null;
}

function fromText(text: string): string | null {
  if (EPOCH_DIGITS.test(text)) return fromEpochMs(Number(text));
  if (!ISO_WITH_ZONE.test(text)) return null;
  const instant = DateTime.fromISO(text, { zone: 'utc' });
  return instant.isValid ? instant.toUTC().toISO() : null;
}

export function parseSubmittedAt(value: unknown): SubmittedAtResult {
  if (value === undefined || value === null) return { ok: true, iso: null };
  if (typeof value === 'string' && value.trim() === '') return { ok: true, iso: null };
  let iso: string | null = null;
  if (typeof value === 'number') iso = fromEpochMs(value);
  else if (typeof value === 'string') iso = fromText(value.trim());
  if (iso !== null) return { ok: true, iso };
  const got =
    typeof value === 'string'
      ? quote(value.trim())
      : typeof value === 'number'
        ? String(value)
        : describeKind(value);
  return { ok: false, reason: `${EXPECTED}, got ${got}` };
}
