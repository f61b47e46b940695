// Calendar shapes to ours, pure: busy times as UTC instants (the response may carry any offset),
// and the per-calendar errors freebusy reports inside a 200 as domain errors.
import { PermanentError, TransientError, type AppError } from '../../domain/errors.js';
import type { BusyInterval } from '../../domain/ports/calendar.js';
import type { FreeBusyCalendar, FreeBusyResponse } from './schemas.js';

const TRANSIENT_REASONS = new Set(['internalError', 'backendError']);

export function toInstant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new PermanentError(`Calendar freebusy.query returned an unreadable time "${value}"`);
  return new Date(ms).toISOString();
}

/** The entry for the calendar asked about; Google keys it by the id we sent. */
export function pickCalendar(response: FreeBusyResponse, calendarId: string): FreeBusyCalendar | undefined {
  const entries = Object.entries(response.calendars);
  return response.calendars[calendarId] ?? (entries.length === 1 ? entries[0]![1] : undefined);
}

export function calendarErrorOf(entry: FreeBusyCalendar | undefined, calendarId: string, tenantId: string): AppError | null {
  if (entry === undefined) return new PermanentError(`Calendar freebusy.query for ${calendarId}: the response did not mention the calendar`);
  const reasons = (entry.errors ?? []).map((e) => e.reason);
  if (reasons.length === 0) return null;
  const details = { reasons, calendarId, tenantId };
  if (reasons.every((r) => TRANSIENT_REASONS.has(r))) {
    return new TransientError(`Calendar freebusy.query for ${calendarId} failed: ${reasons.join(', ')}`, { details });
  }
  const what = reasons.includes('notFound') ? 'not found or not shared with this account' : reasons.join(', ');
  return new PermanentError(`Calendar freebusy.query for ${calendarId} failed: ${what}`, { details });
}

export function mapBusy(entry: FreeBusyCalendar): BusyInterval[] {
  return entry.busy
    .map((b) => ({ start: toInstant(b.start), end: toInstant(b.end) }))
    .sort((a, b) => a.start.localeCompare(b.start));
}
