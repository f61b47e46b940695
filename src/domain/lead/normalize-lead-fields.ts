// Cleans and checks the mapped Lead fields: trimming, whitespace in names, length limits, email
// syntax, time zones. Every problem is reported; nothing is silently cut short.
import type { FieldProblem } from '../errors.js';
import type { Lead } from '../lead.js';
import type { LeadFieldKey } from './extract-raw-lead.js';
import { isValidEmail } from './is-valid-email.js';
import { quote } from './json-value.js';
import { normalizeTimeZone } from './normalize-time-zone.js';

export type LeadFields = Pick<Lead, LeadFieldKey>;

/** Characters (code points). Names per the brief; company and title get room for long legal names. */
const MAX_LENGTH: Partial<Record<LeadFieldKey, number>> = {
  firstName: 100,
  lastName: 100,
  company: 200,
  jobTitle: 200,
  message: 5000,
};

const SINGLE_LINE_FIELDS: ReadonlySet<LeadFieldKey> = new Set([
  'firstName',
  'lastName',
  'company',
  'jobTitle',
]);

function cleanText(key: LeadFieldKey, raw: string | null): string | null {
  if (raw === null) return null;
  const trimmed = raw.trim();
  const cleaned = SINGLE_LINE_FIELDS.has(key) ? trimmed.replace(/\s+/g, ' ') : trimmed;
  return cleaned === '' ? null : cleaned;
}

function checkEmail(value: string | null, problems: FieldProblem[]): string | null {
  if (value === null) {
    problems.push({ field: 'email', reason: 'missing' });
    return null;
  }
  const email = value.toLowerCase();
  if (isValidEmail(email)) return email;
  problems.push({ field: 'email', reason: `not a valid address: ${quote(value)}` });
  return null;
}

function checkTimeZone(value: string | null, problems: FieldProblem[]): string | null {
  if (value === null) return null;
  const zone = normalizeTimeZone(value);
  if (zone === null) {
    problems.push({
      field: 'timeZone',
      reason: `not an IANA time zone (e.g. America/New_York): ${quote(value)}`,
    });
  }
  return zone;
}

/** The checked fields, with `email` null only when a problem says why. */
export function normalizeLeadFields(values: Record<LeadFieldKey, string | null>): {
  fields: Omit<LeadFields, 'email'> & { email: string | null };
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const text = (key: LeadFieldKey): string | null => {
    const cleaned = cleanText(key, values[key]);
    const max = MAX_LENGTH[key];
    // Code points are counted only when the UTF-16 length could exceed the limit (it is never fewer).
    const length = cleaned === null || max === undefined || cleaned.length <= max ? 0 : [...cleaned].length;
    if (max !== undefined && length > max) {
      problems.push({ field: key, reason: `longer than ${max} characters (${length})` });
    }
    return cleaned;
  };
  const fields = {
    email: checkEmail(text('email'), problems),
    firstName: text('firstName'),
    lastName: text('lastName'),
    company: text('company'),
    jobTitle: text('jobTitle'),
    phone: text('phone'),
    message: text('message'),
    timeZone: checkTimeZone(text('timeZone'), problems),
  };
  return { fields, problems };
}
